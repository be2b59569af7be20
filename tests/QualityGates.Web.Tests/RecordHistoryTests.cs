using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Improvement;
using QualityGates.Domain.Promises;
using QualityGates.Web.Data;
using QualityGates.Web.Data.Auditing;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

/// <summary>A record's history tells what people did, one action per change, in words; the audit log keeps every field.</summary>
public sealed class RecordHistoryTests(QualityGatesFactory factory) : IClassFixture<QualityGatesFactory>
{
    private const string Decide = "form[action*='handler=Decide']";

    // Enum names, as the trail stores them, that a reader must never meet in a history.
    private static readonly string[] _rawNames = ["UnderReview", "InDelivery", "AtMost", "ConditionalGo", "FirstApproved", "DaysToDecision"];

    private async Task<TestClient> SignedInAsync(string email)
    {
        var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync(email);
        return client;
    }

    private void NextStep() => factory.Clock.Advance(TimeSpan.FromMinutes(7));

    private static List<string> Actions(IHtmlDocument page) =>
        page.QuerySelectorAll("ol.history > li").Select(li => Normalized(li.TextContent)).ToList();

    // As English pages write a date (unambiguous, "1 Dec 2026").
    private static string OnEnglishPages(DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.GetCultureInfo("en"));

    private static string Normalized(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string History(IHtmlDocument page) => Normalized(page.QuerySelector("section[aria-labelledby=history-title]")!.TextContent);

    private async Task<int> DraftAsync(TestClient sales, string title)
    {
        var created = await sales.SubmitAsync("/Promises/Create", await factory.NewPromiseFormAsync(title));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return int.Parse(created.Headers.Location!.PathAndQuery().Split('/').Last(), CultureInfo.InvariantCulture);
    }

    /// <summary>Sara Sales drafts and submits, Stefan Service records Go at G1, Sara commits by e-mail; a step every 7 minutes.</summary>
    private async Task<(int PromiseId, int ReviewId)> DraftedSubmittedDecidedCommittedAsync(string title)
    {
        using var sales = await SignedInAsync("sales@demo.local");
        var id = await DraftAsync(sales, title);
        NextStep();
        var submitted = await sales.SubmitAsync($"/Promises/Details/{id}", new Dictionary<string, string>(), "form[action*='handler=Submit']");
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var reviewId = await factory.WithDbAsync(db => db.GateReviews.Where(r => r.PromiseId == id).Select(r => r.Id).SingleAsync());

        NextStep();
        using (var manager = await SignedInAsync("service.manager@demo.local"))
        {
            var form = Enumerable.Range(0, 5).ToDictionary(i => $"Input.Answers[{i}].Answer", _ => nameof(CheckpointAnswer.Met));
            form["Input.Decision"] = nameof(GateDecision.Go);
            Assert.Equal(HttpStatusCode.Redirect, (await manager.SubmitAsync($"/Reviews/Details/{reviewId}", form, Decide)).StatusCode);
        }

        NextStep();
        var committed = await sales.SubmitAsync($"/Promises/Details/{id}",
            new Dictionary<string, string> { ["Commit.CommittedOn"] = factory.FormDate(0), ["Commit.Channel"] = nameof(CommitChannel.Email) }, "form.commit-form");
        Assert.Equal(HttpStatusCode.Redirect, committed.StatusCode);
        return (id, reviewId);
    }

    [Fact]
    public async Task A_promise_drafted_submitted_decided_and_committed_shows_those_four_actions_in_words_newest_first()
    {
        var (id, _) = await DraftedSubmittedDecidedCommittedAsync("History in words");
        using var reader = await SignedInAsync("exec@demo.local");

        var page = await reader.GetPageAsync($"/Promises/Details/{id}");

        var actions = Actions(page);
        Assert.Equal(4, actions.Count);
        Assert.StartsWith($"Sara Sales {Texts.English("History.Promise.Committed")}.", actions[0], StringComparison.Ordinal);
        Assert.StartsWith($"Stefan Service {Texts.English("History.Promise.Approved")}.", actions[1], StringComparison.Ordinal);
        Assert.StartsWith($"Sara Sales {Texts.English("History.Promise.Submitted")}.", actions[2], StringComparison.Ordinal);
        Assert.StartsWith($"Sara Sales {Texts.English("History.Promise.Created")}.", actions[3], StringComparison.Ordinal);
        Assert.Contains($"{Texts.English("Role.SalesRep")} · Sales", actions[0]);
        Assert.Contains($"{Texts.English("Role.ServiceManager")} · Service", actions[1]);

        // The commitment names its channel and day; nothing else of the verb's bookkeeping.
        Assert.Contains($"{Texts.English("AuditField.CommitChannel")}: {Texts.English("CommitChannel.Email")}", actions[0]);
        Assert.Contains($"{Texts.English("AuditField.CommittedOn")}: {factory.Today.ToString("d MMM yyyy", CultureInfo.GetCultureInfo("en"))}", actions[0]);
        Assert.Empty(page.QuerySelectorAll("ol.history > li")[3].QuerySelectorAll(".history-changes li"));

        var history = History(page);
        string[] bookkeeping = ["Revision", "FirstApprovedRevision", "FirstApprovedDueDate", "FirstFeasibilityDecision", "DueDateSlipDays", "SubmittedAtUtc", "CreatedAtUtc"];
        Assert.All(bookkeeping, field => Assert.DoesNotContain(Texts.English($"AuditField.{field}") + ":", history, StringComparison.Ordinal));
        Assert.All(_rawNames, raw => Assert.DoesNotContain(raw, history, StringComparison.Ordinal));
        Assert.DoesNotContain(Texts.English("Audit.History.Latest", 4, 4), history);
    }

    [Fact]
    public async Task An_edit_shows_each_changed_field_with_old_and_new_value_by_name()
    {
        using var sales = await SignedInAsync("sales@demo.local");
        var id = await DraftAsync(sales, "Edited in words");
        NextStep();
        var production = await factory.DepartmentAsync("Production");

        var edited = await sales.SubmitAsync($"/Promises/Edit/{id}", new Dictionary<string, string>
        {
            ["Input.Title"] = "Edited in words, twice as fast",
            ["Input.DeliveringDepartmentId"] = production,
            ["Input.TargetComparator"] = nameof(TargetComparator.AtLeast),
        });

        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var page = await sales.GetPageAsync($"/Promises/Details/{id}");
        var newest = page.QuerySelectorAll("ol.history > li")[0];
        Assert.StartsWith($"Sara Sales {Texts.English("History.Promise.Changed")}.", Normalized(newest.TextContent), StringComparison.Ordinal);
        var changes = newest.QuerySelectorAll(".history-changes li").Select(li => Normalized(li.TextContent)).ToList();
        Assert.Equal(3, changes.Count);
        Assert.Contains($"{Texts.English("AuditField.Title")}: Edited in words → Edited in words, twice as fast", changes);
        Assert.Contains($"{Texts.English("AuditField.DeliveringDepartmentId")}: Service → Production", changes);
        Assert.Contains($"{Texts.English("AuditField.Target.Comparator")}: ≤ → ≥", changes);
        Assert.DoesNotContain(changes, c => c.Contains(production, StringComparison.Ordinal));
        Assert.Equal(2, page.QuerySelectorAll("ol.history > li").Length);
    }

    [Fact]
    public async Task A_reviews_history_shows_its_opening_and_the_decision_in_words()
    {
        var (_, reviewId) = await DraftedSubmittedDecidedCommittedAsync("Review history in words");
        using var manager = await SignedInAsync("service.manager@demo.local");

        var page = await manager.GetPageAsync($"/Reviews/Details/{reviewId}");

        var actions = Actions(page);
        Assert.Equal(2, actions.Count);
        Assert.StartsWith($"Stefan Service {Texts.English("History.GateReview.Decided.Go")}.", actions[0], StringComparison.Ordinal);
        Assert.StartsWith($"Sara Sales {Texts.English("History.GateReview.Opened", "G1")}.", actions[1], StringComparison.Ordinal);
        var history = History(page);
        Assert.DoesNotContain(Texts.English("AuditField.DaysToDecision"), history);
        Assert.DoesNotContain(Texts.English("AuditField.DecidedAtUtc"), history);
        Assert.All(_rawNames, raw => Assert.DoesNotContain(raw, history, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_decision_on_a_review_is_an_entry_with_its_reason_a_second_hold_included()
    {
        using var sales = await SignedInAsync("sales@demo.local");
        var id = await DraftAsync(sales, "Held twice");
        NextStep();
        await sales.SubmitAsync($"/Promises/Details/{id}", new Dictionary<string, string>(), "form[action*='handler=Submit']");
        var reviewId = await factory.WithDbAsync(db => db.GateReviews.Where(r => r.PromiseId == id).Select(r => r.Id).SingleAsync());
        using var manager = await SignedInAsync("service.manager@demo.local");
        async Task DecideAsync(GateDecision decision, string reason, int reReviewInDays = 0)
        {
            NextStep();
            var form = Enumerable.Range(0, 5).ToDictionary(i => $"Input.Answers[{i}].Answer", _ => nameof(CheckpointAnswer.Met));
            form["Input.Decision"] = decision.ToString();
            form["Input.Reason"] = reason;
            if (decision == GateDecision.Hold)
            {
                form["Input.ReReviewDate"] = factory.FormDate(reReviewInDays);
            }

            Assert.Equal(HttpStatusCode.Redirect, (await manager.SubmitAsync($"/Reviews/Details/{reviewId}", form, Decide)).StatusCode);
        }

        await DecideAsync(GateDecision.Hold, "Waiting for the technician roster.", 7);
        await DecideAsync(GateDecision.Hold, "Roster delayed by a week.", 14);
        await DecideAsync(GateDecision.Go, "Roster confirmed.");

        var actions = Actions(await manager.GetPageAsync($"/Reviews/Details/{reviewId}"));
        Assert.Equal(4, actions.Count);
        Assert.StartsWith($"Stefan Service {Texts.English("History.GateReview.Decided.Go")}.", actions[0], StringComparison.Ordinal);
        Assert.Contains($"{Texts.English("Audit.Reason")}: Roster confirmed.", actions[0]);
        Assert.StartsWith($"Stefan Service {Texts.English("History.GateReview.OnHoldUntil", OnEnglishPages(factory.Today.AddDays(14)))}.", actions[1], StringComparison.Ordinal);
        Assert.Contains("Roster delayed by a week.", actions[1]);
        Assert.StartsWith($"Stefan Service {Texts.English("History.GateReview.OnHoldUntil", OnEnglishPages(factory.Today.AddDays(7)))}.", actions[2], StringComparison.Ordinal);
        Assert.Contains("Waiting for the technician roster.", actions[2]);
    }

    [Fact]
    public async Task A_withdrawal_reads_as_one_action_with_its_reason()
    {
        using var sales = await SignedInAsync("sales@demo.local");
        var id = await DraftAsync(sales, "Withdrawn in words");
        NextStep();

        var withdrawn = await sales.SubmitAsync($"/Promises/Withdraw/{id}", new Dictionary<string, string> { ["Input.Reason"] = "Tender cancelled." });

        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        var newest = Actions(await sales.GetPageAsync($"/Promises/Details/{id}"))[0];
        Assert.StartsWith($"Sara Sales {Texts.English("History.Promise.Withdrawn")}.", newest, StringComparison.Ordinal);
        Assert.Contains($"{Texts.English("AuditField.WithdrawalReason")}: Tender cancelled.", newest);
        Assert.DoesNotContain(Texts.English("AuditField.WithdrawnAtUtc"), newest);
        Assert.DoesNotContain(Texts.English("AuditField.Status"), newest);
    }

    [Fact]
    public async Task The_administrators_audit_log_keeps_every_field_bookkeeping_included()
    {
        var (id, _) = await DraftedSubmittedDecidedCommittedAsync("Field by field in the log");
        using var admin = await SignedInAsync("admin@demo.local");
        var entries = await factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == "Promise" && e.EntityId == id.ToString(CultureInfo.InvariantCulture)));

        var details = await admin.GetPageAsync($"/Promises/Details/{id}");
        var log = await admin.GetPageAsync(details.QuerySelector<IHtmlAnchorElement>("main a[href*='/Admin/Audit']")!.GetAttribute("href")!);

        // Newest first, a page of the log holds the last three steps field by field.
        var rows = log.QuerySelectorAll("table.audit-table tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(Texts.English("Pager.Count", entries), log.QuerySelector("nav[aria-label=Pages]")!.TextContent);
        Assert.True(rows.Count > 4 * 3, $"only {rows.Count} rows");
        Assert.Contains(rows, r => r.Contains(Texts.English("AuditField.Revision"), StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains(Texts.English("AuditField.FirstApprovedDueDate"), StringComparison.Ordinal));
        Assert.Equal(4, details.QuerySelectorAll("ol.history > li").Length);
    }

    [Fact]
    public void Every_bookkeeping_field_is_an_audited_field_of_its_record_type()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QualityGatesDbContext>();

        foreach (var type in AuditRules.RecordTypes(db.Model))
        {
            var fields = AuditRules.FieldsOf(type).ToList();
            Assert.All(AuditRules.BookkeepingFields(type.ClrType.Name), field => Assert.Contains(field, fields));
        }

        Assert.Contains("Revision", AuditRules.BookkeepingFields("Promise"));
        Assert.Contains("DaysToDecision", AuditRules.BookkeepingFields("GateReview"));
    }

    [Fact]
    public void Every_sentence_a_history_can_tell_has_a_text()
    {
        string[] records = ["Promise", "GateReview", "FeedbackItem", "ImprovementAction", "Lesson"];
        // A review's creation is told as its opening, with the gate's code.
        var keys = records.Select(r => $"History.{r}.Changed")
            .Concat(records.Where(r => r != "GateReview").Select(r => $"History.{r}.Created"))
            .Concat(Enum.GetNames<GateDecision>().Select(d => $"History.GateReview.Decided.{d}"))
            .Concat(Enum.GetValues<PdcaPhase>().Where(p => p != PdcaPhase.Plan).Select(p => $"History.ImprovementAction.Phase.{p}"))
            .Concat(Enum.GetNames<OutcomeKind>().Select(o => $"History.Promise.Outcome.{o}"))
            .Concat(["History.GateReview.Handover.Go", "History.GateReview.Closure.Go", "History.Created", "History.Changed", "History.Deleted"]);

        Assert.All(keys, key => Assert.NotNull(Texts.Resources.GetString(key, CultureInfo.InvariantCulture)));
    }
}
