namespace QualityGates.Domain.Improvement;

/// <summary>A feedback item an improvement action was opened from.</summary>
public sealed class ActionFeedbackLink
{
    private ActionFeedbackLink()
    {
    }

    internal ActionFeedbackLink(int feedbackId)
    {
        FeedbackId = feedbackId;
    }

    public int Id { get; private set; }

    public int ImprovementActionId { get; private set; }

    public int FeedbackId { get; private set; }
}

/// <summary>
/// A change an action's Act step made upstream: exactly one of <see cref="LessonId"/>,
/// <see cref="GateDefinitionId"/> (with the <see cref="ChecklistVersion"/> it made) or
/// <see cref="EnvelopeId"/> is set, as <see cref="Kind"/> says.
/// </summary>
public sealed class UpstreamChange
{
    public const int NoteMaxLength = 1000;

    private UpstreamChange()
    {
        RecordedById = "";
    }

    private UpstreamChange(UpstreamChangeKind kind, string? note, string recordedById, DateTime recordedAtUtc)
    {
        Kind = kind;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        RecordedById = recordedById;
        RecordedAtUtc = recordedAtUtc;
    }

    public int Id { get; private set; }

    public int ImprovementActionId { get; private set; }

    public UpstreamChangeKind Kind { get; private set; }

    public int? LessonId { get; private set; }

    public int? GateDefinitionId { get; private set; }

    /// <summary>The checklist version the new checkpoint made.</summary>
    public int? ChecklistVersion { get; private set; }

    public int? EnvelopeId { get; private set; }

    /// <summary>What was changed, in words; required for an envelope.</summary>
    public string? Note { get; private set; }

    public string RecordedById { get; private set; }

    public DateTime RecordedAtUtc { get; private set; }

    public static UpstreamChange NewLesson(int lessonId, string recordedById, DateTime nowUtc) =>
        new(UpstreamChangeKind.Lesson, null, recordedById, nowUtc) { LessonId = lessonId };

    public static UpstreamChange NewCheckpoint(int gateDefinitionId, int checklistVersion, string? note, string recordedById, DateTime nowUtc) =>
        new(UpstreamChangeKind.GateCheckpoint, note, recordedById, nowUtc) { GateDefinitionId = gateDefinitionId, ChecklistVersion = checklistVersion };

    public static UpstreamChange ChangedEnvelope(int envelopeId, string note, string recordedById, DateTime nowUtc)
    {
        if (string.IsNullOrWhiteSpace(note))
        {
            throw new DomainException("EnvelopeChangeNeedsNote", "Say what was changed in the envelope.");
        }

        return new UpstreamChange(UpstreamChangeKind.CapabilityEnvelope, note, recordedById, nowUtc) { EnvelopeId = envelopeId };
    }

    internal bool SameTargetAs(UpstreamChange other) =>
        Kind == other.Kind && LessonId == other.LessonId && GateDefinitionId == other.GateDefinitionId
        && ChecklistVersion == other.ChecklistVersion && EnvelopeId == other.EnvelopeId;
}
