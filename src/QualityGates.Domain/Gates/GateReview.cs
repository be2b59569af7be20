using QualityGates.Domain.Promises;

namespace QualityGates.Domain.Gates;

/// <summary>
/// One gate's review of one promise. It keeps the checklist version it started with, records every
/// decision (a Hold is followed by another), and moves the promise through its lifecycle.
/// </summary>
public sealed class GateReview : IVersioned
{
    public const int ReasonMaxLength = 1000;
    public const int NoteMaxLength = 500;

    private readonly List<ReviewAnswer> _answers = [];
    private readonly List<ReviewDecision> _decisions = [];
    private readonly List<ReviewCondition> _conditions = [];

    private GateReview()
    {
        GateCode = "";
        PromiseOwnerId = "";
    }

    public int Id { get; private set; }

    public int PromiseId { get; private set; }

    public int GateDefinitionId { get; private set; }

    public string GateCode { get; private set; }

    public GateStage Stage { get; private set; }

    public int ChecklistVersion { get; private set; }

    public int DecidingDepartmentId { get; private set; }

    /// <summary>
    /// The link of the promise's value chain this review is for: G1 asks each link, a handover is received by the link
    /// (from the promising side for link 1, else from the link before). Null for the closure review (G3).
    /// </summary>
    public int? LinkPosition { get; private set; }

    /// <summary>A handover's giving side: the promising department to the first link, else the link before; null for other gates.</summary>
    public int? HandingOverDepartmentId { get; private set; }

    /// <summary>How often the receiving side returned this handover for completion; 0 when it was accepted the first time.</summary>
    public int Returns { get; private set; }

    // The promise's departments and category as the review found them: a review judges one revision, and a
    // revision that changes them opens a new review. The dashboard's gate figures are filtered by these.

    public int PromisingDepartmentId { get; private set; }

    /// <summary>The department of the review's link (for G3: the promise's first delivering department).</summary>
    public int DeliveringDepartmentId { get; private set; }

    public int CategoryId { get; private set; }

    /// <summary>Who owns the promise (it never changes): their work list counts the decisions on it.</summary>
    public string PromiseOwnerId { get; private set; }

    public DateTime OpenedAtUtc { get; private set; }

    public GateReviewState State { get; private set; }

    /// <summary>The decision that closed the review (Go, Conditional Go, Recycle, No-Go), or the last Hold.</summary>
    public GateDecision? Outcome { get; private set; }

    public DateTime? DecidedAtUtc { get; private set; }

    /// <summary>Passed at once by a capability envelope: no human decided.</summary>
    public bool PassedByEnvelope { get; private set; }

    /// <summary>Days from opening (for G1: the submission) to the closing decision; kept for the dashboard's median.</summary>
    public double? DaysToDecision { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<ReviewAnswer> Answers => _answers;

    public IReadOnlyList<ReviewDecision> Decisions => _decisions;

    public IReadOnlyList<ReviewCondition> Conditions => _conditions;

    public bool IsClosed => State is GateReviewState.Decided or GateReviewState.Superseded;

    /// <summary>A new revision of the promise replaces this review's subject; a new G1 review follows.</summary>
    public void Supersede(DateTime nowUtc)
    {
        if (!IsClosed)
        {
            State = GateReviewState.Superseded;
            DecidedAtUtc = nowUtc;
        }
    }

    public bool IsDecidable(Promise promise) => !IsClosed && State != GateReviewState.Returned && IsWhereTheGateExpects(promise);

    /// <summary>
    /// G1 judges a promise under review, the first handover a committed one, each later handover one held by the link
    /// before, G3 one with its outcome.
    /// </summary>
    private bool IsWhereTheGateExpects(Promise promise) => Stage switch
    {
        GateStage.Feasibility => promise.Status == PromiseStatus.UnderReview,
        GateStage.Handover when LinkPosition == 1 => promise.Status == PromiseStatus.Committed,
        GateStage.Handover => promise.Status == PromiseStatus.InDelivery && promise.CurrentLinkPosition == LinkPosition - 1,
        _ => promise.Status is PromiseStatus.Kept or PromiseStatus.Broken,
    };

    /// <summary>Recording the outcome opens the closure review (G3), decided by AfterSales.</summary>
    public static GateReview OpenClosure(Promise promise, GateDefinition gate, DateTime nowUtc)
    {
        if (gate.Stage != GateStage.Closure || !gate.IsActive)
        {
            throw new ArgumentException("Not an active closure gate.", nameof(gate));
        }

        if (promise.Status is not (PromiseStatus.Kept or PromiseStatus.Broken))
        {
            throw new DomainException("ClosureNeedsOutcome", "Only a promise with its outcome gets a closure review.");
        }

        return Open(promise, gate, nowUtc, promise.DeliveringDepartmentId, linkPosition: null);
    }

    /// <summary>Submitting opens one feasibility review per link of the value chain; <paramref name="position"/> names the link.</summary>
    public static GateReview OpenFeasibility(Promise promise, GateDefinition gate, DateTime nowUtc, int position = 1)
    {
        if (gate.Stage != GateStage.Feasibility || !gate.IsActive)
        {
            throw new ArgumentException("Not an active feasibility gate.", nameof(gate));
        }

        if (promise.Status != PromiseStatus.UnderReview)
        {
            throw new DomainException("ReviewNeedsSubmittedPromise", "Only a promise under review gets a feasibility review.");
        }

        return Open(promise, gate, nowUtc, promise.LinkAt(position).DepartmentId, position);
    }

    /// <summary>
    /// Committing a promise hands it over to the first link of its value chain, which reviews the handover (G2); the link
    /// that holds a promise in delivery hands it over to the next link the same way.
    /// </summary>
    public static GateReview OpenHandover(Promise promise, GateDefinition gate, DateTime nowUtc)
    {
        if (gate.Stage != GateStage.Handover || !gate.IsActive)
        {
            throw new ArgumentException("Not an active handover gate.", nameof(gate));
        }

        if (promise.Status is not (PromiseStatus.Committed or PromiseStatus.InDelivery))
        {
            throw new DomainException("OnlyCommittedAreHandedOver", $"Only a committed promise is handed over; this promise is {promise.Status}.", promise.Status);
        }

        var next = promise.NextLink
                   ?? throw new DomainException("LastLinkKeepsIt", "The last link of the value chain keeps the promise; there is nobody to hand it over to.");
        var review = Open(promise, gate, nowUtc, next.DepartmentId, next.Position);
        review.HandingOverDepartmentId = next.Position == 1 ? promise.PromisingDepartmentId : promise.LinkAt(next.Position - 1).DepartmentId;
        return review;
    }

    /// <summary>The handing-over side (promising side or link before) completed the missing items of a returned handover and hands over again.</summary>
    public void HandOverAgain(DateTime nowUtc)
    {
        if (State != GateReviewState.Returned)
        {
            throw new DomainException("HandoverNotReturned", "Only a handover that was returned can be handed over again.");
        }

        State = GateReviewState.Open;
        OpenedAtUtc = nowUtc;
    }

    /// <summary>An active capability envelope covers the promise: G1 is passed at once, recorded as such.</summary>
    public void PassByEnvelope(Promise promise, int envelopeId, string envelopeName, DateTime nowUtc)
    {
        EnsureOpenFor(promise);
        _decisions.Add(new ReviewDecision(GateDecision.Go, deciderId: null, nowUtc, reason: envelopeName, reReviewDate: null, envelopeId));
        PassedByEnvelope = true;
        Close(GateDecision.Go, nowUtc);
        promise.NoteLinkFeasibility(LinkPosition!.Value, GateDecision.Go);
    }

    /// <summary>
    /// A manager of the deciding department decides. Rules: four-eyes (not the promise's owner), Go only
    /// when every mandatory checkpoint is Met or N/A, Conditional Go with conditions, reasons for Recycle,
    /// No-Go and Hold, a re-review date for Hold.
    /// </summary>
    public void Decide(Promise promise, GateChecklist checklist, ReviewDecisionInput input, DateTime nowUtc, bool earlierConditionsOpen = false)
    {
        EnsureOpenFor(promise);
        if (Stage == GateStage.Handover && input.Decision is not (GateDecision.Go or GateDecision.Recycle))
        {
            throw new DomainException("HandoverAcceptOrReturn", "A handover is accepted (Go) or returned for completion (Recycle).");
        }

        if (Stage == GateStage.Closure && input.Decision is not (GateDecision.Go or GateDecision.Hold))
        {
            throw new DomainException("ClosureGoOrHold", "A closure review is completed (Go) or put on hold.");
        }

        if (Stage == GateStage.Handover && input.Decision == GateDecision.Go && earlierConditionsOpen)
        {
            throw new DomainException("OpenConditionsBlockHandover", "Open conditions of the feasibility gate block the handover.");
        }

        if (input.DeciderDepartmentId != DecidingDepartmentId)
        {
            throw new DomainException("NotTheDecidingDepartment", "Only the deciding department decides this gate.");
        }

        if (input.DeciderId == promise.OwnerId)
        {
            throw new DomainException("FourEyes", "Nobody decides a gate on a promise they own.");
        }

        var reason = string.IsNullOrWhiteSpace(input.Reason) ? null : input.Reason.Trim();
        switch (input.Decision)
        {
            case GateDecision.Go when checklist.MandatoryNotMet(input.Answers).Any():
                throw new DomainException("MandatoryCheckpointsNotMet", "Go needs every mandatory checkpoint Met or N/A.");
            case GateDecision.ConditionalGo when input.Conditions.Count == 0:
                throw new DomainException("ConditionsRequired", "A Conditional Go names at least one condition.");
            case GateDecision.Recycle or GateDecision.NoGo or GateDecision.Hold when reason is null:
                throw new DomainException("DecisionNeedsReason", "This decision needs a reason.");
            case GateDecision.Hold when input.ReReviewDate is null:
                throw new DomainException("HoldNeedsDate", "A Hold needs a re-review date.");
        }

        if (input.Answers.Keys.Any(id => !checklist.Contains(id)))
        {
            throw new ArgumentException("An answer names a checkpoint that is not on this review's checklist.", nameof(input));
        }

        _answers.Clear();
        _answers.AddRange(input.Answers.Select(a => new ReviewAnswer(a.Key, a.Value.Answer, a.Value.Note)));
        _decisions.Add(new ReviewDecision(input.Decision, input.DeciderId, nowUtc, reason,
            input.Decision == GateDecision.Hold ? input.ReReviewDate : null, envelopeId: null));

        switch (input.Decision)
        {
            case GateDecision.Hold:
                State = GateReviewState.OnHold;
                Outcome = GateDecision.Hold;
                return;
            case GateDecision.ConditionalGo:
                _conditions.AddRange(input.Conditions.Select(c => new ReviewCondition(c.Text, c.OwnerId, c.DueDate)));
                break;
            case GateDecision.Go when Stage == GateStage.Handover:
                NoteFirstHandover(promise, accepted: true);
                promise.HandOverTo(LinkPosition!.Value, nowUtc);
                break;
            case GateDecision.Recycle when Stage == GateStage.Handover:
                NoteFirstHandover(promise, accepted: false);
                Returns++;

                // Returned: the promise stays where it is until the handing-over side completes the missing items.
                State = GateReviewState.Returned;
                Outcome = GateDecision.Recycle;
                return;
        }

        Close(input.Decision, nowUtc);
        if (Stage == GateStage.Feasibility)
        {
            promise.NoteLinkFeasibility(LinkPosition!.Value, input.Decision);
        }
    }

    public void ResolveCondition(int conditionId, string userId, string? note, DateTime nowUtc)
    {
        var condition = _conditions.SingleOrDefault(c => c.Id == conditionId)
                        ?? throw new DomainException("ConditionNotFound", "This review has no such condition.");
        condition.Resolve(userId, note, nowUtc);
    }

    /// <summary>A withdrawn promise needs none of its conditions any more: they are resolved with the withdrawal.</summary>
    public void ResolveOpenConditions(string userId, string? note, DateTime nowUtc)
    {
        foreach (var condition in _conditions.Where(c => !c.IsResolved))
        {
            condition.Resolve(userId, note, nowUtc);
        }
    }

    public bool HasOpenConditions => _conditions.Any(c => !c.IsResolved);

    // The promising side and the first link are the pair whose first-time acceptance the dashboard has always counted.
    private void NoteFirstHandover(Promise promise, bool accepted)
    {
        if (LinkPosition == 1)
        {
            promise.NoteHandoverDecision(accepted);
        }
    }

    // The gate's current checklist version and deciding department, fixed for the life of the review.
    private static GateReview Open(Promise promise, GateDefinition gate, DateTime nowUtc, int linkDepartmentId, int? linkPosition) => new()
    {
        PromiseId = promise.Id,
        GateDefinitionId = gate.Id,
        GateCode = gate.Code,
        Stage = gate.Stage,
        ChecklistVersion = gate.ChecklistVersion,
        DecidingDepartmentId = gate.DecidingDepartmentFor(linkDepartmentId),
        LinkPosition = linkPosition,
        PromisingDepartmentId = promise.PromisingDepartmentId,
        DeliveringDepartmentId = linkDepartmentId,
        CategoryId = promise.CategoryId,
        PromiseOwnerId = promise.OwnerId,
        OpenedAtUtc = nowUtc,
        State = GateReviewState.Open,
    };

    private void EnsureOpenFor(Promise promise)
    {
        if (promise.Id != PromiseId)
        {
            throw new ArgumentException("Not this review's promise.", nameof(promise));
        }

        if (IsClosed)
        {
            throw new DomainException("ReviewClosed", "This review has already been decided.");
        }

        if (State == GateReviewState.Returned)
        {
            throw new DomainException("HandoverReturned", "The handover was returned; the promising side hands it over again first.");
        }

        if (!IsWhereTheGateExpects(promise))
        {
            throw new DomainException("PromiseNotUnderReview", $"The promise is {promise.Status}; this gate has nothing to decide.", promise.Status);
        }
    }

    private void Close(GateDecision decision, DateTime nowUtc)
    {
        State = GateReviewState.Decided;
        Outcome = decision;
        DecidedAtUtc = nowUtc;
        DaysToDecision = Math.Round((nowUtc - OpenedAtUtc).TotalDays, 4);
    }
}

/// <summary>The checkpoints a review answers: its gate's checklist in the review's version, for the promise's category.</summary>
public sealed class GateChecklist(IReadOnlyList<GateCheckpoint> checkpoints)
{
    public IReadOnlyList<GateCheckpoint> Checkpoints { get; } = checkpoints;

    public static GateChecklist Of(GateDefinition gate, GateReview review, Promise promise) =>
        new(gate.ChecklistFor(review.ChecklistVersion, promise.CategoryId));

    public bool Contains(int checkpointId) => Checkpoints.Any(c => c.Id == checkpointId);

    public IEnumerable<GateCheckpoint> MandatoryNotMet(IReadOnlyDictionary<int, AnswerInput> answers) =>
        Checkpoints.Where(c => c.IsMandatory
                               && !(answers.TryGetValue(c.Id, out var a) && a.Answer is CheckpointAnswer.Met or CheckpointAnswer.NotApplicable));
}

public sealed record AnswerInput(CheckpointAnswer Answer, string? Note);

public sealed record ConditionInput(string Text, string OwnerId, DateOnly DueDate);

public sealed record ReviewDecisionInput(
    GateDecision Decision,
    string DeciderId,
    int DeciderDepartmentId,
    IReadOnlyDictionary<int, AnswerInput> Answers,
    string? Reason,
    DateOnly? ReReviewDate,
    IReadOnlyList<ConditionInput> Conditions);
