namespace QualityGates.Domain.Promises;

public sealed class PromiseCategory
{
    public const int NameMaxLength = 100;

    public PromiseCategory(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
    }

    public int Id { get; private set; }

    public string Name { get; private set; }

    public bool IsActive { get; private set; } = true;
}
