using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;
using QualityGates.Web.Tests.Infrastructure;
using static QualityGates.Web.Tests.Infrastructure.ValueChains;

namespace QualityGates.Web.Tests;

/// <summary>A promise built by Production, installed by Projects and run by Service, through the pages of every role.</summary>
public sealed class ValueChainTests(QualityGatesFactory factory) : IClassFixture<QualityGatesFactory>
{
    private Task<TestClient> SignedInAsync(string email) => factory.SignedInAsync(email);

    private Task<Dictionary<string, string>> ChainFormAsync(string title) => factory.ChainFormAsync(title);

    private async Task<int> SubmittedAsync(string title) => await factory.SubmittedAsync(await ChainFormAsync(title));

    private Task<Dictionary<int, int>> OpenReviewsByLinkAsync(int promiseId, GateStage stage) => factory.OpenReviewsByLinkAsync(promiseId, stage);

    private Task<Promise> PromiseAsync(int promiseId) =>
        factory.WithDbAsync(db => db.Promises.AsNoTracking().SingleAsync(p => p.Id == promiseId));

    private static Task<HttpResponseMessage> DecideAsync(TestClient manager, int reviewId, GateDecision decision, string? reason = null) =>
        manager.DecideAsync(reviewId, decision, reason);

    private Task DecideLinkAsync(string manager, int reviewId, GateDecision decision, string? reason = null) =>
        factory.DecideLinkAsync(manager, reviewId, decision, reason);

    private async Task<int> ApprovedAsync(string title) => await factory.ApprovedAsync(await ChainFormAsync(title));

    private async Task<int> WithProductionAsync(string title) => await factory.WithProductionAsync(await ChainFormAsync(title));

    /// <summary>Posts a form of a page another user was shown as <paramref name="other"/> would: with their own antiforgery token.</summary>
    private static async Task<HttpResponseMessage> PostAsAsync(TestClient other, IHtmlDocument page, string formSelector, Dictionary<string, string>? fields = null)
    {
        var token = (await other.GetPageAsync("/Account/ChangePassword")).InputValue("__RequestVerificationToken");
        return await other.SubmitAsync(page, new Dictionary<string, string>(fields ?? []) { ["__RequestVerificationToken"] = token }, formSelector);
    }

    [Fact]
    public async Task A_sales_rep_logs_three_links_and_the_promise_is_approved_only_when_each_links_manager_said_go()
    {
        var promiseId = await SubmittedAsync("Line availability 95 %, three links");

        var promise = await PromiseAsync(promiseId);
        Assert.Equal(["build", "install", "operate"], promise.Links.Select(l => l.Part));
        Assert.Equal(factory.Today.AddDays(30), promise.Links[1].ReceiveBy);
        var reviews = await OpenReviewsByLinkAsync(promiseId, GateStage.Feasibility);
        Assert.Equal([1, 2, 3], reviews.Keys.Order());

        // Production's manager sees Projects' review but cannot decide it.
        using var production = await SignedInAsync(Production);
        Assert.Null((await production.GetPageAsync($"/Reviews/Details/{reviews[2]}")).QuerySelector(Decide + " button[type=submit]"));
        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(production, reviews[1], GateDecision.Go)).StatusCode);
        await DecideLinkAsync(Service, reviews[3], GateDecision.Go);
        Assert.Equal(PromiseStatus.UnderReview, (await PromiseAsync(promiseId)).Status);

        using var sales = await SignedInAsync("sales@demo.local");
        var waiting = await sales.GetPageAsync($"/Promises/Details/{promiseId}");
        Assert.Equal(["Go", "G1 waiting", "Go"], waiting.QuerySelectorAll(".chain-links li .badge").Select(b => b.TextContent.Trim()));

        await DecideLinkAsync(Projects, reviews[2], GateDecision.Go);
        Assert.Equal(PromiseStatus.Approved, (await PromiseAsync(promiseId)).Status);
        var approved = await sales.GetPageAsync($"/Promises/Details/{promiseId}");
        Assert.Equal(["Production · build", "Projects · install", "Service · operate"],
            approved.QuerySelectorAll(".chain-links li").Select(li => string.Join(" ", li.TextContent.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries)).Split(" Go")[0]));
    }

    [Fact]
    public async Task One_links_no_go_rejects_the_promise_and_the_other_links_have_nothing_left_to_decide()
    {
        var promiseId = await SubmittedAsync("Line availability 95 %, refused by Projects");
        var reviews = await OpenReviewsByLinkAsync(promiseId, GateStage.Feasibility);

        await DecideLinkAsync(Production, reviews[1], GateDecision.Go);
        await DecideLinkAsync(Projects, reviews[2], GateDecision.NoGo, "No installation crew in that region before summer");

        Assert.Equal(PromiseStatus.Rejected, (await PromiseAsync(promiseId)).Status);
        Assert.Equal(GateReviewState.Superseded, await factory.WithDbAsync(db => db.GateReviews.Where(r => r.Id == reviews[3]).Select(r => r.State).SingleAsync()));
        using var service = await SignedInAsync(Service);
        Assert.Null((await service.GetPageAsync($"/Reviews/Details/{reviews[3]}")).QuerySelector(Decide + " button[type=submit]"));
    }

    [Fact]
    public async Task A_no_go_of_one_link_resolves_the_conditions_another_link_set_in_that_round()
    {
        var promiseId = await SubmittedAsync("Line availability 95 %, conditional then refused");
        var reviews = await OpenReviewsByLinkAsync(promiseId, GateStage.Feasibility);
        using (var production = await SignedInAsync(Production))
        {
            var withCondition = new Dictionary<string, string>
            {
                ["Input.Conditions[0].Text"] = "Spare parts stocked at the plant",
                ["Input.Conditions[0].OwnerId"] = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == Production).Select(u => u.Id).SingleAsync()),
                ["Input.Conditions[0].DueDate"] = factory.FormDate(7),
            };
            Assert.Equal(HttpStatusCode.Redirect, (await production.DecideAsync(reviews[1], GateDecision.ConditionalGo, more: withCondition)).StatusCode);
        }

        await DecideLinkAsync(Projects, reviews[2], GateDecision.NoGo, "No installation crew in that region before summer");

        Assert.Equal(PromiseStatus.Rejected, (await PromiseAsync(promiseId)).Status);
        var condition = await factory.WithDbAsync(db => db.GateReviews.Where(r => r.Id == reviews[1]).SelectMany(r => r.Conditions).SingleAsync());
        Assert.NotNull(condition.ResolvedAtUtc);
    }

    [Fact]
    public async Task Each_link_hands_over_to_the_next_and_only_the_department_holding_the_promise_delivers()
    {
        var promiseId = await WithProductionAsync("Line availability 95 %, along the chain");
        using var production = await SignedInAsync(Production);
        using var projects = await SignedInAsync(Projects);
        var page = await production.GetPageAsync($"/Promises/Details/{promiseId}");
        Assert.Contains("With Production since", page.QuerySelector(".chain-position")!.TextContent);
        Assert.Contains("handover to Projects due", page.QuerySelector(".chain-position")!.TextContent);

        // Projects does not hold it yet: it can neither hand it on nor raise a risk.
        Assert.Null((await projects.GetPageAsync($"/Promises/Details/{promiseId}")).QuerySelector("form.hand-on-form"));
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsAsync(projects, page, "form.hand-on-form")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsAsync(projects, page, "form.risk-form", new() { ["Risk.Reason"] = "Crew short" })).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await production.SubmitAsync(page, new Dictionary<string, string>(), "form.hand-on-form")).StatusCode);
        var toProjects = (await OpenReviewsByLinkAsync(promiseId, GateStage.Handover))[2];
        Assert.Equal(await factory.DepartmentAsync("Projects"),
            (await factory.WithDbAsync(db => db.GateReviews.Where(r => r.Id == toProjects).Select(r => r.DecidingDepartmentId).SingleAsync())).ToString(CultureInfo.InvariantCulture));

        // Projects returns it for completion; Production, not the sales rep, hands it over again.
        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(projects, toProjects, GateDecision.Recycle, "Factory acceptance report missing")).StatusCode);
        Assert.Equal("Production", await HoldingAsync(promiseId));
        using var sales = await SignedInAsync("sales@demo.local");
        Assert.Null((await sales.GetPageAsync($"/Reviews/Details/{toProjects}")).QuerySelector("form.hand-over-again"));
        Assert.Equal(HttpStatusCode.Redirect, (await production.SubmitAsync($"/Reviews/Details/{toProjects}", new Dictionary<string, string>(), "form.hand-over-again")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(projects, toProjects, GateDecision.Go)).StatusCode);
        Assert.Equal("Projects", await HoldingAsync(promiseId));

        // Now Projects delivers and Production no longer does.
        var projectsPage = await projects.GetPageAsync($"/Promises/Details/{promiseId}");
        Assert.NotNull(projectsPage.QuerySelector("form.risk-form"));
        Assert.Null((await production.GetPageAsync($"/Promises/Details/{promiseId}")).QuerySelector("form.risk-form"));
        Assert.Contains("With Projects since", projectsPage.QuerySelector(".chain-position")!.TextContent);
    }

    [Fact]
    public async Task The_outcome_names_the_link_where_the_promise_broke()
    {
        var promiseId = await WithProductionAsync("Line availability 95 %, broken");
        using var production = await SignedInAsync(Production);
        var page = await production.GetPageAsync($"/Promises/Details/{promiseId}");
        Assert.Equal(["1. Production", "2. Projects", "3. Service"], page.SelectOptions("Outcome.BrokenAtDepartmentId").Select(o => o.TextContent));
        Assert.Equal(await factory.DepartmentAsync("Production"), page.QuerySelector<IHtmlSelectElement>("select[name='Outcome.BrokenAtDepartmentId']")!.Value);

        var recorded = await production.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Outcome.Kind"] = nameof(OutcomeKind.Broken),
            ["Outcome.Evidence"] = "The line was never built to spec.",
            ["Outcome.BreachCause"] = nameof(BreachCause.UnrealisticAtGate),
        }, "form.outcome-form");

        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        Assert.Equal("Production", await BrokenAtAsync(promiseId));
        var after = await production.GetPageAsync($"/Promises/Details/{promiseId}");
        Assert.Contains("Broken at: Production", after.QuerySelector(".broken-at")!.TextContent);
    }

    [Fact]
    public async Task The_parts_colleagues_gave_links_of_a_category_are_suggested_for_that_category()
    {
        await SubmittedAsync("Line availability 95 %, parts suggested");
        using var sales = await SignedInAsync("sales@demo.local");

        var form = await sales.GetPageAsync("/Promises/Create");

        var responseTime = await factory.CategoryAsync("Response time");
        var suggested = form.QuerySelectorAll($"datalist#link-parts-{responseTime} option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal(["build", "install", "operate"], suggested.Take(3).Order());
        Assert.Contains("commission", suggested);
        Assert.All(form.QuerySelectorAll("input[data-link-part]"), i => Assert.Equal("link-parts", i.GetAttribute("list")));
    }

    [Fact]
    public async Task A_department_twice_or_a_part_without_department_is_refused_next_to_its_row_with_the_input_kept()
    {
        using var sales = await SignedInAsync("sales@demo.local");
        var form = await ChainFormAsync("Twice in the chain");
        form["Input.FurtherLinks[1].DepartmentId"] = await factory.DepartmentAsync("Production");
        form["Input.FurtherLinks[2].Part"] = "recycle";

        var response = await sales.SubmitAsync("/Promises/Create", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        Assert.Equal("A department appears only once in the value chain.", page.FieldError("Input.FurtherLinks[1].DepartmentId"));
        Assert.Equal("Choose the department of this link, or clear its part and date.", page.FieldError("Input.FurtherLinks[2].DepartmentId"));
        Assert.Equal("recycle", page.InputValue("Input.FurtherLinks[2].Part"));
        Assert.Equal("install", page.InputValue("Input.FurtherLinks[0].Part"));
    }

    [Fact]
    public async Task A_revision_of_one_links_part_asks_only_that_link_again()
    {
        var promiseId = await ApprovedAsync("Line availability 95 %, Service's part changed");
        using var sales = await SignedInAsync("sales@demo.local");
        factory.Clock.Advance(TimeSpan.FromMinutes(7));

        var changed = await sales.SubmitAsync($"/Promises/Change/{promiseId}", new Dictionary<string, string>
        {
            ["Input.FurtherLinks[1].Part"] = "operate and maintain",
            ["Reason.Kind"] = nameof(RevisionReason.CustomerRequest),
            ["Reason.Text"] = "Customer wants maintenance included",
        });

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal([3], (await OpenReviewsByLinkAsync(promiseId, GateStage.Feasibility)).Keys);
        var newest = (await sales.GetPageAsync($"/Promises/Details/{promiseId}")).QuerySelectorAll("ol.history > li")[0];
        Assert.Contains("Part: operate → operate and maintain",
            newest.QuerySelectorAll(".history-changes li").Select(li => string.Join(" ", li.TextContent.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries))));
        await DecideLinkAsync(Service, (await OpenReviewsByLinkAsync(promiseId, GateStage.Feasibility))[3], GateDecision.Go);
        Assert.Equal(PromiseStatus.Approved, (await PromiseAsync(promiseId)).Status);
    }

    private Task<string> HoldingAsync(int promiseId) => factory.WithDbAsync(db =>
        (from p in db.Promises join d in db.Departments on p.HoldingDepartmentId equals d.Id where p.Id == promiseId select d.Name.English).SingleAsync());

    private Task<string> BrokenAtAsync(int promiseId) => factory.WithDbAsync(db =>
        (from p in db.Promises join d in db.Departments on p.BrokenAtDepartmentId equals d.Id where p.Id == promiseId select d.Name.English).SingleAsync());
}
