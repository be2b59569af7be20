namespace QualityGates.Domain.Promises;

public enum RevisionReason
{
    CustomerRequest,
    Internal,
    Correction,
}

/// <summary>
/// One version of what was promised, kept for good: revision 1 is the text first submitted, every change
/// after submission adds the next. Side by side they show the moving target.
/// </summary>
public sealed class PromiseRevision
{
    private PromiseRevision()
    {
        Title = "";
        Statement = "";
        Target = MeasurableTarget.None;
        AuthorId = "";
    }

    internal PromiseRevision(Promise promise, int number, RevisionReason? reason, string? reasonText, string authorId, DateTime createdAtUtc)
    {
        PromiseId = promise.Id;
        Number = number;
        Title = promise.Title;
        Statement = promise.Statement;
        Target = promise.Target;
        DueDate = promise.DueDate;
        DeliveringDepartmentId = promise.DeliveringDepartmentId;
        Reason = reason;
        ReasonText = reasonText;
        AuthorId = authorId;
        CreatedAtUtc = createdAtUtc;
    }

    public int Id { get; private set; }

    public int PromiseId { get; private set; }

    public int Number { get; private set; }

    public string Title { get; private set; }

    public string Statement { get; private set; }

    public MeasurableTarget Target { get; private set; }

    public DateOnly DueDate { get; private set; }

    public int DeliveringDepartmentId { get; private set; }

    /// <summary>Null for the first revision (the submission).</summary>
    public RevisionReason? Reason { get; private set; }

    public string? ReasonText { get; private set; }

    public string AuthorId { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }
}
