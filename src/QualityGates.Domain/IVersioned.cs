namespace QualityGates.Domain;

/// <summary>
/// An aggregate edited through forms: its version is posted back and checked on save, so a stale
/// form never silently overwrites someone else's change. The persistence layer bumps it.
/// </summary>
public interface IVersioned
{
    int Version { get; }
}
