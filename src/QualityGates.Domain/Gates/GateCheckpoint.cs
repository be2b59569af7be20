namespace QualityGates.Domain.Gates;

/// <summary>
/// One criterion of a gate's checklist. Never changed once added: an edit retires it and adds a new one
/// in the next version, so a review keeps the checklist of the version it started with.
/// </summary>
public sealed class GateCheckpoint
{
    public const int TextMaxLength = 300;

    private GateCheckpoint()
    {
        Text = "";
    }

    internal GateCheckpoint(string text, bool isMandatory, IEnumerable<int> categoryIds, int? providingDepartmentId, int? receivingDepartmentId, int version)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        Text = text.Trim();
        IsMandatory = isMandatory;
        CategoryIds = categoryIds.Distinct().Order().ToList();
        ProvidingDepartmentId = providingDepartmentId;
        ReceivingDepartmentId = receivingDepartmentId;
        AddedInVersion = version;
    }

    public int Id { get; private set; }

    public int GateDefinitionId { get; private set; }

    public string Text { get; private set; }

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
}
