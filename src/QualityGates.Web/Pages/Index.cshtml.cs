using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QualityGates.Domain.Feedback;
using QualityGates.Domain.Improvement;
using QualityGates.Domain.Promises;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;
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
public sealed class IndexModel(QualityGatesDbContext db, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
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

    public async Task OnGetAsync()
    {
        var promises = PromiseListItem.Query(db);
        var today = Today;
        var department = User.DepartmentId();
        if (User.IsInRole(Roles.SalesRep))
        {
            var userId = User.UserId();
            promises = promises.Where(p => p.PromisingDepartmentId == department);
            ScopeFilter["promisingDepartmentId"] = department.ToString(CultureInfo.InvariantCulture);
            Scope = l["Home.Scope.Promising"];
            await AddAsync("Home.Drafts", promises.Where(p => p.OwnerId == userId && p.Status == PromiseStatus.Draft));
            await AddAsync("Home.Rejected", promises.Where(p => p.Status == PromiseStatus.Rejected));
            await AddAsync("Home.ToCommit", promises.Where(p => p.Status == PromiseStatus.Approved));
            await AddAsync("Home.AtRisk", promises.Where(p => p.AtRisk && (p.Status == PromiseStatus.Committed || p.Status == PromiseStatus.InDelivery)));
        }
        else if (User.IsInRole(Roles.ServiceManager) || User.IsInRole(Roles.AfterSales))
        {
            // Managers see the promises their department keeps; AfterSales, who closes every promise, sees all.
            if (User.IsInRole(Roles.ServiceManager))
            {
                promises = promises.Where(p => p.DeliveringDepartmentId == department);
                ScopeFilter["deliveringDepartmentId"] = department.ToString(CultureInfo.InvariantCulture);
                Scope = l["Home.Scope.Delivering"];
                await AddAsync("Home.OutcomesDue", promises.Where(p => p.Status == PromiseStatus.InDelivery && p.DueDate <= today.AddDays(OutcomesDueDays)), OutcomesDueDays);
                await AddAsync("Home.ConditionsDue", promises.Where(p => p.EarliestOpenConditionDue <= today.AddDays(ConditionsDueDays)), ConditionsDueDays);
            }
            else
            {
                Scope = l["Home.Scope.All"];
            }

            var waiting = ReviewListItem.Waiting(ReviewListItem.Query(db)).Where(r => r.DecidingDepartmentId == department);
            ReviewsWaitingCount = await waiting.CountAsync();
            ReviewsWaiting = await waiting.OrderBy(r => r.OpenedAtUtc).Take(ListLength).ToListAsync();
        }
        else
        {
            Scope = l["Home.Scope.All"];
            ShowsDashboard = User.IsInRole(Roles.Executive);
            var final = PromiseStatusExtensions.Final;
            await AddAsync("Home.DueSoon", promises.Where(p => p.DueDate >= today && p.DueDate <= today.AddDays(DueSoonDays) && !final.Contains(p.Status)), DueSoonDays);
        }

        await LoadImprovementWorkAsync();

        CountsByStatus = await promises.GroupBy(p => p.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count);
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

    // One list of the work list: its title and empty text come from "{key}.Title" and "{key}.Empty".
    private async Task AddAsync(string key, IQueryable<PromiseListItem> query, int? days = null)
    {
        var count = await query.CountAsync();
        var items = await query.OrderBy(p => p.DueDate).ThenBy(p => p.Id).Take(ListLength).ToListAsync();
        Sections.Add(new WorkSection(
            days is null ? l[$"{key}.Title", count] : l[$"{key}.Title", count, days],
            days is null ? l[$"{key}.Empty"] : l[$"{key}.Empty", days],
            items));
    }

    public sealed record WorkSection(string Title, string Empty, IReadOnlyList<PromiseListItem> Items);
}
