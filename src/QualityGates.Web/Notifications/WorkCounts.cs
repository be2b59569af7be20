using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;
using QualityGates.Web.Data.Summaries;
using QualityGates.Web.Pages.Reviews;

namespace QualityGates.Web.Notifications;

/// <summary>What the notifications are about, as work-list categories.</summary>
public enum WorkCategory
{
    /// <summary>Gate reviews the user's department decides (managers, AfterSales).</summary>
    ReviewsWaiting,

    /// <summary>Decisions on the user's promises today and in the <see cref="WorkCounts.DecisionDays"/> - 1 days before.</summary>
    Decisions,

    /// <summary>Open conditions the user owns, due within three days or overdue.</summary>
    ConditionsDue,

    /// <summary>At-risk signals on the user's committed promises.</summary>
    AtRisk,
}

/// <summary>One line of the work list behind a count: a promise, and the review or condition where it applies.</summary>
public sealed class WorkItem
{
    public int PromiseId { get; init; }

    public string PromiseNumber { get; init; } = "";

    public string PromiseTitle { get; init; } = "";

    public int? ReviewId { get; init; }

    public string? GateCode { get; init; }

    public GateStage? Stage { get; init; }

    public GateDecision? Decision { get; init; }

    /// <summary>The condition's text or the risk's reason.</summary>
    public string? Text { get; init; }

    /// <summary>When the review opened, the decision fell or the risk was raised.</summary>
    public DateTime? AtUtc { get; init; }

    public DateOnly? DueDate { get; init; }
}

/// <summary>
/// The counts on My work and the navigation badge, and the lists behind them: COUNT queries over the records
/// themselves, not over the outbox, so they are right whether or not the user takes e-mail.
/// </summary>
public sealed class WorkCounts(QualityGatesDbContext db, TimeProvider time)
{
    public const int DecisionDays = 7;

    /// <summary>
    /// Every page pays for these (the navigation badge): reviews waiting come from the counts kept with every
    /// change (ADR 0021); the rest is the user's own recent or open work, read through its indexes.
    /// </summary>
    public async Task<IReadOnlyDictionary<WorkCategory, int>> CountAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var counts = new Dictionary<WorkCategory, int>();
        foreach (var category in CategoriesFor(user))
        {
            counts[category] = category switch
            {
                WorkCategory.ReviewsWaiting => await ReviewsWaitingAsync(user.DepartmentId(), ct),
                WorkCategory.Decisions => await DecisionsAsync(user.UserId(), ct),
                _ => await Query(user, category).CountAsync(ct),
            };
        }

        return counts;
    }

    public async Task<int> ReviewsWaitingAsync(int departmentId, CancellationToken ct = default) =>
        (int)await db.OpenReviewCounts.Where(c => c.DecidingDepartmentId == departmentId).SumAsync(c => c.Count, ct);

    private async Task<int> DecisionsAsync(string userId, CancellationToken ct)
    {
        var since = YearMonth.DayOf(DecisionsSince(time));
        return (int)await db.OwnerDecisionDays.Where(d => d.OwnerId == userId && d.Day >= since).SumAsync(d => d.Count, ct);
    }

    /// <summary>The first of the <see cref="DecisionDays"/> days counted: today and the days before it.</summary>
    private static DateOnly DecisionsSince(TimeProvider time) =>
        DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(1 - DecisionDays);

    /// <summary>Reviews waiting only for those who decide them; the rest for everyone who owns promises or conditions.</summary>
    public static IEnumerable<WorkCategory> CategoriesFor(ClaimsPrincipal user) =>
        Enum.GetValues<WorkCategory>().Where(c => c != WorkCategory.ReviewsWaiting || Decides(user));

    public IQueryable<WorkItem> Query(ClaimsPrincipal user, WorkCategory category)
    {
        var userId = user.UserId();
        var now = time.GetUtcNow().UtcDateTime;
        switch (category)
        {
            case WorkCategory.ReviewsWaiting:
                var department = Decides(user) ? user.DepartmentId() : 0;
                return ReviewListItem.Waiting(ReviewListItem.Query(db)).Where(r => r.DecidingDepartmentId == department)
                    .OrderBy(r => r.OpenedAtUtc).ThenBy(r => r.Id)
                    .Select(r => new WorkItem
                    {
                        PromiseId = r.PromiseId, PromiseNumber = r.PromiseNumber, PromiseTitle = r.PromiseTitle,
                        ReviewId = r.Id, GateCode = r.GateCode, Stage = r.Stage, AtUtc = r.OpenedAtUtc, DueDate = r.PromiseDueDate,
                    });
            case WorkCategory.Decisions:
                var since = DecisionsSince(time).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
                return (from r in db.GateReviews
                        from d in r.Decisions
                        where d.DeciderId != null && d.DecidedAtUtc >= since
                        join p in db.Promises on r.PromiseId equals p.Id
                        where p.OwnerId == userId
                        orderby d.DecidedAtUtc descending, d.Id descending
                        select new WorkItem
                        {
                            PromiseId = p.Id, PromiseNumber = p.Number, PromiseTitle = p.Title,
                            ReviewId = r.Id, GateCode = r.GateCode, Stage = r.Stage, Decision = d.Decision, Text = d.Reason, AtUtc = d.DecidedAtUtc,
                        });
            case WorkCategory.ConditionsDue:
                var until = DateOnly.FromDateTime(now).AddDays(ConditionDueReminder.DaysAhead);
                return (from r in db.GateReviews
                        where r.State != GateReviewState.Superseded
                        from c in r.Conditions
                        where c.ResolvedAtUtc == null && c.OwnerId == userId && c.DueDate <= until
                        join p in db.Promises on r.PromiseId equals p.Id
                        orderby c.DueDate, c.Id
                        select new WorkItem
                        {
                            PromiseId = p.Id, PromiseNumber = p.Number, PromiseTitle = p.Title,
                            ReviewId = r.Id, GateCode = r.GateCode, Stage = r.Stage, Text = c.Text, DueDate = c.DueDate,
                        });
            case WorkCategory.AtRisk:
                // Compared with a parameter, not as a bare column: SQLite then seeks the (owner, AtRisk, status) index.
                var atRisk = true;
                return db.Promises
                    .Where(p => p.OwnerId == userId && p.AtRisk == atRisk && (p.Status == PromiseStatus.Committed || p.Status == PromiseStatus.InDelivery))
                    .OrderByDescending(p => p.RiskRaisedAtUtc).ThenBy(p => p.Id)
                    .Select(p => new WorkItem
                    {
                        PromiseId = p.Id, PromiseNumber = p.Number, PromiseTitle = p.Title, Text = p.RiskReason, AtUtc = p.RiskRaisedAtUtc, DueDate = p.DueDate,
                    });
            default:
                throw new ArgumentOutOfRangeException(nameof(category), category, null);
        }
    }

    private static bool Decides(ClaimsPrincipal user) => user.IsInRole(Roles.ServiceManager) || user.IsInRole(Roles.AfterSales);
}
