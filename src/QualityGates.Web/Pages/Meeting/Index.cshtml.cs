using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;
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
public sealed class IndexModel(QualityGatesDbContext db, TimeProvider time) : DepartmentWeekPageModel
{
    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public DateTime NowUtc => time.GetUtcNow().UtcDateTime;

    public WeekSection<MeetingDecision> Decisions { get; private set; } = new([], 0);

    public WeekSection<PromiseListItem> DuePromises { get; private set; } = new([], 0);

    public WeekSection<MeetingCondition> Conditions { get; private set; } = new([], 0);

    /// <summary>The register with this department's open promises due in the week.</summary>
    public Dictionary<string, string> DueRegisterFilter => new PromiseFilter
    {
        DeliveringDepartmentId = DepartmentId, Open = true, DueFrom = Shown.Monday, DueTo = Shown.Sunday,
    }.ToRouteValues();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await ChooseAsync(db, Today) is { } refused)
        {
            return refused;
        }

        Decisions = await DecisionsAsync(ct);
        DuePromises = await DuePromisesAsync(ct);
        Conditions = await ConditionsAsync(ct);
        return Page();
    }

    /// <summary>
    /// The reviews waiting as the reviews list defines it; of those on hold, the ones whose re-review date comes by
    /// the week's end. Read through the waiting reviews' index of the deciding department.
    /// </summary>
    private async Task<WeekSection<MeetingDecision>> DecisionsAsync(CancellationToken ct)
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
            return new WeekSection<MeetingDecision>([], count);
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
        return new WeekSection<MeetingDecision>(rows, count);
    }

    /// <summary>Committed promises the department delivers, due in the week and still without an outcome.</summary>
    private async Task<WeekSection<PromiseListItem>> DuePromisesAsync(CancellationToken ct)
    {
        var due = db.Promises.Where(p => p.DeliveringDepartmentId == DepartmentId
                                         && (p.Status == PromiseStatus.Committed || p.Status == PromiseStatus.InDelivery)
                                         && p.DueDate >= Shown.Monday && p.DueDate <= Shown.Sunday);
        var count = await due.CountAsync(ct);
        var rows = await PromiseListItem.Project(db, due).OrderBy(p => p.DueDate).ThenBy(p => p.Id).Take(Limit).ToListAsync(ct);
        return new WeekSection<PromiseListItem>(rows, count);
    }

    /// <summary>Open conditions owned by members of the department, due by the week's end (overdue ones included).</summary>
    private async Task<WeekSection<MeetingCondition>> ConditionsAsync(CancellationToken ct)
    {
        var owned = from c in OpenCondition.DueBy(db, Shown.Sunday)
                    join u in db.Users on c.OwnerId equals u.Id
                    where u.DepartmentId == DepartmentId
                    select new { Condition = c, OwnerName = u.DisplayName };
        var count = await owned.CountAsync(ct);
        var rows = await owned.OrderBy(c => c.Condition.DueDate).ThenBy(c => c.Condition.ConditionId).Take(Limit).ToListAsync(ct);
        return new WeekSection<MeetingCondition>(rows.Select(c => new MeetingCondition(c.Condition, c.OwnerName)).ToList(), count);
    }
}

/// <summary>A review waiting for a decision with the facts needed to decide it.</summary>
public sealed record MeetingDecision(
    ReviewListItem Review, PromiseListItem Promise, MeasurableTarget Target, int DaysWaiting,
    int Answered, int Checkpoints, int MandatoryNotMet, int OpenConditions, string? CoveringEnvelope);

public sealed record MeetingCondition(OpenCondition Condition, string OwnerName);
