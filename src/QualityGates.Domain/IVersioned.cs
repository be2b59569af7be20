namespace QualityGates.Domain;

/// <summary>
/// An aggregate edited through forms: its version is posted back and checked on save, so a stale
/// form never silently overwrites someone else's change. The persistence layer bumps it.
/// </summary>
public interface IVersioned
{
    int Version { get; }
}

/// <summary>Reference data an administrator renames in both languages: departments and categories.</summary>
public interface IRenamable : IVersioned
{
    LocalizedText Name { get; }

    void Rename(LocalizedText name);
}
