using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QualityGates.Domain.Feedback;
using QualityGates.Domain.Improvement;
using QualityGates.Domain.Promises;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;
using QualityGates.Web.Data.Summaries;
using QualityGates.Web.Notifications;
using QualityGates.Web.Pages.Actions;
using QualityGates.Web.Pages.Feedback;
using QualityGates.Web.Pages.Promises;
using QualityGates.Web.Pages.Reviews;

namespace QualityGates.Web.Pages;

/// <summary>
/// My work: what waits for the signed-in user (PRODUCT.md). Sales reps: drafts, rejected promises to
/// rework, approved ones to commit, at-risk signals. Service managers: reviews waiting for their
/// department, outcomes and conditions due. AfterSales: closure reviews, feedback to triage and the
/// improvement actions they own (so does anyone else who owns one). Everyone else: what falls due.
/// </summary>
public sealed class IndexModel(QualityGatesDbContext db, WorkCounts workCounts, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    private const int ListLength = 10;
    private const int DueSoonDays = 30;
    private const int OutcomesDueDays = 14;
    private const int ConditionsDueDays = 3;

    public string Scope { get; private set; } = "";

    /// <summary>Register filter for this user's scope, e.g. promisingDepartmentId=2.</summary>
    public IDictionary<string, string> ScopeFilter { get; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<PromiseStatus, int> CountsByStatus { get; private set; } = new Dictionary<PromiseStatus, int>();

    /// <summary>Gate reviews the user's department decides (managers, AfterSales).</summary>
    public IReadOnlyList<ReviewListItem>? ReviewsWaiting { get; private set; }

    public int ReviewsWaitingCount { get; private set; }

    public List<WorkSection> Sections { get; } = [];

    /// <summary>AfterSales: new feedback waiting for triage, oldest first.</summary>
    public IReadOnlyList<FeedbackListItem>? FeedbackToTriage { get; private set; }

    public int FeedbackToTriageCount { get; private set; }

    /// <summary>Open improvement actions the user owns (AfterSales always; others when they own any).</summary>
    public IReadOnlyList<ActionListItem>? OwnedActions { get; private set; }

    public int OwnedActionsCount { get; private set; }

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>Executives' work is the dashboard (PRODUCT.md, My work).</summary>
    public bool ShowsDashboard { get; private set; }

    /// <summary>
    /// Every list reads the user's open work through an index and shows its first rows; the counts of whole
    /// departments come from the counts kept with every change (ADR 0021), so the page costs the same however
    /// long the history is.
    /// </summary>
    public async Task OnGetAsync(CancellationToken ct)
    {
        var promises = db.Promises.AsNoTracking();
        var counts = db.PromiseCounts.AsNoTracking();
        var today = Today;
        var department = User.DepartmentId();
        if (User.IsInRole(Roles.SalesRep))
        {
            var userId = User.UserId();
            promises = promises.Where(p => p.PromisingDepartmentId == department);
            counts = counts.Where(c => c.PromisingDepartmentId == department);
            ScopeFilter["promisingDepartmentId"] = department.ToString(CultureInfo.InvariantCulture);
            Scope = l["Home.Scope.Promising"];
            var drafts = promises.Where(p => p.OwnerId == userId && p.Status == PromiseStatus.Draft);
            await AddAsync("Home.Drafts", drafts, await drafts.CountAsync(ct));
            await AddAsync("Home.Rejected", promises.Where(p => p.Status == PromiseStatus.Rejected),
                await counts.Where(c => c.Status == PromiseStatus.Rejected).SumAsync(c => c.Count, ct));
            await AddAsync("Home.ToCommit", promises.Where(p => p.Status == PromiseStatus.Approved),
                await counts.Where(c => c.Status == PromiseStatus.Approved).SumAsync(c => c.Count, ct));
            // Compared with a parameter, not as a bare column: SQLite then seeks the (department, AtRisk, status) index.
            var atRisk = true;
            await AddAsync("Home.AtRisk", promises.Where(p => p.AtRisk == atRisk), PromiseStatus.Committed, PromiseStatus.InDelivery,
                await counts.Where(c => c.Risk != RiskLevel.None && (c.Status == PromiseStatus.Committed || c.Status == PromiseStatus.InDelivery)).SumAsync(c => c.Count, ct));
        }
        else if (User.IsInRole(Roles.ServiceManager) || User.IsInRole(Roles.AfterSales))
        {
            // Managers see the promises their department keeps; AfterSales, who closes every promise, sees all.
            if (User.IsInRole(Roles.ServiceManager))
            {
                promises = promises.Where(p => p.DeliveringDepartmentId == department);
                counts = counts.Where(c => c.DeliveringDepartmentId == department);
                ScopeFilter["deliveringDepartmentId"] = department.ToString(CultureInfo.InvariantCulture);
                Scope = l["Home.Scope.Delivering"];
                var outcomesDue = promises.Where(p => p.Status == PromiseStatus.InDelivery && p.DueDate <= today.AddDays(OutcomesDueDays));
                await AddAsync("Home.OutcomesDue", outcomesDue, await outcomesDue.CountAsync(ct), OutcomesDueDays);

                // Through the open-conditions date each promise keeps, not through every condition of the department.
                var until = today.AddDays(ConditionsDueDays);
                var conditionsDue = promises.Where(p => p.OpenConditionsDueOn <= until);
                await AddAsync("Home.ConditionsDue", conditionsDue, await conditionsDue.CountAsync(ct), ConditionsDueDays);
            }
            else
            {
                Scope = l["Home.Scope.All"];
            }

            var waiting = ReviewListItem.Waiting(ReviewListItem.Query(db)).Where(r => r.DecidingDepartmentId == department);
            ReviewsWaitingCount = await workCounts.ReviewsWaitingAsync(department, ct);
            ReviewsWaiting = await waiting.OrderBy(r => r.OpenedAtUtc).ThenBy(r => r.Id).Take(ListLength).ToListAsync(ct);
        }
        else
        {
            Scope = l["Home.Scope.All"];
            ShowsDashboard = User.IsInRole(Roles.Executive);
            var final = PromiseStatusExtensions.Final;
            var dueSoon = promises.Where(p => p.DueDate >= today && p.DueDate <= today.AddDays(DueSoonDays) && !final.Contains(p.Status));
            await AddAsync("Home.DueSoon", dueSoon, await dueSoon.CountAsync(ct), DueSoonDays);
        }

        await LoadImprovementWorkAsync();

        CountsByStatus = await counts.GroupBy(c => c.Status)
            .Select(g => new { Status = g.Key, Count = g.Sum(c => c.Count) })
            .Where(g => g.Count > 0)
            .ToDictionaryAsync(g => g.Status, g => (int)g.Count, ct);
    }

    private async Task LoadImprovementWorkAsync()
    {
        var afterSales = User.IsInRole(Roles.AfterSales);
        if (afterSales)
        {
            var toTriage = FeedbackListItem.Query(db).Where(f => f.Status == FeedbackStatus.New);
            FeedbackToTriageCount = await toTriage.CountAsync();
            FeedbackToTriage = await toTriage.OrderByDescending(f => f.SeverityRank).ThenBy(f => f.CreatedAtUtc).ThenBy(f => f.Id).Take(ListLength).ToListAsync();
        }

        var userId = User.UserId();
        var owned = ActionListItem.Query(db).Where(a => a.OwnerId == userId && a.Phase != PdcaPhase.Done);
        OwnedActionsCount = await owned.CountAsync();
        if (afterSales || OwnedActionsCount > 0)
        {
            OwnedActions = await owned.OrderBy(a => a.DueDate).ThenBy(a => a.Id).Take(ListLength).ToListAsync();
        }
    }

    // A list of promises in either of two statuses: the first rows of each through its index, then merged.
    private async Task AddAsync(string key, IQueryable<Promise> query, PromiseStatus first, PromiseStatus second, long count)
    {
        var ids = new List<(DateOnly DueDate, int Id)>();
        foreach (var status in new[] { first, second })
        {
            ids.AddRange((await query.Where(p => p.Status == status).OrderBy(p => p.DueDate).ThenBy(p => p.Id).Take(ListLength)
                .Select(p => new { p.DueDate, p.Id }).ToListAsync()).Select(p => (p.DueDate, p.Id)));
        }

        var shown = ids.Order().Take(ListLength).Select(p => p.Id).ToList();
        await AddAsync(key, db.Promises.Where(p => shown.Contains(p.Id)), count);
    }

    // One list of the work list: its title and empty text come from "{key}.Title" and "{key}.Empty".
    private async Task AddAsync(string key, IQueryable<Promise> query, long count, int? days = null)
    {
        var items = await PromiseListItem.Project(db, query.OrderBy(p => p.DueDate).ThenBy(p => p.Id).Take(ListLength))
            .OrderBy(p => p.DueDate).ThenBy(p => p.Id).ToListAsync();
        Sections.Add(new WorkSection(
            days is null ? l[$"{key}.Title", count] : l[$"{key}.Title", count, days],
            days is null ? l[$"{key}.Empty"] : l[$"{key}.Empty", days],
            items));
    }

    public sealed record WorkSection(string Title, string Empty, IReadOnlyList<PromiseListItem> Items);
}
