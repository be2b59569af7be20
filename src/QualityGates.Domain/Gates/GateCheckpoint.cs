namespace QualityGates.Domain.Gates;

/// <summary>
/// One criterion of a gate's checklist. Never changed once added: an edit retires it and adds a new one
/// in the next version, so a review keeps the checklist of the version it started with. Only its German
/// wording may be entered or corrected later (<see cref="GateDefinition.TranslateCheckpoints"/>): a translation
/// of the same criterion, not another one.
/// </summary>
public sealed class GateCheckpoint
{
    public const int TextMaxLength = 300;

    private GateCheckpoint()
    {
        Text = null!;
    }

    internal GateCheckpoint(LocalizedText text, bool isMandatory, IEnumerable<int> categoryIds, int? providingDepartmentId, int? receivingDepartmentId, int version)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
        IsMandatory = isMandatory;
        CategoryIds = categoryIds.Distinct().Order().ToList();
        ProvidingDepartmentId = providingDepartmentId;
        ReceivingDepartmentId = receivingDepartmentId;
        AddedInVersion = version;
    }

    public int Id { get; private set; }

    public int GateDefinitionId { get; private set; }

    public LocalizedText Text { get; private set; }

    public bool IsMandatory { get; private set; }

    /// <summary>The promise categories it applies to; empty means all.</summary>
    public List<int> CategoryIds { get; private set; } = [];

    /// <summary>Handover checkpoints: the side that provides the item; null means the promise's promising department.</summary>
    public int? ProvidingDepartmentId { get; private set; }

    /// <summary>Handover checkpoints: the side that receives it; null means the promise's delivering department.</summary>
    public int? ReceivingDepartmentId { get; private set; }

    public int AddedInVersion { get; private set; }

    public int? RetiredInVersion { get; private set; }

    public bool IsIn(int version) => AddedInVersion <= version && (RetiredInVersion is null || RetiredInVersion > version);

    public bool AppliesTo(int categoryId) => CategoryIds.Count == 0 || CategoryIds.Contains(categoryId);

    internal void Retire(int version) => RetiredInVersion ??= version;

    internal void Translate(string? german) => Text = Text.WithGerman(german);
}
