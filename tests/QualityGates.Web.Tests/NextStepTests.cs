using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

/// <summary>After every step the promise and its reviews say what happens next, who takes it, and whether that is the reader.</summary>
public sealed class NextStepTests(QualityGatesFactory factory) : IClassFixture<QualityGatesFactory>
{
    private const string Decide = "form[action*='handler=Decide']";

    private async Task<TestClient> SignedInAsync(string email, string language = "en")
    {
        var client = factory.CreateTestClient();
        client.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        await client.SignInSuccessfullyAsync(email);
        return client;
    }

    private Task<int> ReviewIdAsync(int promiseId, GateStage stage) =>
        factory.WithDbAsync(db => db.GateReviews.Where(r => r.PromiseId == promiseId && r.Stage == stage).Select(r => r.Id).SingleAsync());

    private static Dictionary<string, string> AllMet(int count, string decision) =>
        Enumerable.Range(0, count).ToDictionary(i => $"Input.Answers[{i}].Answer", _ => "Met").Concat([new("Input.Decision", decision)]).ToDictionary();

    /// <summary>The next-step box of a page: its sentence, and whether it says "your turn".</summary>
    private static async Task<(string Text, bool YourTurn)> NextStepAsync(TestClient client, string url)
    {
        var box = (await client.GetPageAsync(url)).QuerySelector(".next-step");
        Assert.NotNull(box);
        return (box.TextContent, box.QuerySelector(".badge") is not null);
    }

    private static async Task AssertNextAsync(TestClient client, string url, string sentence, bool yourTurn)
    {
        var (text, isYours) = await NextStepAsync(client, url);
        Assert.Contains(sentence, text);
        Assert.Equal(yourTurn, isYours);
    }

    [Fact]
    public async Task Each_step_names_the_next_one_and_who_takes_it_from_draft_to_closure()
    {
        using var sales = await SignedInAsync("sales@demo.local");
        using var manager = await SignedInAsync("service.manager@demo.local");
        using var afterSales = await SignedInAsync("aftersales@demo.local");
        var created = await sales.SubmitAsync("/Promises/Create", await factory.NewPromiseFormAsync("Next steps, one by one"));
        var promise = created.Headers.Location!.PathAndQuery();
        var promiseId = int.Parse(promise.Split('/').Last(), CultureInfo.InvariantCulture);

        await AssertNextAsync(sales, promise, Texts.English("NextStep.Submit", "Sara Sales"), yourTurn: true);
        await AssertNextAsync(manager, promise, Texts.English("NextStep.Submit", "Sara Sales"), yourTurn: false);

        await sales.SubmitAsync(promise, new Dictionary<string, string>(), "form[action*='handler=Submit']");
        var g1 = $"/Reviews/Details/{await ReviewIdAsync(promiseId, GateStage.Feasibility)}";
        var decideG1 = Texts.English("NextStep.Decide.Feasibility", "Service", "G1", "Feasibility");
        await AssertNextAsync(sales, promise, decideG1, yourTurn: false);
        await AssertNextAsync(manager, promise, decideG1, yourTurn: true);
        await AssertNextAsync(manager, g1, decideG1, yourTurn: true);

        Assert.Equal(HttpStatusCode.Redirect, (await manager.SubmitAsync(g1, AllMet(5, nameof(GateDecision.Go)), Decide)).StatusCode);
        var commit = Texts.English("NextStep.Commit", "Sara Sales", "Service");
        await AssertNextAsync(manager, g1, commit, yourTurn: false);
        await AssertNextAsync(sales, promise, commit, yourTurn: true);

        await sales.SubmitAsync(promise, new Dictionary<string, string> { ["Commit.CommittedOn"] = factory.FormDate(0), ["Commit.Channel"] = "Contract" }, "form.commit-form");
        var g2 = $"/Reviews/Details/{await ReviewIdAsync(promiseId, GateStage.Handover)}";
        var accept = Texts.English("NextStep.Decide.Handover", "Service", "G2", "Handover to delivery");
        await AssertNextAsync(sales, promise, accept, yourTurn: false);
        await AssertNextAsync(manager, g2, accept, yourTurn: true);

        await manager.SubmitAsync(g2, AllMet(4, nameof(GateDecision.Recycle)).Concat([new("Input.Reason", "Contacts missing")]).ToDictionary(), Decide);
        var handOverAgain = Texts.English("NextStep.HandOverAgain", "Sara Sales", "G2");
        await AssertNextAsync(sales, g2, handOverAgain, yourTurn: true);
        await AssertNextAsync(manager, promise, handOverAgain, yourTurn: false);

        var reviewVersion = (await sales.GetPageAsync(g2)).QuerySelector("form.hand-over-again input[name=version]")!.GetAttribute("value")!;
        await sales.SubmitAsync(g2, new Dictionary<string, string> { ["version"] = reviewVersion }, "form.hand-over-again");
        await manager.SubmitAsync(g2, AllMet(4, nameof(GateDecision.Go)), Decide);
        var deliver = Texts.English("NextStep.Deliver", "Service", factory.Today.AddDays(60).ToString("d MMM yyyy", CultureInfo.GetCultureInfo("en")));
        await AssertNextAsync(manager, promise, deliver, yourTurn: true);
        await AssertNextAsync(sales, promise, deliver, yourTurn: false);

        await manager.SubmitAsync(promise, new Dictionary<string, string>
        {
            ["Outcome.Kind"] = nameof(OutcomeKind.Kept),
            ["Outcome.ActualValue"] = "1.5",
            ["Outcome.Date"] = factory.FormDate(0),
            ["Outcome.Evidence"] = "Ticket log of the quarter",
        }, "form.outcome-form");
        var close = Texts.English("NextStep.Decide.Closure", "AfterSales", "G3", "Closure review");
        await AssertNextAsync(afterSales, promise, close, yourTurn: true);
        await AssertNextAsync(manager, promise, close, yourTurn: false);

        var g3 = $"/Reviews/Details/{await ReviewIdAsync(promiseId, GateStage.Closure)}";
        await afterSales.SubmitAsync(g3, AllMet(3, nameof(GateDecision.Go)), Decide);
        await AssertNextAsync(sales, promise, Texts.English("NextStep.NoneClosed", "Kept"), yourTurn: false);
    }

    [Fact]
    public async Task A_rejected_promise_names_its_owner_and_a_withdrawn_one_says_nothing_is_due_in_German_too()
    {
        using var sales = await SignedInAsync("sales@demo.local", "de");
        using var manager = await SignedInAsync("service.manager@demo.local");
        var created = await sales.SubmitAsync("/Promises/Create", await factory.NewPromiseFormAsync("Nächste Schritte, abgelehnt"));
        var promise = created.Headers.Location!.PathAndQuery();
        var promiseId = int.Parse(promise.Split('/').Last(), CultureInfo.InvariantCulture);
        await sales.SubmitAsync(promise, new Dictionary<string, string>(), "form[action*='handler=Submit']");
        var g1 = $"/Reviews/Details/{await ReviewIdAsync(promiseId, GateStage.Feasibility)}";
        await manager.SubmitAsync(g1, AllMet(5, nameof(GateDecision.NoGo)).Concat([new("Input.Reason", "No capacity")]).ToDictionary(), Decide);

        await AssertNextAsync(sales, promise, Texts.German("NextStep.Revise", "Sara Sales"), yourTurn: true);

        await sales.SubmitAsync($"/Promises/Withdraw/{promiseId}", new Dictionary<string, string> { ["Input.Reason"] = "Customer chose another offer" });
        await AssertNextAsync(sales, promise, Texts.German("NextStep.NoneWithdrawn"), yourTurn: false);
    }
}
