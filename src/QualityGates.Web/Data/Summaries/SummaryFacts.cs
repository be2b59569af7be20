using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;

namespace QualityGates.Web.Data.Summaries;

/// <summary>
/// The columns of a promise that the summaries count, and the rows it counts in. The same code serves a change
/// (its old facts counted out, its new ones in) and a rebuild (every promise counted in), so both agree. The
/// parameters are named as the entity's properties: <see cref="Facts{TEntity, TFacts}"/> reads them by name.
/// </summary>
public sealed record PromiseFacts(
    int PromisingDepartmentId,
    int DeliveringDepartmentId,
    int CategoryId,
    int? CustomerId,
    PromiseStatus Status,
    DateOnly DueDate,
    int Revision,
    int? FirstApprovedRevision,
    bool ChangedAfterApproval,
    int DueDateSlipDays,
    OutcomeKind? OutcomeAgainstFirstTarget,
    DateOnly? CommittedOn,
    GateDecision? FirstFeasibilityDecision,
    bool? HandoverAcceptedFirstTime,
    BreachCause? BreachCause,
    int? BrokenAtDepartmentId,
    bool AtRisk,
    string? RiskMeasure)
{
    public IEnumerable<object> Rows()
    {
        var month = YearMonth.Of(DueDate);
        var judged = Status is PromiseStatus.Kept or PromiseStatus.Broken;
        var submitted = Revision > 0;
        var broken = Status == PromiseStatus.Broken;
        yield return new PromiseMonthFigures
        {
            Month = month,
            PromisingDepartmentId = PromisingDepartmentId,
            DeliveringDepartmentId = DeliveringDepartmentId,
            CategoryId = CategoryId,
            Kept = One(Status == PromiseStatus.Kept),
            Broken = One(broken),
            KeptAgainstFirst = One(judged && OutcomeAgainstFirstTarget == OutcomeKind.Kept),
            BrokenAgainstFirst = One(judged && OutcomeAgainstFirstTarget == OutcomeKind.Broken),
            Submitted = One(submitted),
            Changes = submitted ? Revision - 1 : 0,
            Approved = One(submitted && FirstApprovedRevision is not null),
            ChangedAfterApproval = One(submitted && ChangedAfterApproval),
            DueDateSlipDays = submitted ? DueDateSlipDays : 0,
            Committed = One(CommittedOn is not null),
            Ungated = One(CommittedOn is not null && FirstApprovedRevision is null),
            FirstDecided = One(FirstFeasibilityDecision is not null),
            FirstPass = One(FirstFeasibilityDecision is GateDecision.Go or GateDecision.ConditionalGo),
            HandoverAccepted = One(HandoverAcceptedFirstTime == true),
            HandoverReturned = One(HandoverAcceptedFirstTime == false),
            BrokenUnrealisticAtGate = One(broken && BreachCause == Domain.Promises.BreachCause.UnrealisticAtGate),
            BrokenLostAtHandover = One(broken && BreachCause == Domain.Promises.BreachCause.LostAtHandover),
            BrokenChangedByCustomer = One(broken && BreachCause == Domain.Promises.BreachCause.ChangedByCustomer),
            BrokenExecution = One(broken && BreachCause == Domain.Promises.BreachCause.Execution),
        };

        if (judged)
        {
            foreach (var (slice, sliceId) in Slices(PromisingDepartmentId, DeliveringDepartmentId, CategoryId))
            {
                yield return new CustomerMonthFigures
                {
                    Month = month,
                    Slice = slice,
                    SliceId = sliceId,
                    CustomerId = CustomerId ?? 0,
                    Kept = One(Status == PromiseStatus.Kept),
                    Broken = One(broken),
                    KeptAgainstFirst = One(OutcomeAgainstFirstTarget == OutcomeKind.Kept),
                    BrokenAgainstFirst = One(OutcomeAgainstFirstTarget == OutcomeKind.Broken),
                };
            }
        }

        if (broken && BrokenAtDepartmentId is { } brokenAt)
        {
            yield return new BreakMonthFigures
            {
                Month = month,
                BrokenAtDepartmentId = brokenAt,
                PromisingDepartmentId = PromisingDepartmentId,
                DeliveringDepartmentId = DeliveringDepartmentId,
                CategoryId = CategoryId,
                Broken = 1,
            };
        }

        yield return new PromiseCounts
        {
            PromisingDepartmentId = PromisingDepartmentId,
            DeliveringDepartmentId = DeliveringDepartmentId,
            CategoryId = CategoryId,
            Status = Status,
            Risk = !AtRisk ? RiskLevel.None : RiskMeasure is not null ? RiskLevel.Measured : RiskLevel.Unmeasured,
            Count = 1,
        };
    }

    internal static IEnumerable<(SummarySlice Slice, int Id)> Slices(int promising, int delivering, int category) =>
    [
        (SummarySlice.All, 0),
        (SummarySlice.PromisingDepartment, promising),
        (SummarySlice.DeliveringDepartment, delivering),
        (SummarySlice.Category, category),
    ];

    internal static long One(bool condition) => condition ? 1 : 0;
}

/// <summary>
/// The columns of a gate review that the summaries count: whether it waits for a decision, a closing G1 decision with
/// how long it took, an accepted handover with its pair of departments and returns.
/// </summary>
public sealed record ReviewFacts(
    GateStage Stage,
    GateReviewState State,
    GateDecision? Outcome,
    DateTime? DecidedAtUtc,
    bool PassedByEnvelope,
    double? DaysToDecision,
    int DecidingDepartmentId,
    int PromisingDepartmentId,
    int DeliveringDepartmentId,
    int CategoryId,
    int? HandingOverDepartmentId,
    int Returns)
{
    /// <summary>What a rebuild reads: the reviews that count anywhere.</summary>
    public static readonly System.Linq.Expressions.Expression<Func<GateReview, bool>> Counted = r =>
        r.State == GateReviewState.Open || r.State == GateReviewState.OnHold
        || (r.Stage != GateStage.Closure && r.State == GateReviewState.Decided);

    public IEnumerable<object> Rows()
    {
        if (State is GateReviewState.Open or GateReviewState.OnHold)
        {
            yield return new OpenReviewCounts { DecidingDepartmentId = DecidingDepartmentId, Stage = Stage, Count = 1 };
        }

        if (Stage == GateStage.Handover && State == GateReviewState.Decided && DecidedAtUtc is { } acceptedAt && HandingOverDepartmentId is { } from)
        {
            yield return new HandoverPairMonthFigures
            {
                Month = YearMonth.Of(acceptedAt),
                FromDepartmentId = from,
                ToDepartmentId = DecidingDepartmentId,
                Accepted = 1,
                AcceptedFirstTime = PromiseFacts.One(Returns == 0),
                Returns = Returns,
            };
        }

        if (Stage != GateStage.Feasibility || State != GateReviewState.Decided || DecidedAtUtc is not { } decidedAt)
        {
            yield break;
        }

        var month = YearMonth.Of(decidedAt);
        yield return new DecisionMonthFigures
        {
            Month = month,
            DecidingDepartmentId = DecidingDepartmentId,
            PromisingDepartmentId = PromisingDepartmentId,
            DeliveringDepartmentId = DeliveringDepartmentId,
            CategoryId = CategoryId,
            Go = PromiseFacts.One(Outcome == GateDecision.Go && !PassedByEnvelope),
            GoByEnvelope = PromiseFacts.One(Outcome == GateDecision.Go && PassedByEnvelope),
            ConditionalGo = PromiseFacts.One(Outcome == GateDecision.ConditionalGo),
            Recycle = PromiseFacts.One(Outcome == GateDecision.Recycle),
            NoGo = PromiseFacts.One(Outcome == GateDecision.NoGo),
        };

        if (!PassedByEnvelope && DaysToDecision is { } days)
        {
            foreach (var (slice, sliceId) in PromiseFacts.Slices(PromisingDepartmentId, DeliveringDepartmentId, CategoryId))
            {
                yield return Durations.Row(DurationKind.DaysToDecision, month, slice, sliceId, days);
            }
        }
    }
}

/// <summary>A link of a value chain that handed its promise on: how long it held it, for the median per department.</summary>
public sealed record LinkFacts(int DepartmentId, DateTime? ReceivedAtUtc, DateTime? HandedOnAtUtc)
{
    public IEnumerable<object> Rows()
    {
        if (ReceivedAtUtc is not { } received || HandedOnAtUtc is not { } handedOn)
        {
            yield break;
        }

        var month = YearMonth.Of(handedOn);
        var days = (handedOn - received).TotalDays;
        yield return Durations.Row(DurationKind.LinkHeld, month, SummarySlice.All, 0, days);
        yield return Durations.Row(DurationKind.LinkHeld, month, SummarySlice.DeliveringDepartment, DepartmentId, days);
    }
}

/// <summary>A decision made by a person (not an envelope) on a promise, counted for the promise's owner by day.</summary>
public sealed record DecisionFacts(string PromiseOwnerId, DateTime DecidedAtUtc, string? DeciderId)
{
    public IEnumerable<object> Rows()
    {
        if (DeciderId is not null)
        {
            yield return new OwnerDecisionDays { OwnerId = PromiseOwnerId, Day = YearMonth.DayOf(DateOnly.FromDateTime(DecidedAtUtc)), Count = 1 };
        }
    }
}

/// <summary>The columns of an improvement action that the summaries count: opened, done, and its cycle time.</summary>
public sealed record ActionFacts(int ResponsibleDepartmentId, DateTime CreatedAtUtc, DateTime? DoneAtUtc, double? CycleDays)
{
    public IEnumerable<object> Rows()
    {
        yield return new ActionMonthFigures { Month = YearMonth.Of(CreatedAtUtc), ResponsibleDepartmentId = ResponsibleDepartmentId, Opened = 1 };
        if (DoneAtUtc is not { } doneAt)
        {
            yield break;
        }

        var month = YearMonth.Of(doneAt);
        yield return new ActionMonthFigures { Month = month, ResponsibleDepartmentId = ResponsibleDepartmentId, Done = 1 };
        if (CycleDays is { } days)
        {
            yield return Durations.Row(DurationKind.ActionCycle, month, SummarySlice.All, 0, days);
            yield return Durations.Row(DurationKind.ActionCycle, month, SummarySlice.ResponsibleDepartment, ResponsibleDepartmentId, days);
        }
    }
}

/// <summary>Durations are counted, and their medians read, in whole hours.</summary>
public static class Durations
{
    public static int Hours(double days) => (int)Math.Round(days * 24, MidpointRounding.AwayFromZero);

    public static double Days(double hours) => hours / 24;

    internal static DurationHistogram Row(DurationKind kind, int month, SummarySlice slice, int sliceId, double days) =>
        new() { Kind = kind, Month = month, Slice = slice, SliceId = sliceId, Hours = Hours(days), Count = 1 };
}
