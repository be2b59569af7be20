namespace QualityGates.Domain.Gates;

/// <summary>
/// A quality gate such as G1 Feasibility with its checklist. Every change of the checklist makes a new
/// version; <see cref="ChecklistFor"/> answers which checkpoints a given version had.
/// </summary>
public sealed class GateDefinition : IVersioned
{
    public const int CodeMaxLength = 10;
    public const int NameMaxLength = 100;

    private readonly List<GateCheckpoint> _checkpoints = [];

    private GateDefinition()
    {
        Code = "";
        Name = null!;
    }

    public int Id { get; private set; }

    public string Code { get; private set; }

    public LocalizedText Name { get; private set; }

    public int Order { get; private set; }

    public GateStage Stage { get; private set; }

    public GateDecider Decider { get; private set; }

    /// <summary>Set when <see cref="Decider"/> is <see cref="GateDecider.NamedDepartment"/>.</summary>
    public int? DeciderDepartmentId { get; private set; }

    public bool IsActive { get; private set; } = true;

    /// <summary>The checklist version new reviews start with.</summary>
    public int ChecklistVersion { get; private set; } = 1;

    public int Version { get; private set; }

    public IReadOnlyList<GateCheckpoint> Checkpoints => _checkpoints;

    public static GateDefinition Define(string code, LocalizedText name, int order, GateStage stage, GateDecider decider, int? deciderDepartmentId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentNullException.ThrowIfNull(name);
        if ((decider == GateDecider.NamedDepartment) != (deciderDepartmentId is not null))
        {
            throw new DomainException("GateDeciderDepartment", "A gate decided by a named department must name it, and only then.");
        }

        return new GateDefinition
        {
            Code = code.Trim().ToUpperInvariant(),
            Name = name,
            Order = order,
            Stage = stage,
            Decider = decider,
            DeciderDepartmentId = deciderDepartmentId,
        };
    }

    /// <summary>The checkpoints of <paramref name="version"/> that apply to a promise of <paramref name="categoryId"/>.</summary>
    public IReadOnlyList<GateCheckpoint> ChecklistFor(int version, int categoryId) =>
        _checkpoints.Where(c => c.IsIn(version) && c.AppliesTo(categoryId)).ToList();

    public IReadOnlyList<GateCheckpoint> CurrentChecklist => _checkpoints.Where(c => c.IsIn(ChecklistVersion)).ToList();

    public int DecidingDepartmentFor(int deliveringDepartmentId) => DeciderDepartmentId ?? deliveringDepartmentId;

    /// <summary>Seeding: the first version's checklist.</summary>
    public GateCheckpoint AddInitialCheckpoint(
        LocalizedText text, bool isMandatory, IEnumerable<int>? categoryIds = null, int? providingDepartmentId = null, int? receivingDepartmentId = null)
    {
        if (ChecklistVersion != 1 || _checkpoints.Any(c => c.RetiredInVersion is not null))
        {
            throw new InvalidOperationException("Initial checkpoints only before the first change.");
        }

        var checkpoint = new GateCheckpoint(text, isMandatory, categoryIds ?? [], providingDepartmentId, receivingDepartmentId, 1);
        _checkpoints.Add(checkpoint);
        return checkpoint;
    }

    /// <summary>One edit of the checklist: retires some checkpoints and adds others, as a new version.</summary>
    public void ChangeChecklist(IReadOnlyCollection<int> retiredCheckpointIds, IReadOnlyCollection<CheckpointSpec> added)
    {
        var current = CurrentChecklist;
        if (retiredCheckpointIds.Any(id => current.All(c => c.Id != id)))
        {
            throw new DomainException("CheckpointNotInChecklist", "Only checkpoints of the current checklist can be removed.");
        }

        if (retiredCheckpointIds.Count == 0 && added.Count == 0)
        {
            return;
        }

        if (current.Count - retiredCheckpointIds.Count + added.Count == 0)
        {
            throw new DomainException("ChecklistEmpty", "A gate needs at least one checkpoint.");
        }

        var version = ChecklistVersion + 1;
        foreach (var checkpoint in current.Where(c => retiredCheckpointIds.Contains(c.Id)))
        {
            checkpoint.Retire(version);
        }

        _checkpoints.AddRange(added.Select(a => new GateCheckpoint(a.Text, a.IsMandatory, a.CategoryIds, a.ProvidingDepartmentId, a.ReceivingDepartmentId, version)));
        ChecklistVersion = version;
    }

    /// <summary>
    /// Enters or corrects the German wording of checkpoints of the current checklist, without a new version: the
    /// criteria stay the same. Checkpoints not named keep theirs.
    /// </summary>
    public void TranslateCheckpoints(IReadOnlyDictionary<int, string?> german)
    {
        var current = CurrentChecklist;
        if (german.Keys.Any(id => current.All(c => c.Id != id)))
        {
            throw new DomainException("TranslatedCheckpointNotInChecklist", "Only checkpoints of the current checklist can be translated.");
        }

        foreach (var checkpoint in current.Where(c => german.ContainsKey(c.Id)))
        {
            checkpoint.Translate(german[checkpoint.Id]);
        }
    }

    public void Rename(LocalizedText name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
    }

    public void Deactivate() => IsActive = false;

    public void Activate() => IsActive = true;
}

public sealed record CheckpointSpec(
    LocalizedText Text, bool IsMandatory, IReadOnlyCollection<int> CategoryIds, int? ProvidingDepartmentId = null, int? ReceivingDepartmentId = null);
