using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

public sealed class FeasibilityReviewTests(QualityGatesFactory factory) : IClassFixture<QualityGatesFactory>
{
    /// <summary>
    /// A sales rep logs and submits a promise delivered by Service; returns its review's page. On-site within
    /// 24 h is stricter than the demo envelope (48 h), so a human decides unless the test asks for 48 h.
    /// </summary>
    private async Task<(int PromiseId, string ReviewUrl)> SubmittedAsync(string title, string hours = "24", string metric = "Time to on-site")
    {
        using var sales = factory.CreateTestClient();
        await sales.SignInSuccessfullyAsync("sales@demo.local");
        var created = await sales.SubmitAsync("/Promises/Create", new Dictionary<string, string>
        {
            ["Input.Title"] = title,
            ["Input.Statement"] = "Technician on site within 48 hours.",
            ["Input.CategoryId"] = await factory.CategoryAsync("Response time"),
            ["Input.CustomerId"] = await factory.FirstCustomerAsync(),
            ["Input.DeliveringDepartmentId"] = await factory.DepartmentAsync("Service"),
            ["Input.Source"] = nameof(PromiseSource.Offer),
            ["Input.TargetMetric"] = metric,
            ["Input.TargetComparator"] = nameof(TargetComparator.AtMost),
            ["Input.TargetValue"] = hours,
            ["Input.TargetUnit"] = "h",
            ["Input.DueDate"] = factory.FormDate(90),
        });
        var details = created.Headers.Location!.PathAndQuery();
        await sales.SubmitAsync(details, new Dictionary<string, string>(), "form[action*='handler=Submit']");
        var promiseId = int.Parse(details.Split('/').Last(), CultureInfo.InvariantCulture);
        var reviewId = await factory.WithDbAsync(db => db.GateReviews.Where(r => r.PromiseId == promiseId).Select(r => r.Id).SingleAsync());
        return (promiseId, $"/Reviews/Details/{reviewId}");
    }

    // "All 7 reviews waiting for your department" on the manager's home page.
    private static int WaitingCount(AngleSharp.Html.Dom.IHtmlDocument home) =>
        int.Parse(System.Text.RegularExpressions.Regex.Match(
            home.QuerySelector("a[href^='/Reviews?departmentId=']")!.TextContent, @"\d+").Value, CultureInfo.InvariantCulture);

    private Task<PromiseStatus> StatusAsync(int promiseId) =>
        factory.WithDbAsync(db => db.Promises.Where(p => p.Id == promiseId).Select(p => p.Status).SingleAsync());

    private static Dictionary<string, string> Answers(int count, string answer = "Met") =>
        Enumerable.Range(0, count).ToDictionary(i => $"Input.Answers[{i}].Answer", _ => answer);

    private async Task<TestClient> ManagerAsync(string email = "service.manager@demo.local")
    {
        var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync(email);
        return client;
    }

    [Fact]
    public async Task Submitting_opens_a_g1_review_that_waits_on_the_delivering_managers_work_list()
    {
        using var manager = await ManagerAsync();
        var before = WaitingCount(await manager.GetPageAsync("/"));

        var (_, reviewUrl) = await SubmittedAsync("On-site 48 h for the work list");

        Assert.Equal(before + 1, WaitingCount(await manager.GetPageAsync("/")));
        var review = await manager.GetPageAsync(reviewUrl);
        Assert.Equal(5, review.QuerySelectorAll("form[action*='handler=Decide'] tbody tr").Length);
        Assert.NotNull(review.QuerySelector("form[action*='handler=Decide'] button[type=submit]"));
    }

    [Fact]
    public async Task A_promise_inside_an_active_envelope_passes_g1_at_once_and_the_envelope_is_named()
    {
        var (promiseId, reviewUrl) = await SubmittedAsync("On-site 72 h, inside the envelope", hours: "72");
        using var manager = await ManagerAsync();

        Assert.Equal(PromiseStatus.Approved, await StatusAsync(promiseId));
        var review = await manager.GetPageAsync(reviewUrl);
        Assert.Contains(Texts.English("Reviews.ByEnvelope", "On-site within 48 h in Germany"), review.Body!.TextContent);
        Assert.Null(review.QuerySelector("form[action*='handler=Decide'] button[type=submit]"));
    }

    [Fact]
    public async Task A_promise_typed_with_the_envelopes_german_metric_lies_inside_it_too()
    {
        var (promiseId, _) = await SubmittedAsync("Vor Ort binnen 72 h", hours: "72", metric: "Zeit bis vor Ort");

        Assert.Equal(PromiseStatus.Approved, await StatusAsync(promiseId));
    }

    [Fact]
    public async Task A_go_with_every_mandatory_checkpoint_met_approves_the_promise()
    {
        var (promiseId, reviewUrl) = await SubmittedAsync("On-site 48 h, Go");
        using var manager = await ManagerAsync();
        var form = Answers(5);
        form["Input.Decision"] = nameof(GateDecision.Go);

        var response = await manager.SubmitAsync(reviewUrl, form, "form[action*='handler=Decide']");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(PromiseStatus.Approved, await StatusAsync(promiseId));
        var page = await manager.GetPageAsync(reviewUrl);
        Assert.Contains(Texts.English("Decision.Go"), page.QuerySelector(".badge")!.TextContent);
        Assert.Null(page.QuerySelector("form[action*='handler=Decide'] button[type=submit]"));
        var history = page.QuerySelector("section[aria-labelledby=history-title]")!.TextContent;
        Assert.Contains($"Stefan Service {Texts.English("History.GateReview.Decided.Go")}.", history);
    }

    [Fact]
    public async Task A_go_with_a_mandatory_checkpoint_not_met_is_refused_next_to_that_checkpoint()
    {
        var (promiseId, reviewUrl) = await SubmittedAsync("On-site 48 h, blocked Go");
        using var manager = await ManagerAsync();
        var form = Answers(5);
        form["Input.Answers[1].Answer"] = nameof(CheckpointAnswer.NotMet);
        form["Input.Answers[1].Note"] = "No technician free in the north";
        form["Input.Decision"] = nameof(GateDecision.Go);

        var page = await TestClient.ParseAsync(await manager.SubmitAsync(reviewUrl, form, "form[action*='handler=Decide']"));

        Assert.Equal(Texts.English("Reviews.MandatoryForGo"), page.FieldError("Input.Answers[1].Answer"));
        Assert.Equal("", page.FieldError("Input.Answers[0].Answer"));
        Assert.Equal("No technician free in the north", page.InputValue("Input.Answers[1].Note"));
        Assert.Equal(PromiseStatus.UnderReview, await StatusAsync(promiseId));
    }

    [Fact]
    public async Task A_conditional_go_records_conditions_that_their_owner_resolves()
    {
        var (promiseId, reviewUrl) = await SubmittedAsync("On-site 48 h, conditional");
        using var manager = await ManagerAsync();
        var ownerId = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == "sales@demo.local").Select(u => u.Id).SingleAsync());
        var form = Answers(5);
        form["Input.Decision"] = nameof(GateDecision.ConditionalGo);
        form["Input.Conditions[0].Text"] = "Customer confirms site access hours";
        form["Input.Conditions[0].OwnerId"] = ownerId;
        form["Input.Conditions[0].DueDate"] = factory.FormDate(10);

        var decided = await manager.SubmitAsync(reviewUrl, form, "form[action*='handler=Decide']");

        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        Assert.Equal(PromiseStatus.Approved, await StatusAsync(promiseId));
        using var owner = factory.CreateTestClient();
        await owner.SignInSuccessfullyAsync("sales@demo.local");
        var resolved = await owner.SubmitAsync(reviewUrl, new Dictionary<string, string> { ["note"] = "Confirmed by phone" }, "form.resolve-condition");
        Assert.Equal(HttpStatusCode.Redirect, resolved.StatusCode);
        var condition = await factory.WithDbAsync(db => db.GateReviews.Where(r => r.PromiseId == promiseId).SelectMany(r => r.Conditions).SingleAsync());
        Assert.NotNull(condition.ResolvedAtUtc);
        Assert.Equal("Confirmed by phone", condition.ResolutionNote);
    }

    [Fact]
    public async Task Withdrawing_a_promise_resolves_its_open_conditions_and_takes_its_waiting_review_off_the_work_list()
    {
        var (approvedId, approvedReview) = await SubmittedAsync("On-site 48 h, conditional, then withdrawn");
        var (waitingId, _) = await SubmittedAsync("On-site 24 h, withdrawn while waiting");
        using var manager = await ManagerAsync();
        var ownerId = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == "sales@demo.local").Select(u => u.Id).SingleAsync());
        var form = Answers(5);
        form["Input.Decision"] = nameof(GateDecision.ConditionalGo);
        form["Input.Conditions[0].Text"] = "Customer confirms site access hours";
        form["Input.Conditions[0].OwnerId"] = ownerId;
        form["Input.Conditions[0].DueDate"] = factory.FormDate(5);
        Assert.Equal(HttpStatusCode.Redirect, (await manager.SubmitAsync(approvedReview, form, "form[action*='handler=Decide']")).StatusCode);
        var waitingBefore = await WaitingCountAsync(manager);
        using var owner = factory.CreateTestClient();
        await owner.SignInSuccessfullyAsync("sales@demo.local");

        foreach (var id in new[] { approvedId, waitingId })
        {
            var withdrawn = await owner.SubmitAsync($"/Promises/Withdraw/{id}", new Dictionary<string, string> { ["Input.Reason"] = "Customer chose another offer" });
            Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        }

        var condition = await factory.WithDbAsync(db => db.GateReviews.Where(r => r.PromiseId == approvedId).SelectMany(r => r.Conditions).SingleAsync());
        Assert.Equal(("Customer chose another offer", ownerId), (condition.ResolutionNote, condition.ResolvedById));
        Assert.Equal(GateReviewState.Superseded, await factory.WithDbAsync(db => db.GateReviews.Where(r => r.PromiseId == waitingId).Select(r => r.State).SingleAsync()));
        Assert.Equal(waitingBefore - 1, await WaitingCountAsync(manager));
    }

    private static async Task<int> WaitingCountAsync(TestClient manager)
    {
        var home = await manager.GetPageAsync("/");
        return int.Parse(home.QuerySelector(".work-counts a[data-category=ReviewsWaiting] .work-count")!.TextContent, CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_conditional_go_without_a_complete_condition_is_refused_and_keeps_the_input()
    {
        var (promiseId, reviewUrl) = await SubmittedAsync("On-site 48 h, incomplete condition");
        using var manager = await ManagerAsync();
        var form = Answers(5);
        form["Input.Decision"] = nameof(GateDecision.ConditionalGo);
        form["Input.Conditions[0].Text"] = "Spare parts confirmed";
        var ownerId = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == "sales@demo.local").Select(u => u.Id).SingleAsync());
        form["Input.Conditions[1].Text"] = "Customer confirms site access hours";
        form["Input.Conditions[1].OwnerId"] = ownerId;
        form["Input.Conditions[1].DueDate"] = factory.FormDate(10);

        var page = await TestClient.ParseAsync(await manager.SubmitAsync(reviewUrl, form, "form[action*='handler=Decide']"));

        Assert.Equal(Texts.English("Reviews.ConditionOwnerRequired"), page.FieldError("Input.Conditions[0].OwnerId"));
        Assert.Equal(Texts.English("Reviews.ConditionDueRequired"), page.FieldError("Input.Conditions[0].DueDate"));
        Assert.Equal("Spare parts confirmed", page.InputValue("Input.Conditions[0].Text"));
        // The owner selects hold only what was chosen (people come from the type-ahead): the complete row keeps its owner.
        Assert.Equal([""], page.SelectOptions("Input.Conditions[0].OwnerId").Select(o => o.Value));
        var chosen = page.SelectOptions("Input.Conditions[1].OwnerId").Single(o => o.IsSelected);
        Assert.Equal((ownerId, "Sara Sales"), (chosen.Value, chosen.Text));
        Assert.Equal(2, page.SelectOptions("Input.Conditions[1].OwnerId").Count);
        var departments = $"departmentId={await factory.DepartmentAsync("Sales")}&departmentId={await factory.DepartmentAsync("Service")}";
        Assert.Equal($"/Users/Search?{departments}&active=True",
            page.QuerySelector("select[name='Input.Conditions[1].OwnerId']")!.GetAttribute("data-typeahead-url"));
        Assert.Equal(PromiseStatus.UnderReview, await StatusAsync(promiseId));
    }

    [Fact]
    public async Task A_no_go_rejects_the_promise_and_the_sales_rep_revises_it_into_a_draft()
    {
        var (promiseId, reviewUrl) = await SubmittedAsync("On-site 48 h, no-go");
        using var manager = await ManagerAsync();

        var noReason = await TestClient.ParseAsync(await manager.SubmitAsync(reviewUrl,
            new Dictionary<string, string> { ["Input.Decision"] = nameof(GateDecision.NoGo) }, "form[action*='handler=Decide']"));
        Assert.Equal(Texts.English("Reviews.ReasonRequired"), noReason.FieldError("Input.Reason"));

        await manager.SubmitAsync(reviewUrl, new Dictionary<string, string>
        {
            ["Input.Decision"] = nameof(GateDecision.NoGo),
            ["Input.Reason"] = "No technicians in that region",
        }, "form[action*='handler=Decide']");
        Assert.Equal(PromiseStatus.Rejected, await StatusAsync(promiseId));

        using var sales = factory.CreateTestClient();
        await sales.SignInSuccessfullyAsync("sales@demo.local");
        await sales.SubmitAsync($"/Promises/Details/{promiseId}", new Dictionary<string, string>(), "form[action*='handler=Revise']");
        Assert.Equal(PromiseStatus.Draft, await StatusAsync(promiseId));
    }

    [Theory]
    [InlineData("projects.manager@demo.local")]
    [InlineData("sales@demo.local")]
    [InlineData("exec@demo.local")]
    public async Task Only_a_manager_of_the_deciding_department_may_decide(string email)
    {
        var (promiseId, reviewUrl) = await SubmittedAsync($"On-site 48 h, refused to {email}");
        using var manager = await ManagerAsync();
        var decideForm = await manager.GetPageAsync(reviewUrl);
        using var other = factory.CreateTestClient();
        await other.SignInSuccessfullyAsync(email);
        var page = await other.GetPageAsync(reviewUrl);
        Assert.Null(page.QuerySelector("form[action*='handler=Decide'] button[type=submit]"));

        var token = page.InputValue("__RequestVerificationToken");
        var form = Answers(5);
        form["Input.Decision"] = nameof(GateDecision.Go);
        form["__RequestVerificationToken"] = token;
        var response = await other.SubmitAsync(decideForm, form, "form[action*='handler=Decide']");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(PromiseStatus.UnderReview, await StatusAsync(promiseId));
    }

    [Fact]
    public async Task Two_decisions_on_one_review_at_the_same_time_one_wins_and_the_other_is_told()
    {
        var (promiseId, reviewUrl) = await SubmittedAsync("On-site 48 h, race");
        using var first = await ManagerAsync();
        using var second = await ManagerAsync();
        var firstForm = await first.GetPageAsync(reviewUrl);
        var secondForm = await second.GetPageAsync(reviewUrl);
        var go = Answers(5);
        go["Input.Decision"] = nameof(GateDecision.Go);
        var noGo = new Dictionary<string, string> { ["Input.Decision"] = nameof(GateDecision.NoGo), ["Input.Reason"] = "No capacity" };

        var responses = await Task.WhenAll(
            first.SubmitAsync(firstForm, go, "form[action*='handler=Decide']"),
            second.SubmitAsync(secondForm, noGo, "form[action*='handler=Decide']"));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        var loser = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        var page = await TestClient.ParseAsync(loser);
        Assert.Contains(Texts.English("Messages.ConcurrencyConflict"), page.QuerySelector(".alert-danger")!.TextContent);
        var decisions = await factory.WithDbAsync(db => db.GateReviews.Where(r => r.PromiseId == promiseId).SelectMany(r => r.Decisions).CountAsync());
        Assert.Equal(1, decisions);
        Assert.Contains(await StatusAsync(promiseId), new[] { PromiseStatus.Approved, PromiseStatus.Rejected });
    }
}
