using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;
using QualityGates.Web.Authorization;
using QualityGates.Web.Dashboard;
using QualityGates.Web.Data;
using QualityGates.Web.Localization;
using QualityGates.Web.Notifications;
using QualityGates.Web.Pages.Promises;
using QualityGates.Web.Pages.Reviews;
using QualityGates.Web.Pages.Shared;

namespace QualityGates.Web.Pages.Meeting;

/// <summary>
/// The agenda of a department's weekly gate meeting (PRODUCT.md, "the value chain"): the decisions waiting for it,
/// its promises falling due that week without an outcome, and its members' open conditions due by the week's end.
/// Whose meeting a user may open is the dashboard's department scope.
/// </summary>
public sealed class IndexModel(QualityGatesDbContext db, TimeProvider time) : PageModel
{
    /// <summary>Rows per section: a meeting's agenda, not an export; the rest is in the lists behind the links.</summary>
    public const int Limit = 100;

    [BindProperty(SupportsGet = true)]
    public int? Department { get; set; }

    /// <summary>The ISO week, e.g. "2026-W49"; the current week when absent or malformed.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Week { get; set; }

    public IsoWeek Shown { get; private set; }

    public int DepartmentId { get; private set; }

    public string DepartmentName { get; private set; } = "";

    public IReadOnlyList<SelectListItem> Departments { get; private set; } = [];

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public DateTime NowUtc => time.GetUtcNow().UtcDateTime;

    public MeetingSection<MeetingDecision> Decisions { get; private set; } = new([], 0);

    public MeetingSection<PromiseListItem> DuePromises { get; private set; } = new([], 0);

    public MeetingSection<MeetingCondition> Conditions { get; private set; } = new([], 0);

    /// <summary>The register with this department's open promises due in the week.</summary>
    public Dictionary<string, string> DueRegisterFilter => new PromiseFilter
    {
        DeliveringDepartmentId = DepartmentId, Open = true, DueFrom = Shown.Monday, DueTo = Shown.Sunday,
    }.ToRouteValues();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var scope = DepartmentScope.For(User);
        DepartmentId = Department ?? User.DepartmentId();
        if (!scope.Covers(DepartmentId))
        {
            return Forbid();
        }

        var all = await Lookups.DepartmentsAsync(db);
        var id = DepartmentId.ToString(CultureInfo.InvariantCulture);
        var chosen = all.FirstOrDefault(d => d.Value == id);
        if (chosen is null)
        {
            return NotFound();
        }

        DepartmentName = chosen.Text;
        Departments = (scope.IsRestricted ? [chosen] : all).Select(d => new SelectListItem(d.Text, d.Value, d.Value == id)).ToList();
        Shown = IsoWeek.TryParse(Week, out var week) ? week : IsoWeek.Of(Today);

        Decisions = await DecisionsAsync(ct);
        DuePromises = await DuePromisesAsync(ct);
        Conditions = await ConditionsAsync(ct);
        return Page();
    }

    /// <summary>
    /// The reviews waiting as the reviews list defines it; of those on hold, the ones whose re-review date comes by
    /// the week's end. Read through the waiting reviews' index of the deciding department.
    /// </summary>
    private async Task<MeetingSection<MeetingDecision>> DecisionsAsync(CancellationToken ct)
    {
        var sunday = Shown.Sunday;
        var waiting = ReviewListItem.Waiting(ReviewListItem.Query(db))
            .Where(r => r.DecidingDepartmentId == DepartmentId)
            .Where(r => r.State == GateReviewState.Open
                        || db.GateReviews.Where(g => g.Id == r.Id).SelectMany(g => g.Decisions)
                            .OrderByDescending(d => d.DecidedAtUtc).ThenByDescending(d => d.Id)
                            .Select(d => d.ReReviewDate).FirstOrDefault() <= sunday);
        var count = await waiting.CountAsync(ct);
        var reviews = await waiting.OrderBy(r => r.OpenedAtUtc).ThenBy(r => r.Id).Take(Limit).ToListAsync(ct);
        if (reviews.Count == 0)
        {
            return new MeetingSection<MeetingDecision>([], count);
        }

        var reviewIds = reviews.Select(r => r.Id).ToList();
        var promiseIds = reviews.Select(r => r.PromiseId).Distinct().ToList();
        var promises = await PromiseListItem.Project(db, db.Promises.Where(p => promiseIds.Contains(p.Id))).ToDictionaryAsync(p => p.Id, ct);
        var targets = await db.Promises.Where(p => promiseIds.Contains(p.Id)).Select(p => new { p.Id, p.Target }).ToDictionaryAsync(p => p.Id, p => p.Target, ct);
        var answers = await db.GateReviews.Where(r => reviewIds.Contains(r.Id))
            .Select(r => new { r.Id, r.GateDefinitionId, r.ChecklistVersion, r.CategoryId, r.DecidingDepartmentId, Answers = r.Answers.Select(a => new { a.CheckpointId, a.Answer }).ToList() })
            .ToDictionaryAsync(r => r.Id, ct);
        var gateIds = answers.Values.Select(r => r.GateDefinitionId).Distinct().ToList();
        var gates = await db.GateDefinitions.AsNoTracking().Include(g => g.Checkpoints).Where(g => gateIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, ct);
        var openConditions = await (
                from r in db.GateReviews
                where promiseIds.Contains(r.PromiseId) && r.State != GateReviewState.Superseded
                from c in r.Conditions
                where c.ResolvedAtUtc == null
                group c by r.PromiseId into g
                select new { PromiseId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(c => c.PromiseId, c => c.Count, ct);

        // A waiting G1 review missed every envelope when it opened; one defined since may cover it now. A few per department.
        var deliveringIds = reviews.Where(r => r.Stage == GateStage.Feasibility).Select(r => r.DeliveringDepartmentId).Distinct().ToList();
        var envelopes = await db.CapabilityEnvelopes.AsNoTracking()
            .Where(e => e.IsActive && deliveringIds.Contains(e.DeliveringDepartmentId)).OrderBy(e => e.Id).ToListAsync(ct);

        var rows = reviews.Select(r =>
        {
            var review = answers[r.Id];
            var checklist = new GateChecklist(gates[review.GateDefinitionId].ChecklistFor(review.ChecklistVersion, review.CategoryId));
            var given = review.Answers.Where(a => checklist.Contains(a.CheckpointId)).ToDictionary(a => a.CheckpointId, a => new AnswerInput(a.Answer, null));
            return new MeetingDecision(
                r, promises[r.PromiseId], targets[r.PromiseId], Today.DayNumber - DateOnly.FromDateTime(r.OpenedAtUtc).DayNumber,
                given.Count, checklist.Checkpoints.Count, checklist.MandatoryNotMet(given).Count(), openConditions.GetValueOrDefault(r.PromiseId),
                r.Stage == GateStage.Feasibility
                    ? envelopes.FirstOrDefault(e => e.Covers(r.CategoryId, r.DeliveringDepartmentId, targets[r.PromiseId]))?.Name.In(Cultures.Current)
                    : null);
        }).ToList();
        return new MeetingSection<MeetingDecision>(rows, count);
    }

    /// <summary>Committed promises the department delivers, due in the week and still without an outcome.</summary>
    private async Task<MeetingSection<PromiseListItem>> DuePromisesAsync(CancellationToken ct)
    {
        var due = db.Promises.Where(p => p.DeliveringDepartmentId == DepartmentId
                                         && (p.Status == PromiseStatus.Committed || p.Status == PromiseStatus.InDelivery)
                                         && p.DueDate >= Shown.Monday && p.DueDate <= Shown.Sunday);
        var count = await due.CountAsync(ct);
        var rows = await PromiseListItem.Project(db, due).OrderBy(p => p.DueDate).ThenBy(p => p.Id).Take(Limit).ToListAsync(ct);
        return new MeetingSection<PromiseListItem>(rows, count);
    }

    /// <summary>Open conditions owned by members of the department, due by the week's end (overdue ones included).</summary>
    private async Task<MeetingSection<MeetingCondition>> ConditionsAsync(CancellationToken ct)
    {
        var owned = from c in OpenCondition.DueBy(db, Shown.Sunday)
                    join u in db.Users on c.OwnerId equals u.Id
                    where u.DepartmentId == DepartmentId
                    select new { Condition = c, OwnerName = u.DisplayName };
        var count = await owned.CountAsync(ct);
        var rows = await owned.OrderBy(c => c.Condition.DueDate).ThenBy(c => c.Condition.ConditionId).Take(Limit).ToListAsync(ct);
        return new MeetingSection<MeetingCondition>(rows.Select(c => new MeetingCondition(c.Condition, c.OwnerName)).ToList(), count);
    }
}

/// <summary>One section of the agenda: its first rows and how many there are in all.</summary>
public sealed record MeetingSection<T>(IReadOnlyList<T> Rows, int Count)
{
    public int More => Count - Rows.Count;
}

/// <summary>A review waiting for a decision with the facts needed to decide it.</summary>
public sealed record MeetingDecision(
    ReviewListItem Review, PromiseListItem Promise, MeasurableTarget Target, int DaysWaiting,
    int Answered, int Checkpoints, int MandatoryNotMet, int OpenConditions, string? CoveringEnvelope);

public sealed record MeetingCondition(OpenCondition Condition, string OwnerName);

/// <summary>An ISO 8601 week (Monday to Sunday), written "2026-W49".</summary>
public readonly record struct IsoWeek(int Year, int Number)
{
    public DateOnly Monday => DateOnly.FromDateTime(ISOWeek.ToDateTime(Year, Number, DayOfWeek.Monday));

    public DateOnly Sunday => Monday.AddDays(6);

    public IsoWeek Previous => Of(Monday.AddDays(-7));

    public IsoWeek Next => Of(Monday.AddDays(7));

    public static IsoWeek Of(DateOnly day)
    {
        var date = day.ToDateTime(TimeOnly.MinValue);
        return new IsoWeek(ISOWeek.GetYear(date), ISOWeek.GetWeekOfYear(date));
    }

    public static bool TryParse(string? text, out IsoWeek week)
    {
        week = default;
        var parts = text?.Split("-W", StringSplitOptions.None);
        if (parts is not [var year, var number]
            || !int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            || !int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            || y is < 1 or > 9998 || n < 1 || n > ISOWeek.GetWeeksInYear(y))
        {
            return false;
        }

        week = new IsoWeek(y, n);
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year}-W{Number:00}");
}
