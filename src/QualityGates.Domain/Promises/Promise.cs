using QualityGates.Domain.Departments;

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

    private Promise()
    {
        Number = "";
        Title = "";
        Statement = "";
        OwnerId = "";
        Target = MeasurableTarget.None;
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

    /// <summary>The department that must keep the promise.</summary>
    public int DeliveringDepartmentId { get; private set; }

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

    public string? WithdrawalReason { get; private set; }

    public int Version { get; private set; }

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

    public void Submit(DateTime nowUtc)
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

    // Gate decisions (GateReview) drive these; nothing else may.
    internal void Approve() => MoveFromReview(PromiseStatus.Approved);

    internal void Reject() => MoveFromReview(PromiseStatus.Rejected);

    internal void ReturnToDraft() => MoveFromReview(PromiseStatus.Draft);

    internal void StartDelivery()
    {
        if (Status != PromiseStatus.Committed)
        {
            throw new DomainException("OnlyCommittedAreHandedOver", $"Only a committed promise is handed over; this promise is {Status}.", Status);
        }

        Status = PromiseStatus.InDelivery;
    }

    private void MoveFromReview(PromiseStatus next)
    {
        if (Status != PromiseStatus.UnderReview)
        {
            throw new DomainException("PromiseNotUnderReview", $"The promise is {Status}, not under review.", Status);
        }

        Status = next;
    }

    private void Apply(PromiseDetails details, bool generalClaimsAllowed)
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
    }
}
