namespace QualityGates.Domain.Feedback;

/// <summary>
/// AfterSales experience filed as feedback, optionally about a promise and/or a customer. It is triaged,
/// taken into improvement when an action is opened from it, and closes when all its actions are done
/// (or at once, with a note, when no action is needed). See ADR 0011.
/// </summary>
public sealed class FeedbackItem : IVersioned
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 4000;
    public const int NoteMaxLength = 1000;
    public const int UserIdMaxLength = 450;

    private FeedbackItem()
    {
        Title = "";
        Description = "";
        FiledById = "";
    }

    public int Id { get; private set; }

    public FeedbackType Type { get; private set; }

    public FeedbackSeverity Severity { get; private set; }

    /// <summary>A short label for lists and boards.</summary>
    public string Title { get; private set; }

    public string Description { get; private set; }

    public int? PromiseId { get; private set; }

    public int? CustomerId { get; private set; }

    public FeedbackStatus Status { get; private set; }

    public string FiledById { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public string? TriagedById { get; private set; }

    public DateTime? TriagedAtUtc { get; private set; }

    public string? TriageNote { get; private set; }

    public DateTime? ClosedAtUtc { get; private set; }

    /// <summary>Why it closed without an action; null when it closed because its actions were done.</summary>
    public string? ClosingNote { get; private set; }

    public int Version { get; private set; }

    public static FeedbackItem File(FeedbackDetails details, string filedById, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(filedById);
        var feedback = new FeedbackItem
        {
            FiledById = filedById,
            CreatedAtUtc = nowUtc,
            Status = FeedbackStatus.New,
        };
        feedback.Apply(details);
        return feedback;
    }

    public void Edit(FeedbackDetails details)
    {
        if (Status == FeedbackStatus.Closed)
        {
            throw new DomainException("FeedbackClosed", "Closed feedback is no longer changed.");
        }

        Apply(details);
    }

    /// <summary>AfterSales has looked at it: severity confirmed, a note on what to do.</summary>
    public void Triage(FeedbackSeverity severity, string? note, string triagedById, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(triagedById);
        if (Status != FeedbackStatus.New)
        {
            throw new DomainException("OnlyNewFeedbackIsTriaged", $"Only new feedback is triaged; this feedback is {Status}.", Status);
        }

        CheckDefined(severity);
        Severity = severity;
        TriageNote = Trimmed(note);
        TriagedById = triagedById;
        TriagedAtUtc = nowUtc;
        Status = FeedbackStatus.Triaged;
    }

    /// <summary>An improvement action was opened from it. New feedback counts as triaged by that.</summary>
    public void StartImprovement(string byId, DateTime nowUtc)
    {
        if (Status == FeedbackStatus.Closed)
        {
            throw new DomainException("FeedbackClosed", "Closed feedback is no longer changed.");
        }

        if (Status == FeedbackStatus.New)
        {
            TriagedById = byId;
            TriagedAtUtc = nowUtc;
        }

        Status = FeedbackStatus.InImprovement;
    }

    /// <summary>Closes feedback that needs no action (praise, a duplicate …); the note says why.</summary>
    public void Close(string note, DateTime nowUtc)
    {
        if (string.IsNullOrWhiteSpace(note))
        {
            throw new DomainException("ClosingNeedsNote", "Feedback closed without an action needs a note saying why.");
        }

        if (Status == FeedbackStatus.InImprovement)
        {
            throw new DomainException("FeedbackInImprovement", "Feedback in improvement closes when all its actions are done.");
        }

        if (Status == FeedbackStatus.Closed)
        {
            throw new DomainException("FeedbackClosed", "Closed feedback is no longer changed.");
        }

        ClosingNote = note.Trim();
        ClosedAtUtc = nowUtc;
        Status = FeedbackStatus.Closed;
    }

    /// <summary>The last of its improvement actions is done (the caller checks that).</summary>
    public void CompleteImprovement(DateTime nowUtc)
    {
        if (Status != FeedbackStatus.InImprovement)
        {
            throw new DomainException("FeedbackNotInImprovement", $"Only feedback in improvement completes it; this feedback is {Status}.", Status);
        }

        ClosedAtUtc = nowUtc;
        Status = FeedbackStatus.Closed;
    }

    private void Apply(FeedbackDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (string.IsNullOrWhiteSpace(details.Title) || string.IsNullOrWhiteSpace(details.Description))
        {
            throw new DomainException("FeedbackIncomplete", "Feedback needs a title and a description.");
        }

        CheckDefined(details.Type);
        CheckDefined(details.Severity);
        Type = details.Type;
        Severity = details.Severity;
        Title = details.Title.Trim();
        Description = details.Description.Trim();
        PromiseId = details.PromiseId;
        CustomerId = details.CustomerId;
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static void CheckDefined<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Unknown value.");
        }
    }
}
