using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;
using QualityGates.Web.Telemetry;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

public sealed class HandoverTests(QualityGatesFactory factory) : IClassFixture<QualityGatesFactory>
{
    private const string Decide = "form[action*='handler=Decide']";

    private static Dictionary<string, string> AllMet(int count, string decision) =>
        Enumerable.Range(0, count).ToDictionary(i => $"Input.Answers[{i}].Answer", _ => "Met").Concat([new("Input.Decision", decision)]).ToDictionary();

    private async Task<TestClient> SignedInAsync(string email)
    {
        var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync(email);
        return client;
    }

    private Task<int> ReviewIdAsync(int promiseId, GateStage stage) =>
        factory.WithDbAsync(db => db.GateReviews.Where(r => r.PromiseId == promiseId && r.Stage == stage).Select(r => r.Id).SingleAsync());

    private Task<PromiseStatus> StatusAsync(int promiseId) =>
        factory.WithDbAsync(db => db.Promises.Where(p => p.Id == promiseId).Select(p => p.Status).SingleAsync());

    /// <summary>Sales logs and submits; Service decides G1 (a Go, or a Conditional Go owned by the sales rep).</summary>
    private async Task<int> ApprovedAsync(string title, bool withCondition = false)
    {
        using var sales = await SignedInAsync("sales@demo.local");
        var created = await sales.SubmitAsync("/Promises/Create", new Dictionary<string, string>
        {
            ["Input.Title"] = title,
            ["Input.Statement"] = "Spare parts ship within 24 hours.",
            ["Input.CategoryId"] = await factory.CategoryAsync("Delivery date"),
            ["Input.CustomerId"] = await factory.FirstCustomerAsync(),
            ["Input.DeliveringDepartmentId"] = await factory.DepartmentAsync("Service"),
            ["Input.Source"] = nameof(PromiseSource.Contract),
            ["Input.TargetMetric"] = "Shipping time",
            ["Input.TargetComparator"] = nameof(TargetComparator.AtMost),
            ["Input.TargetValue"] = "24",
            ["Input.TargetUnit"] = "h",
            ["Input.DueDate"] = factory.FormDate(120),
        });
        var details = created.Headers.Location!.PathAndQuery();
        await sales.SubmitAsync(details, new Dictionary<string, string>(), "form[action*='handler=Submit']");
        var promiseId = int.Parse(details.Split('/').Last(), CultureInfo.InvariantCulture);

        using var manager = await SignedInAsync("service.manager@demo.local");
        var form = AllMet(5, withCondition ? nameof(GateDecision.ConditionalGo) : nameof(GateDecision.Go));
        if (withCondition)
        {
            form["Input.Conditions[0].Text"] = "Stock level confirmed";
            form["Input.Conditions[0].OwnerId"] = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == "sales@demo.local").Select(u => u.Id).SingleAsync());
            form["Input.Conditions[0].DueDate"] = factory.FormDate(7);
        }

        var decided = await manager.SubmitAsync($"/Reviews/Details/{await ReviewIdAsync(promiseId, GateStage.Feasibility)}", form, Decide);
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        Assert.Equal(PromiseStatus.Approved, await StatusAsync(promiseId));
        return promiseId;
    }

    private async Task CommitAsync(int promiseId, string channel = "Contract")
    {
        using var sales = await SignedInAsync("sales@demo.local");
        var response = await sales.SubmitAsync($"/Promises/Details/{promiseId}",
            new Dictionary<string, string> { ["Commit.CommittedOn"] = factory.FormDate(0), ["Commit.Channel"] = channel }, "form.commit-form");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task The_owner_commits_an_approved_promise_and_service_accepts_the_handover_into_delivery()
    {
        var promiseId = await ApprovedAsync("Spare parts in 24 h, handed over");

        await CommitAsync(promiseId);
        Assert.Equal(PromiseStatus.Committed, await StatusAsync(promiseId));
        using var manager = await SignedInAsync("service.manager@demo.local");
        var accepted = await manager.SubmitAsync($"/Reviews/Details/{await ReviewIdAsync(promiseId, GateStage.Handover)}", AllMet(4, nameof(GateDecision.Go)), Decide);

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(PromiseStatus.InDelivery, await StatusAsync(promiseId));
        var stored = await factory.WithDbAsync(db => db.Promises.AsNoTracking().SingleAsync(p => p.Id == promiseId));
        Assert.Equal((factory.Today, CommitChannel.Contract), (stored.CommittedOn!.Value, stored.CommitChannel!.Value));
    }

    [Fact]
    public async Task Someone_who_may_not_accept_a_handover_is_told_who_decides_it()
    {
        var promiseId = await ApprovedAsync("Spare parts in 24 h, watched by the executive");
        await CommitAsync(promiseId);
        using var executive = await SignedInAsync("exec@demo.local");

        var review = await executive.GetPageAsync($"/Reviews/Details/{await ReviewIdAsync(promiseId, GateStage.Handover)}");

        var text = review.QuerySelector("main")!.TextContent;
        Assert.Contains(Texts.English("Reviews.WhyNoDecision.NotDeciding", "Service"), text);
        Assert.DoesNotContain(Texts.English("Reviews.WhyNoDecision.NotUnderReview", "Committed"), text);
    }

    [Fact]
    public async Task Committing_needs_a_date_not_in_the_future_and_a_channel()
    {
        var promiseId = await ApprovedAsync("Spare parts in 24 h, commit form");
        using var sales = await SignedInAsync("sales@demo.local");

        var page = await TestClient.ParseAsync(await sales.SubmitAsync($"/Promises/Details/{promiseId}",
            new Dictionary<string, string> { ["Commit.CommittedOn"] = factory.FormDate(3), ["Commit.Channel"] = "" }, "form.commit-form"));

        Assert.Equal(Texts.English("Promises.Commit.DateInFuture"), page.FieldError("Commit.CommittedOn"));
        Assert.Equal(Texts.English("Promises.Commit.ChannelRequired"), page.FieldError("Commit.Channel"));
        Assert.Equal(PromiseStatus.Approved, await StatusAsync(promiseId));
    }

    [Fact]
    public async Task Open_feasibility_conditions_block_the_acceptance_until_they_are_resolved()
    {
        var promiseId = await ApprovedAsync("Spare parts in 24 h, with a condition", withCondition: true);
        await CommitAsync(promiseId);
        var handoverUrl = $"/Reviews/Details/{await ReviewIdAsync(promiseId, GateStage.Handover)}";
        using var manager = await SignedInAsync("service.manager@demo.local");

        var blocked = await TestClient.ParseAsync(await manager.SubmitAsync(handoverUrl, AllMet(4, nameof(GateDecision.Go)), Decide));
        Assert.Contains(Texts.English("Error.OpenConditionsBlockHandover"), blocked.QuerySelector(".alert-danger")!.TextContent);
        Assert.Equal(PromiseStatus.Committed, await StatusAsync(promiseId));

        using var sales = await SignedInAsync("sales@demo.local");
        await sales.SubmitAsync($"/Reviews/Details/{await ReviewIdAsync(promiseId, GateStage.Feasibility)}",
            new Dictionary<string, string> { ["note"] = "Stock confirmed" }, "form.resolve-condition");
        var accepted = await manager.SubmitAsync(handoverUrl, AllMet(4, nameof(GateDecision.Go)), Decide);

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(PromiseStatus.InDelivery, await StatusAsync(promiseId));
    }

    [Fact]
    public async Task A_returned_handover_is_completed_and_handed_over_again_by_the_promising_side()
    {
        var promiseId = await ApprovedAsync("Spare parts in 24 h, returned once");
        await CommitAsync(promiseId);
        var handoverUrl = $"/Reviews/Details/{await ReviewIdAsync(promiseId, GateStage.Handover)}";
        using var manager = await SignedInAsync("service.manager@demo.local");
        var missing = AllMet(4, nameof(GateDecision.Recycle));
        missing["Input.Answers[1].Answer"] = nameof(CheckpointAnswer.NotMet);
        missing["Input.Reason"] = "Customer contacts are missing";

        var returned = await manager.SubmitAsync(handoverUrl, missing, Decide);
        Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);
        Assert.Equal(GateReviewState.Returned, await factory.WithDbAsync(db => db.GateReviews.Where(r => r.PromiseId == promiseId && r.Stage == GateStage.Handover).Select(r => r.State).SingleAsync()));
        Assert.Null((await manager.GetPageAsync(handoverUrl)).QuerySelector(Decide + " button[type=submit]"));

        using var sales = await SignedInAsync("sales@demo.local");
        var again = await sales.SubmitAsync(handoverUrl, new Dictionary<string, string>(), "form.hand-over-again");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var accepted = await manager.SubmitAsync(handoverUrl, AllMet(4, nameof(GateDecision.Go)), Decide);

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(PromiseStatus.InDelivery, await StatusAsync(promiseId));
    }

    [Fact]
    public async Task Another_department_cannot_commit_or_hand_over_again()
    {
        var promiseId = await ApprovedAsync("Spare parts in 24 h, not theirs");
        using var owner = await SignedInAsync("sales@demo.local");
        var page = await owner.GetPageAsync($"/Promises/Details/{promiseId}");
        using var presales = await SignedInAsync("presales@demo.local");
        var token = (await presales.GetPageAsync("/Account/ChangePassword")).InputValue("__RequestVerificationToken");

        var response = await presales.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Commit.CommittedOn"] = factory.FormDate(0),
            ["Commit.Channel"] = "Email",
            ["__RequestVerificationToken"] = token,
        }, "form.commit-form");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(PromiseStatus.Approved, await StatusAsync(promiseId));
    }

    private async Task<int> InDeliveryAsync(string title)
    {
        var promiseId = await ApprovedAsync(title);
        await CommitAsync(promiseId);
        using var manager = await SignedInAsync("service.manager@demo.local");
        await manager.SubmitAsync($"/Reviews/Details/{await ReviewIdAsync(promiseId, GateStage.Handover)}", AllMet(4, nameof(GateDecision.Go)), Decide);
        Assert.Equal(PromiseStatus.InDelivery, await StatusAsync(promiseId));
        return promiseId;
    }

    [Fact]
    public async Task The_delivering_manager_flags_a_risk_and_records_a_broken_outcome_that_aftersales_closes()
    {
        using var outcomes = new MetricCollector<long>(
            factory.Services.GetRequiredService<IMeterFactory>(), QualityGatesMetrics.MeterName, "qualitygates.promise.outcomes");
        var promiseId = await InDeliveryAsync("Spare parts in 24 h, delivered late");
        var details = $"/Promises/Details/{promiseId}";
        using var manager = await SignedInAsync("service.manager@demo.local");

        await manager.SubmitAsync(details, new Dictionary<string, string> { ["Risk.Reason"] = "Carrier strike" }, "form.risk-form");
        var red = await manager.GetPageAsync(details);
        Assert.Equal(Texts.English("TrafficLight.Red"), red.QuerySelector(".traffic-light")!.TextContent);
        await manager.SubmitAsync(details, new Dictionary<string, string> { ["Risk.Reason"] = "Carrier strike", ["Risk.Measure"] = "Courier booked" }, "form.risk-form");
        Assert.Equal(Texts.English("TrafficLight.Yellow"), (await manager.GetPageAsync(details)).QuerySelector(".traffic-light")!.TextContent);

        var noCause = await TestClient.ParseAsync(await manager.SubmitAsync(details, new Dictionary<string, string>
        {
            ["Outcome.Kind"] = nameof(OutcomeKind.Broken),
            ["Outcome.ActualValue"] = "36",
            ["Outcome.Evidence"] = "Shipping log",
        }, "form.outcome-form"));
        Assert.Equal(Texts.English("Promises.Outcome.CauseRequired"), noCause.FieldError("Outcome.BreachCause"));
        Assert.Equal("Shipping log", noCause.InputValue("Outcome.Evidence"));

        await manager.SubmitAsync(details, new Dictionary<string, string>
        {
            ["Outcome.Kind"] = nameof(OutcomeKind.Broken),
            ["Outcome.ActualValue"] = "36",
            ["Outcome.Evidence"] = "Shipping log",
            ["Outcome.BreachCause"] = nameof(BreachCause.Execution),
        }, "form.outcome-form");
        Assert.Equal(PromiseStatus.Broken, await StatusAsync(promiseId));
        // Operations see it too: one broken outcome in the app's metrics (the refused attempt above counts nothing).
        Assert.Equal("Broken", Assert.Single(outcomes.GetMeasurementSnapshot()).Tags["promise.outcome"]);

        using var afterSales = await SignedInAsync("aftersales@demo.local");
        var closure = $"/Reviews/Details/{await ReviewIdAsync(promiseId, GateStage.Closure)}";
        var closed = await afterSales.SubmitAsync(closure, AllMet(3, nameof(GateDecision.Go)), Decide);
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.Equal(GateReviewState.Decided, await factory.WithDbAsync(db => db.GateReviews.Where(r => r.PromiseId == promiseId && r.Stage == GateStage.Closure).Select(r => r.State).SingleAsync()));
    }

    [Fact]
    public async Task Only_the_delivering_department_records_the_outcome()
    {
        var promiseId = await InDeliveryAsync("Spare parts in 24 h, not Projects'");
        using var service = await SignedInAsync("service.manager@demo.local");
        var page = await service.GetPageAsync($"/Promises/Details/{promiseId}");
        using var projects = await SignedInAsync("projects.manager@demo.local");
        Assert.Null((await projects.GetPageAsync($"/Promises/Details/{promiseId}")).QuerySelector("form.outcome-form"));
        var token = (await projects.GetPageAsync("/Account/ChangePassword")).InputValue("__RequestVerificationToken");

        var response = await projects.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Outcome.Kind"] = nameof(OutcomeKind.Kept),
            ["Outcome.Evidence"] = "Trust me",
            ["__RequestVerificationToken"] = token,
        }, "form.outcome-form");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(PromiseStatus.InDelivery, await StatusAsync(promiseId));
    }

    [Fact]
    public async Task Changing_a_committed_promise_makes_a_new_revision_and_reopens_the_feasibility_gate()
    {
        var promiseId = await ApprovedAsync("Spare parts in 24 h, target moves");
        await CommitAsync(promiseId);
        using var sales = await SignedInAsync("sales@demo.local");
        var changeUrl = $"/Promises/Change/{promiseId}";

        var noReason = await TestClient.ParseAsync(await sales.SubmitAsync(changeUrl, new Dictionary<string, string> { ["Input.TargetValue"] = "12" }));
        Assert.Equal(Texts.English("Promises.Change.ReasonRequired"), noReason.FieldError("Reason.Kind"));
        Assert.Equal("12", noReason.InputValue("Input.TargetValue"));
        Assert.Equal(PromiseStatus.Committed, await StatusAsync(promiseId));

        var changed = await sales.SubmitAsync(changeUrl, new Dictionary<string, string>
        {
            ["Input.TargetValue"] = "12",
            ["Reason.Kind"] = nameof(RevisionReason.CustomerRequest),
            ["Reason.Text"] = "Customer needs same-day shipping",
        });

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(PromiseStatus.UnderReview, await StatusAsync(promiseId));
        var reviews = await factory.WithDbAsync(db => db.GateReviews.Where(r => r.PromiseId == promiseId).OrderBy(r => r.Id).Select(r => new { r.Stage, r.State }).ToListAsync());
        Assert.Equal(GateReviewState.Superseded, reviews.Single(r => r.Stage == GateStage.Handover).State);
        Assert.Equal(GateReviewState.Open, reviews.Last().State);
        Assert.Equal(GateStage.Feasibility, reviews.Last().Stage);

        var diff = await sales.GetPageAsync($"/Promises/Revisions/{promiseId}");
        var targetRow = diff.QuerySelectorAll(".revision-diff tbody tr").Single(r => r.ClassList.Contains("table-warning"));
        Assert.Contains("24 h", targetRow.Children[1].TextContent);
        Assert.Contains("12 h", targetRow.Children[2].TextContent);
    }
}
