using QualityGates.Domain.Departments;
using QualityGates.Domain.Gates;

namespace QualityGates.Domain.Promises;

/// <summary>
/// A statement about service quality given to a customer. Its status changes only through the verb
/// methods below, each of which refuses an illegal transition with a <see cref="DomainException"/>.
/// </summary>
public sealed class Promise : IVersioned
{
    public const int NumberMaxLength = 20;
    public const int TitleMaxLength = 200;
    public const int StatementMaxLength = 4000;
    public const int SourceReferenceMaxLength = 100;
    public const int ReasonMaxLength = 1000;
    public const int OwnerIdMaxLength = 450;
    public const int EvidenceMaxLength = 2000;

    private readonly List<PromiseLink> _links = [];

    private Promise()
    {
        Number = "";
        Title = "";
        Statement = "";
        OwnerId = "";
        Target = MeasurableTarget.None;
        FirstApprovedTarget = MeasurableTarget.None;
    }

    public int Id { get; private set; }

    /// <summary>Human-readable, e.g. P-2026-00042; see <see cref="PromiseNumber"/>.</summary>
    public string Number { get; private set; }

    public string Title { get; private set; }

    /// <summary>The promise as told to the customer.</summary>
    public string Statement { get; private set; }

    public int CategoryId { get; private set; }

    /// <summary>Null only for a general claim of a department that makes them (Marketing).</summary>
    public int? CustomerId { get; private set; }

    public int PromisingDepartmentId { get; private set; }

    public string OwnerId { get; private set; }

    /// <summary>The department that must keep the promise: the first link of its value chain, which receives it at G2.</summary>
    public int DeliveringDepartmentId { get; private set; }

    /// <summary>The delivering departments in the order the promise passes them; the first is <see cref="DeliveringDepartmentId"/>.</summary>
    public IReadOnlyList<PromiseLink> Links => InOrder();

    /// <summary>The link that holds the promise: 0 until the first link accepted the handover, then 1, 2 … as it moves on.</summary>
    public int CurrentLinkPosition { get; private set; }

    /// <summary>
    /// The department answerable for the promise now: the first link until it is handed on, then the link that holds it.
    /// It raises the risk and records the outcome.
    /// </summary>
    public int HoldingDepartmentId { get; private set; }

    /// <summary>The link whose department holds the promise; null before the first link accepted it.</summary>
    public PromiseLink? CurrentLink => CurrentLinkPosition == 0 ? null : InOrder()[CurrentLinkPosition - 1];

    /// <summary>The link the promise goes to next: the first before delivery, then the one after the holding link; null at the end.</summary>
    public PromiseLink? NextLink => CurrentLinkPosition < _links.Count ? InOrder()[CurrentLinkPosition] : null;

    public PromiseLink LinkAt(int position) =>
        position >= 1 && position <= _links.Count ? InOrder()[position - 1] : throw new ArgumentOutOfRangeException(nameof(position));

    public PromiseSource Source { get; private set; }

    /// <summary>Offer or contract number, brochure edition …</summary>
    public string? SourceReference { get; private set; }

    public MeasurableTarget Target { get; private set; }

    /// <summary>When the promise is due, or until when a standing claim is valid.</summary>
    public DateOnly DueDate { get; private set; }

    public PromiseStatus Status { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime? SubmittedAtUtc { get; private set; }

    public DateTime? WithdrawnAtUtc { get; private set; }

    /// <summary>The day the approved promise was given to the customer.</summary>
    public DateOnly? CommittedOn { get; private set; }

    public CommitChannel? CommitChannel { get; private set; }

    /// <summary>The delivering department's early warning; stays until the outcome.</summary>
    public bool AtRisk { get; private set; }

    public string? RiskReason { get; private set; }

    /// <summary>The agreed measure against the risk: with one the light is yellow, without it red.</summary>
    public string? RiskMeasure { get; private set; }

    public DateTime? RiskRaisedAtUtc { get; private set; }

    public OutcomeKind? Outcome { get; private set; }

    public decimal? ActualValue { get; private set; }

    public DateOnly? OutcomeDate { get; private set; }

    public string? Evidence { get; private set; }

    public BreachCause? BreachCause { get; private set; }

    /// <summary>For a broken promise: the department of the link where it broke.</summary>
    public int? BrokenAtDepartmentId { get; private set; }

    public string? WithdrawalReason { get; private set; }

    public int Version { get; private set; }

    /// <summary>The upload this promise was imported from (docs/import.md); null for a promise logged on the form.</summary>
    public Guid? ImportId { get; private set; }

    /// <summary>The number of the current revision: each submission and each later change counts; 0 for a new draft.</summary>
    public int Revision { get; private set; }

    // Kept by the verbs for the dashboard's figures (ADR 0017): a grouped query over these columns answers
    // the moving-target, first-pass and handover figures without reading revisions or reviews.

    /// <summary>The revision the feasibility gate approved first; null while nothing was ever approved.</summary>
    public int? FirstApprovedRevision { get; private set; }

    /// <summary>The target as first approved (<see cref="MeasurableTarget.None"/> before); the moving-target baseline.</summary>
    public MeasurableTarget FirstApprovedTarget { get; private set; }

    public DateOnly? FirstApprovedDueDate { get; private set; }

    /// <summary>Changed (a new revision) after the feasibility gate had approved it once.</summary>
    public bool ChangedAfterApproval { get; private set; }

    /// <summary>Days the due date moved since the first approval (negative: earlier); 0 before an approval.</summary>
    public int DueDateSlipDays { get; private set; }

    /// <summary>The outcome judged against the first approved target and due date; equal to <see cref="Outcome"/> when nothing changed.</summary>
    public OutcomeKind? OutcomeAgainstFirstTarget { get; private set; }

    /// <summary>How the first decided feasibility review ended (a Hold is not an end); Go or Conditional Go is a first pass.</summary>
    public GateDecision? FirstFeasibilityDecision { get; private set; }

    /// <summary>Whether the delivering department accepted the first handover (G2) at once; null before its first decision.</summary>
    public bool? HandoverAcceptedFirstTime { get; private set; }

    /// <summary>
    /// The earliest due date of the promise's open conditions (of all its reviews); null when none is open. Kept
    /// for the traffic light and the work lists by the persistence layer from the reviews' conditions at every
    /// save (they belong to the reviews, not to this aggregate); no verb sets it.
    /// </summary>
    public DateOnly? OpenConditionsDueOn { get; private set; }

    public static Promise Draft(
        string number, PromiseDetails details, Department promisingDepartment, string ownerId, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(number);
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerId);
        if (promisingDepartment.Kind != DepartmentKind.Promising)
        {
            throw new DomainException("NotAPromisingDepartment", $"{promisingDepartment.Name} is not a promising department.", promisingDepartment.Name);
        }

        var promise = new Promise
        {
            Number = number,
            PromisingDepartmentId = promisingDepartment.Id,
            OwnerId = ownerId,
            Status = PromiseStatus.Draft,
            CreatedAtUtc = nowUtc,
        };
        promise.Apply(details, promisingDepartment.MakesGeneralClaims);
        return promise;
    }

    /// <summary>
    /// A promise taken over from a file of existing promises: a draft, or — with <paramref name="commitment"/> — one the
    /// customer already holds. That one is committed without any feasibility approval (ungated: no revision was
    /// submitted, none approved), so the dashboard counts it as such; it still needs a measurable target, by which its
    /// outcome will be judged. The handover (G2) follows as for any commitment.
    /// </summary>
    public static Promise Import(
        string number, PromiseDetails details, Department promisingDepartment, string ownerId, DateTime nowUtc, Guid importId,
        ExistingCommitment? commitment)
    {
        var promise = Draft(number, details, promisingDepartment, ownerId, nowUtc);
        promise.ImportId = importId;
        if (commitment is not null)
        {
            if (!promise.Target.IsMeasurable)
            {
                throw new DomainException("CommitmentNeedsMeasurableTarget", "A promise the customer already holds needs a measurable target (metric, comparator, value and unit, or a date).");
            }

            if (commitment.CommittedOn > DateOnly.FromDateTime(nowUtc))
            {
                throw new DomainException("CommittedOnInFuture", "A promise cannot have been given to the customer after today.");
            }

            promise.Status = PromiseStatus.Committed;
            promise.CommittedOn = commitment.CommittedOn;
            promise.CommitChannel = commitment.Channel;
        }

        return promise;
    }

    /// <summary>Changes a draft. After submission changes become revisions with a reason (moving target).</summary>
    public void EditDraft(PromiseDetails details, Department promisingDepartment)
    {
        if (Status != PromiseStatus.Draft)
        {
            throw new DomainException("OnlyDraftsAreEdited", $"Only a draft can be edited; this promise is {Status}.", Status);
        }

        if (promisingDepartment.Id != PromisingDepartmentId)
        {
            throw new ArgumentException("Not this promise's promising department.", nameof(promisingDepartment));
        }

        Apply(details, promisingDepartment.MakesGeneralClaims);
    }

    /// <summary>Submits a draft; the text as submitted becomes the next revision, which the caller stores.</summary>
    public PromiseRevision Submit(DateTime nowUtc, string submitterId)
    {
        if (Status != PromiseStatus.Draft)
        {
            throw new DomainException("OnlyDraftsAreSubmitted", $"Only a draft can be submitted; this promise is {Status}.", Status);
        }

        if (!Target.IsMeasurable)
        {
            throw new DomainException("SubmitNeedsMeasurableTarget", "A promise needs a measurable target (metric, comparator, value and unit, or a date) before it can be submitted.");
        }

        Status = PromiseStatus.UnderReview;
        SubmittedAtUtc = nowUtc;
        Revision++;
        _links.ForEach(l => l.NoteFeasibility(null));
        return new PromiseRevision(this, Revision, null, null, submitterId, nowUtc);
    }

    /// <summary>
    /// After submission, a change of statement, target, due date or value chain is a new revision with a reason. It
    /// re-opens the feasibility gate (moving target): for every link when anything but the chain changed — nobody approved
    /// the new text —, else for the links that are new or whose part changed (<see cref="LinksToAsk"/>); when only links
    /// were dropped, every remaining link is asked again.
    /// </summary>
    public PromiseRevision ChangeAfterSubmission(
        PromiseDetails details, Department promisingDepartment, RevisionReason reason, string? reasonText, string authorId, DateTime nowUtc)
    {
        if (Status is not (PromiseStatus.UnderReview or PromiseStatus.Approved or PromiseStatus.Committed or PromiseStatus.InDelivery))
        {
            throw new DomainException("RevisionNotPossible", $"A promise that is {Status} is not revised; drafts are edited, outcomes are final.", Status);
        }

        if (promisingDepartment.Id != PromisingDepartmentId)
        {
            throw new ArgumentException("Not this promise's promising department.", nameof(promisingDepartment));
        }

        var before = WhatEveryLinkJudges();
        var changedLinks = Apply(details, promisingDepartment.MakesGeneralClaims);
        if (before != WhatEveryLinkJudges() || changedLinks.Count == 0)
        {
            _links.ForEach(l => l.NoteFeasibility(null));
        }

        Revision++;
        if (FirstApprovedRevision is not null)
        {
            ChangedAfterApproval = true;
            DueDateSlipDays = DueDate.DayNumber - FirstApprovedDueDate!.Value.DayNumber;
        }

        Status = PromiseStatus.UnderReview;
        SubmittedAtUtc = nowUtc;
        AtRisk = false;
        RiskReason = null;
        RiskMeasure = null;
        RiskRaisedAtUtc = null;
        CurrentLinkPosition = 0;
        HoldingDepartmentId = DeliveringDepartmentId;
        _links.ForEach(l => l.ForgetReceipt());
        return new PromiseRevision(this, Revision, reason, string.IsNullOrWhiteSpace(reasonText) ? null : reasonText.Trim(), authorId, nowUtc);
    }

    /// <summary>Any promise without an outcome can be withdrawn; the reason is kept.</summary>
    public void Withdraw(string reason, DateTime nowUtc)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("WithdrawalNeedsReason", "A withdrawal needs a reason.");
        }

        if (Status.IsFinal())
        {
            throw new DomainException("FinalCannotBeWithdrawn", $"A promise that is {Status} can no longer be withdrawn.", Status);
        }

        Status = PromiseStatus.Withdrawn;
        WithdrawalReason = reason.Trim();
        WithdrawnAtUtc = nowUtc;
    }

    /// <summary>The owner reworks a rejected promise: it becomes a draft again, to be submitted anew.</summary>
    public void Revise()
    {
        if (Status != PromiseStatus.Rejected)
        {
            throw new DomainException("OnlyRejectedAreRevised", $"Only a rejected promise can be revised; this promise is {Status}.", Status);
        }

        Status = PromiseStatus.Draft;
    }

    /// <summary>Records that the approved promise was given to the customer; the handover (G2) follows.</summary>
    public void Commit(DateOnly committedOn, CommitChannel channel)
    {
        if (Status != PromiseStatus.Approved)
        {
            throw new DomainException("OnlyApprovedAreCommitted", $"Only an approved promise can be committed; this promise is {Status}.", Status);
        }

        Status = PromiseStatus.Committed;
        CommittedOn = committedOn;
        CommitChannel = channel;
    }

    /// <summary>The delivering department warns early that a committed or delivering promise is at risk.</summary>
    public void RaiseRisk(string reason, string? measure, DateTime nowUtc)
    {
        if (Status is not (PromiseStatus.Committed or PromiseStatus.InDelivery))
        {
            throw new DomainException("RiskOnlyWhileDelivering", $"Only a committed or delivering promise can be at risk; this promise is {Status}.", Status);
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("RiskNeedsReason", "An at-risk signal needs a reason.");
        }

        AtRisk = true;
        RiskReason = reason.Trim();
        RiskMeasure = string.IsNullOrWhiteSpace(measure) ? null : measure.Trim();
        RiskRaisedAtUtc = nowUtc;
    }

    /// <summary>The links that still have to answer the feasibility gate on the current revision.</summary>
    public IReadOnlyList<PromiseLink> LinksToAsk => InOrder().Where(l => l.FeasibilityDecision is null).ToList();

    /// <summary>
    /// The holding department records whether the promise was kept. A broken promise names its breach cause and the
    /// link where it broke (by default the holding one). The closure review (G3) follows.
    /// </summary>
    public void RecordOutcome(
        OutcomeKind outcome, decimal? actualValue, DateOnly date, string evidence, BreachCause? breachCause, int? brokenAtDepartmentId = null)
    {
        if (Status != PromiseStatus.InDelivery)
        {
            throw new DomainException("OutcomeOnlyInDelivery", $"An outcome is recorded for a promise in delivery; this promise is {Status}.", Status);
        }

        if (string.IsNullOrWhiteSpace(evidence))
        {
            throw new DomainException("OutcomeNeedsEvidence", "An outcome needs its evidence.");
        }

        if ((outcome == OutcomeKind.Broken) != (breachCause is not null))
        {
            throw new DomainException("BreachCauseForBrokenOnly", "A broken promise names its breach cause, and only a broken one.");
        }

        if (brokenAtDepartmentId is not null && (outcome != OutcomeKind.Broken || _links.All(l => l.DepartmentId != brokenAtDepartmentId)))
        {
            throw new DomainException("BrokenAtNotInChain", "A broken promise breaks at one of its links, and only a broken one.");
        }

        Outcome = outcome;
        OutcomeAgainstFirstTarget = !ChangedAfterApproval ? outcome
            : FirstApprovedTarget.IsMetBy(actualValue, date, outcome) && date <= FirstApprovedDueDate ? OutcomeKind.Kept : OutcomeKind.Broken;
        ActualValue = actualValue;
        OutcomeDate = date;
        Evidence = evidence.Trim();
        BreachCause = breachCause;
        BrokenAtDepartmentId = outcome == OutcomeKind.Broken ? brokenAtDepartmentId ?? HoldingDepartmentId : null;
        Status = outcome == OutcomeKind.Kept ? PromiseStatus.Kept : PromiseStatus.Broken;
    }

    /// <summary>
    /// Red: at risk without a measure, overdue conditions, or due without an outcome. Yellow: at risk with a
    /// measure, or open conditions within their dates. Green otherwise. Null for promises not under way.
    /// </summary>
    public static TrafficLight? Light(PromiseStatus status, DateOnly dueDate, bool atRisk, bool hasMeasure, int openConditions, int overdueConditions, DateOnly today)
    {
        if (status is not (PromiseStatus.Approved or PromiseStatus.Committed or PromiseStatus.InDelivery))
        {
            return null;
        }

        if ((atRisk && !hasMeasure) || overdueConditions > 0 || dueDate < today)
        {
            return TrafficLight.Red;
        }

        return atRisk || openConditions > 0 ? TrafficLight.Yellow : TrafficLight.Green;
    }

    // Gate decisions (GateReview) drive these; nothing else may.

    /// <summary>
    /// One link answered the feasibility gate. The promise is approved when every link said Go or Conditional Go; one
    /// No-Go rejects it and one Recycle sends it back to its owner, whatever the others said; a Hold waits.
    /// </summary>
    internal void NoteLinkFeasibility(int position, GateDecision decision)
    {
        if (Status != PromiseStatus.UnderReview)
        {
            throw new DomainException("PromiseNotUnderReview", $"The promise is {Status}, not under review.", Status);
        }

        var link = LinkAt(position);
        switch (decision)
        {
            case GateDecision.Go or GateDecision.ConditionalGo:
                link.NoteFeasibility(decision);
                if (_links.All(l => l.SaysYes))
                {
                    FirstFeasibilityDecision ??= _links.Any(l => l.FeasibilityDecision == GateDecision.ConditionalGo) ? GateDecision.ConditionalGo : GateDecision.Go;
                    Approve();
                }

                break;
            case GateDecision.NoGo:
                link.NoteFeasibility(decision);
                FirstFeasibilityDecision ??= decision;
                Status = PromiseStatus.Rejected;
                break;
            case GateDecision.Recycle:
                link.NoteFeasibility(decision);
                FirstFeasibilityDecision ??= decision;
                Status = PromiseStatus.Draft;
                break;
        }
    }

    internal void NoteHandoverDecision(bool accepted) => HandoverAcceptedFirstTime ??= accepted;

    /// <summary>The link at <paramref name="position"/> accepted the handover: the first starts the delivery, each next takes it over.</summary>
    internal void HandOverTo(int position, DateTime nowUtc)
    {
        if (position == 1 ? Status != PromiseStatus.Committed : Status != PromiseStatus.InDelivery || position != CurrentLinkPosition + 1)
        {
            throw new DomainException("OnlyCommittedAreHandedOver", $"Only a committed promise is handed over; this promise is {Status}.", Status);
        }

        var link = LinkAt(position);
        CurrentLink?.HandOn(nowUtc);
        Status = PromiseStatus.InDelivery;
        CurrentLinkPosition = position;
        HoldingDepartmentId = link.DepartmentId;
        link.Receive(nowUtc);
    }

    private void Approve()
    {
        Status = PromiseStatus.Approved;
        if (FirstApprovedRevision is null)
        {
            FirstApprovedRevision = Revision;
            FirstApprovedTarget = Target;
            FirstApprovedDueDate = DueDate;
        }
    }

    private (string, string, int, int?, PromiseSource, string?, MeasurableTarget, DateOnly) WhatEveryLinkJudges() =>
        (Title, Statement, CategoryId, CustomerId, Source, SourceReference, Target, DueDate);

    /// <summary>Applies the details; returns the links that are new or changed, whose earlier answers no longer stand.</summary>
    private List<PromiseLink> Apply(PromiseDetails details, bool generalClaimsAllowed)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(details.Title);
        ArgumentException.ThrowIfNullOrWhiteSpace(details.Statement);
        if (details.CustomerId is null && !generalClaimsAllowed)
        {
            throw new DomainException("CustomerRequired", "A promise must name its customer; only general claims of Marketing may apply to all customers.");
        }

        Title = details.Title.Trim();
        Statement = details.Statement.Trim();
        CategoryId = details.CategoryId;
        CustomerId = details.CustomerId;
        DeliveringDepartmentId = details.DeliveringDepartmentId;
        Source = details.Source;
        SourceReference = string.IsNullOrWhiteSpace(details.SourceReference) ? null : details.SourceReference.Trim();
        Target = details.Target;
        DueDate = details.DueDate;
        return ApplyChain(details.Chain);
    }

    // A database returns the links in any order: positions, not the order loaded, say where each stands.
    private List<PromiseLink> InOrder()
    {
        for (var i = 1; i < _links.Count; i++)
        {
            if (_links[i - 1].Position > _links[i].Position)
            {
                _links.Sort((a, b) => a.Position.CompareTo(b.Position));
                break;
            }
        }

        return _links;
    }

    private List<PromiseLink> ApplyChain(IReadOnlyList<LinkDetails> chain)
    {
        if (chain.Count > PromiseLink.MaxLinks)
        {
            throw new DomainException("ChainTooLong", $"A value chain has at most {PromiseLink.MaxLinks} links.", PromiseLink.MaxLinks);
        }

        if (chain.GroupBy(l => l.DepartmentId).Any(g => g.Count() > 1))
        {
            throw new DomainException("ChainDepartmentTwice", "A department appears once in a value chain.");
        }

        if (chain.Any(l => l.ReceiveBy > DueDate))
        {
            throw new DomainException("ReceiveByAfterDue", "A link cannot receive the promise after its due date.");
        }

        var changed = new List<PromiseLink>();
        InOrder();
        for (var i = 0; i < chain.Count; i++)
        {
            if (i < _links.Count && _links[i].IsSameAs(chain[i]))
            {
                continue;
            }

            var link = new PromiseLink(i + 1, chain[i]);
            if (i < _links.Count)
            {
                _links[i].Become(link);
                changed.Add(_links[i]);
            }
            else
            {
                _links.Add(link);
                changed.Add(link);
            }
        }

        _links.RemoveRange(chain.Count, _links.Count - chain.Count);
        HoldingDepartmentId = CurrentLink?.DepartmentId ?? DeliveringDepartmentId;
        return changed;
    }
}
