using QualityGates.Domain.Gates;
using QualityGates.Domain.Improvement;
using QualityGates.Web.Data;
using QualityGates.Web.Localization;

namespace QualityGates.Web.Pages.Actions;

/// <summary>An upstream change with what it points to, for the action's page and the pages of what it changed.</summary>
public sealed class UpstreamChangeItem
{
    public int Id { get; init; }

    public int ActionId { get; init; }

    public string ActionTitle { get; init; } = "";

    public UpstreamChangeKind Kind { get; init; }

    public int? LessonId { get; init; }

    public string? LessonText { get; init; }

    public int? GateDefinitionId { get; init; }

    public string? GateCode { get; init; }

    public int? ChecklistVersion { get; init; }

    public int? EnvelopeId { get; init; }

    public string? EnvelopeName { get; init; }

    /// <summary>What was changed, in words; for a new checkpoint its text in the reader's language.</summary>
    public string? Note { get; init; }

    public string RecordedByName { get; init; } = "";

    public DateTime RecordedAtUtc { get; init; }

    public static IQueryable<UpstreamChangeItem> Query(QualityGatesDbContext db) =>
        from c in db.UpstreamChanges
        join action in db.ImprovementActions on c.ImprovementActionId equals action.Id
        join user in db.Users on c.RecordedById equals user.Id
        join lesson in db.Lessons on c.LessonId equals lesson.Id into lessons
        from lesson in lessons.DefaultIfEmpty()
        join gate in db.GateDefinitions on c.GateDefinitionId equals gate.Id into gates
        from gate in gates.DefaultIfEmpty()
        join envelope in db.CapabilityEnvelopes on c.EnvelopeId equals envelope.Id into envelopes
        from envelope in envelopes.DefaultIfEmpty()
        select new UpstreamChangeItem
        {
            Id = c.Id,
            ActionId = c.ImprovementActionId,
            ActionTitle = action.Title,
            Kind = c.Kind,
            LessonId = c.LessonId,
            LessonText = lesson == null ? null : lesson.Text,
            GateDefinitionId = c.GateDefinitionId,
            GateCode = gate == null ? null : gate.Code,
            ChecklistVersion = c.ChecklistVersion,
            EnvelopeId = c.EnvelopeId,
            EnvelopeName = envelope == null ? null : envelope.Name.In(Cultures.Current),
            Note = c.Kind == UpstreamChangeKind.GateCheckpoint
                ? db.Set<GateCheckpoint>().Where(k => k.GateDefinitionId == c.GateDefinitionId && k.AddedInVersion == c.ChecklistVersion)
                      .OrderBy(k => k.Id).Select(k => k.Text.In(Cultures.Current)).FirstOrDefault() ?? c.Note
                : c.Note,
            RecordedByName = user.DisplayName,
            RecordedAtUtc = c.RecordedAtUtc,
        };
}
