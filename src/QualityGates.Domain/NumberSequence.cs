namespace QualityGates.Domain;

/// <summary>A named counter for human-readable numbers; its version makes concurrent allocations safe.</summary>
public sealed class NumberSequence : IVersioned
{
    public const int NameMaxLength = 40;

    public NumberSequence(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    public string Name { get; private set; }

    public int LastValue { get; private set; }

    public int Version { get; private set; }

    public int Next() => ++LastValue;
}
