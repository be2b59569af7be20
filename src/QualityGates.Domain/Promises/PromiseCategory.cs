using System.Diagnostics.CodeAnalysis;

namespace QualityGates.Domain.Promises;

/// <summary>
/// What a promise is about ("Response time"). Administrators add and rename categories; an inactive one stays on
/// the promises, envelopes and lessons that have it but is offered for no new one.
/// </summary>
public sealed class PromiseCategory : IRenamable
{
    public const int NameMaxLength = 100;

    public PromiseCategory(LocalizedText name)
    {
        Rename(name);
    }

    private PromiseCategory()
    {
        Name = null!;
    }

    public int Id { get; private set; }

    public LocalizedText Name { get; private set; }

    public bool IsActive { get; private set; } = true;

    public int Version { get; private set; }

    [MemberNotNull(nameof(Name))]
    public void Rename(LocalizedText name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
    }

    public void Deactivate()
    {
        if (!IsActive)
        {
            throw new DomainException("CategoryAlreadyInactive", $"The category {Name} is already inactive.", Name);
        }

        IsActive = false;
    }

    public void Activate()
    {
        if (IsActive)
        {
            throw new DomainException("CategoryAlreadyActive", $"The category {Name} is already active.", Name);
        }

        IsActive = true;
    }
}
