namespace QualityGates.Domain.Gates;

public sealed class ReviewAnswer
{
    private ReviewAnswer()
    {
    }

    internal ReviewAnswer(int checkpointId, CheckpointAnswer answer, string? note)
    {
        CheckpointId = checkpointId;
        Answer = answer;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }

    public int Id { get; private set; }

    public int CheckpointId { get; private set; }

    public CheckpointAnswer Answer { get; private set; }

    public string? Note { get; private set; }
}

/// <summary>One decision on a review: by a manager, or by an envelope (no decider, the envelope named).</summary>
public sealed class ReviewDecision
{
    private ReviewDecision()
    {
    }

    internal ReviewDecision(GateDecision decision, string? deciderId, DateTime decidedAtUtc, string? reason, DateOnly? reReviewDate, int? envelopeId)
    {
        Decision = decision;
        DeciderId = deciderId;
        DecidedAtUtc = decidedAtUtc;
        Reason = reason;
        ReReviewDate = reReviewDate;
        EnvelopeId = envelopeId;
    }

    public int Id { get; private set; }

    public GateDecision Decision { get; private set; }

    public string? DeciderId { get; private set; }

    public DateTime DecidedAtUtc { get; private set; }

    public string? Reason { get; private set; }

    public DateOnly? ReReviewDate { get; private set; }

    public int? EnvelopeId { get; private set; }

    public bool ByEnvelope => EnvelopeId is not null;
}

/// <summary>A condition of a Conditional Go: owned, due, and open until resolved.</summary>
public sealed class ReviewCondition
{
    public const int TextMaxLength = 500;

    private ReviewCondition()
    {
        Text = "";
        OwnerId = "";
    }

    internal ReviewCondition(string text, string ownerId, DateOnly dueDate)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerId);
        Text = text.Trim();
        OwnerId = ownerId;
        DueDate = dueDate;
    }

    public int Id { get; private set; }

    public string Text { get; private set; }

    public string OwnerId { get; private set; }

    public DateOnly DueDate { get; private set; }

    public DateTime? ResolvedAtUtc { get; private set; }

    public string? ResolvedById { get; private set; }

    public string? ResolutionNote { get; private set; }

    public bool IsResolved => ResolvedAtUtc is not null;

    public bool IsOverdue(DateOnly today) => !IsResolved && DueDate < today;

    internal void Resolve(string userId, string? note, DateTime nowUtc)
    {
        if (IsResolved)
        {
            throw new DomainException("ConditionAlreadyResolved", "This condition is already resolved.");
        }

        ResolvedById = userId;
        ResolutionNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        ResolvedAtUtc = nowUtc;
    }
}
