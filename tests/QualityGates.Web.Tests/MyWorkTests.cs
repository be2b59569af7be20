using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using QualityGates.Domain.Promises;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

public sealed class MyWorkTests(QualityGatesFactory factory) : IClassFixture<QualityGatesFactory>
{
    private static IElement? Section(IDocument home, string titleStart) =>
        home.QuerySelectorAll("h2").FirstOrDefault(h => h.TextContent.StartsWith(titleStart, StringComparison.Ordinal));

    [Fact]
    public async Task A_sales_rep_sees_drafts_rejected_promises_and_approved_ones_to_commit_of_their_department()
    {
        using var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync("sales@demo.local");
        var approved = await factory.WithDbAsync(db => db.Promises.CountAsync(p => p.Status == PromiseStatus.Approved
            && db.Departments.Any(d => d.Id == p.PromisingDepartmentId && d.Name.English == "Sales")));

        var home = await client.GetPageAsync("/");

        var toCommit = Section(home, Texts.English("Home.ToCommit.Title", approved).Split('(')[0]);
        Assert.NotNull(toCommit);
        Assert.Equal(Texts.English("Home.ToCommit.Title", approved), toCommit.TextContent);
        Assert.NotNull(Section(home, Texts.English("Home.Drafts.Title", 0).Split('(')[0]));
        Assert.NotNull(Section(home, Texts.English("Home.Rejected.Title", 0).Split('(')[0]));
        Assert.NotNull(Section(home, Texts.English("Home.AtRisk.Title", 0).Split('(')[0]));
        // Approved promises with open conditions are yellow; with no at-risk signal the badge must not say "at risk".
        var yellow = home.QuerySelectorAll("main .traffic-light.text-bg-warning");
        Assert.NotEmpty(yellow);
        Assert.All(yellow, badge => Assert.DoesNotContain("risk", badge.TextContent, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_sales_rep_finds_new_promise_before_the_lists_of_work_under_way()
    {
        using var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync("sales@demo.local");

        var home = await client.GetPageAsync("/");

        var main = home.QuerySelector("main")!;
        var newPromise = main.QuerySelector("a[href='/Promises/Create']");
        Assert.NotNull(newPromise);
        Assert.Equal(Texts.English("Promises.New"), newPromise.TextContent.Trim());
        var firstList = main.QuerySelector("h2, table")!;
        Assert.Equal(DocumentPositions.Following, newPromise.CompareDocumentPosition(firstList) & DocumentPositions.Following);
    }

    [Fact]
    public async Task The_promise_forms_examples_read_as_examples_not_as_values_already_typed()
    {
        using var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync("sales@demo.local");

        var form = await client.GetPageAsync("/Promises/Create");

        var placeholders = form.QuerySelectorAll("main input[placeholder]").Select(i => i.GetAttribute("placeholder")!).ToList();
        Assert.True(placeholders.Count >= 2, $"{placeholders.Count} placeholders");
        Assert.All(placeholders, p => Assert.StartsWith(Texts.English("Common.Example", ""), p, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_new_promises_proposed_due_date_is_said_to_be_a_proposal_and_an_edit_keeps_the_date_without_one()
    {
        using var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync("sales@demo.local");

        var form = await client.GetPageAsync("/Promises/Create");

        Assert.Equal(factory.FormDate(30), form.InputValue("Input.DueDate"));
        Assert.Equal(Texts.English("Promises.Form.DueDateProposed", 30), form.QuerySelector("#due-date-help")?.TextContent);
        Assert.Equal("due-date-help", form.QuerySelector("input[name='Input.DueDate']")!.GetAttribute("aria-describedby"));

        var created = await client.SubmitAsync("/Promises/Create", await factory.NewPromiseFormAsync("Due date chosen"));
        var edit = await client.GetPageAsync(created.Headers.Location!.PathAndQuery().Replace("Details", "Edit", StringComparison.Ordinal));
        Assert.Equal(factory.FormDate(60), edit.InputValue("Input.DueDate"));
        Assert.Null(edit.QuerySelector("#due-date-help"));
    }

    [Fact]
    public async Task A_service_manager_sees_reviews_waiting_and_outcomes_and_conditions_due()
    {
        using var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync("service.manager@demo.local");

        var home = await client.GetPageAsync("/");

        Assert.NotNull(Section(home, Texts.English("Home.Review.Title")));
        Assert.NotNull(Section(home, Texts.English("Home.OutcomesDue.Title", 0, 14).Split('(')[0]));
        Assert.NotNull(Section(home, Texts.English("Home.ConditionsDue.Title", 0, 3).Split('(')[0]));
        Assert.Null(Section(home, Texts.English("Home.ToCommit.Title", 0).Split('(')[0]));
    }

    [Fact]
    public async Task Aftersales_sees_the_closure_reviews_waiting_for_it()
    {
        using var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync("aftersales@demo.local");
        var waiting = await factory.WithDbAsync(db => db.GateReviews.CountAsync(r => r.Stage == Domain.Gates.GateStage.Closure && r.State == Domain.Gates.GateReviewState.Open));

        var home = await client.GetPageAsync("/");

        Assert.True(waiting > 0, "the demo data has kept promises waiting for their closure review");
        Assert.Contains(Texts.English("Home.AllReviews", waiting), home.Body!.TextContent);
    }
}
