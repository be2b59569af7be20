using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;

namespace QualityGates.Web.Data.Upgrades;

/// <summary>What a promise's bookkeeping columns (ADR 0017) depend on: the promise's outcome and its recorded history.</summary>
public sealed record PromiseHistory(
    int PromiseId,
    OutcomeKind? Outcome,
    decimal? ActualValue,
    DateOnly? OutcomeDate,
    IReadOnlyList<RevisionRecord> Revisions,
    IReadOnlyList<ReviewRecord> Reviews);

public sealed record RevisionRecord(int Number, bool IsChange, MeasurableTarget Target, DateOnly DueDate, DateTime CreatedAtUtc);

public sealed record ReviewRecord(
    int Id, GateStage Stage, GateReviewState State, DateTime OpenedAtUtc, DateTime? DecidedAtUtc, IReadOnlyList<DecisionRecord> Decisions);

public sealed record DecisionRecord(int Id, GateDecision Decision, DateTime DecidedAtUtc, bool ByEnvelope);

/// <summary>The promise's bookkeeping columns, as the verbs set them.</summary>
public sealed record PromiseBookkeeping(
    int? FirstApprovedRevision,
    MeasurableTarget FirstApprovedTarget,
    DateOnly? FirstApprovedDueDate,
    bool ChangedAfterApproval,
    int DueDateSlipDays,
    OutcomeKind? OutcomeAgainstFirstTarget,
    GateDecision? FirstFeasibilityDecision,
    bool? HandoverAcceptedFirstTime);

/// <summary>A review's bookkeeping columns, as <see cref="GateReview"/> sets them when it closes.</summary>
public sealed record ReviewBookkeeping(int ReviewId, bool PassedByEnvelope, double? DaysToDecision);

/// <summary>
/// Derives the bookkeeping columns from the history the verbs left behind, by the verbs' own rules (ADR 0023): the
/// same values <see cref="Promise"/> and <see cref="GateReview"/> would have set had they kept them from the start.
/// </summary>
public static class BookkeepingReplay
{
    public static PromiseBookkeeping Of(PromiseHistory history)
    {
        var revisions = history.Revisions.OrderBy(r => r.Number).ToList();
        var feasibility = history.Reviews.Where(r => r.Stage == GateStage.Feasibility).OrderBy(r => r.Id).ToList();
        var feasibilityDecisions = InOrder(feasibility);

        // Promise.Approve: the first G1 Go, Conditional Go or envelope pass fixes the revision it judged.
        var firstApproval = feasibilityDecisions.FirstOrDefault(d => d.Decision.Decision is GateDecision.Go or GateDecision.ConditionalGo);
        var approved = firstApproval.Review is null ? null : JudgedRevision(firstApproval.Review, feasibility, revisions);

        // ChangeAfterSubmission: every later revision is a change after the approval (only a change leaves the
        // approved states); the slip is measured at the last change, later submissions of a recycled draft keep it.
        var laterChanges = approved is null ? [] : revisions.Where(r => r.Number > approved.Number).ToList();
        var changed = laterChanges.Count > 0;
        var slip = approved is null ? 0
            : laterChanges.LastOrDefault(r => r.IsChange) is { } lastChange ? lastChange.DueDate.DayNumber - approved.DueDate.DayNumber : 0;

        // RecordOutcome: judged against the first approved target and due date when the promise changed since.
        OutcomeKind? againstFirst = history.Outcome is not { } outcome ? null
            : !changed ? outcome
            : approved!.Target.IsMetBy(history.ActualValue, history.OutcomeDate!.Value, outcome) && history.OutcomeDate <= approved.DueDate
                ? OutcomeKind.Kept
                : OutcomeKind.Broken;

        // GateReview.Close notes the first closing G1 decision (a Hold closes nothing); the first G2 decision accepts or returns.
        var firstClosing = feasibilityDecisions.FirstOrDefault(d => d.Decision.Decision != GateDecision.Hold).Decision;
        var firstHandover = InOrder(history.Reviews.Where(r => r.Stage == GateStage.Handover)).FirstOrDefault().Decision;

        return new PromiseBookkeeping(
            approved?.Number,
            approved?.Target ?? MeasurableTarget.None,
            approved?.DueDate,
            changed,
            slip,
            againstFirst,
            firstClosing?.Decision,
            firstHandover is null ? null : firstHandover.Decision == GateDecision.Go);
    }

    public static IEnumerable<ReviewBookkeeping> OfReviews(PromiseHistory history) =>
        history.Reviews.Select(r => new ReviewBookkeeping(
            r.Id,
            r.Decisions.Any(d => d.ByEnvelope),
            r.State == GateReviewState.Decided && r.DecidedAtUtc is { } decided ? Math.Round((decided - r.OpenedAtUtc).TotalDays, 4) : null));

    private static List<(ReviewRecord Review, DecisionRecord Decision)> InOrder(IEnumerable<ReviewRecord> reviews) =>
        reviews.SelectMany(r => r.Decisions.Select(d => (Review: r, Decision: d)))
            .OrderBy(x => x.Decision.DecidedAtUtc).ThenBy(x => x.Decision.Id).ToList();

    // Each submission and each change adds one revision and opens one G1 review (GateWorkflow), so the n-th
    // feasibility review judges the n-th revision. Where that does not hold (data written around the app), the
    // review judged the last revision made before it opened.
    private static RevisionRecord? JudgedRevision(ReviewRecord review, List<ReviewRecord> feasibility, List<RevisionRecord> revisions) =>
        feasibility.Count == revisions.Count
            ? revisions[feasibility.IndexOf(review)]
            : revisions.LastOrDefault(r => r.CreatedAtUtc <= review.OpenedAtUtc) ?? revisions.LastOrDefault();
}
