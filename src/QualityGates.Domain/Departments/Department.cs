using System.Diagnostics.CodeAnalysis;

namespace QualityGates.Domain.Departments;

/// <summary>
/// One of the company's departments. Its kind decides what it does (promise, deliver, run AfterSales, manage);
/// administrators rename it, in English and German, but neither add nor remove one nor change its kind.
/// </summary>
public sealed class Department : IRenamable
{
    public const int NameMaxLength = 100;

    public Department(LocalizedText name, DepartmentKind kind, bool makesGeneralClaims = false)
    {
        Rename(name);
        if (makesGeneralClaims && kind != DepartmentKind.Promising)
        {
            throw new DomainException("GeneralClaimsNeedPromisingDepartment", "Only a promising department can make claims that apply to all customers.");
        }

        Kind = kind;
        MakesGeneralClaims = makesGeneralClaims;
    }

    private Department()
    {
        Name = null!;
    }

    public int Id { get; private set; }

    public LocalizedText Name { get; private set; }

    public DepartmentKind Kind { get; private set; }

    /// <summary>Marketing's claims ("24/7 hotline") may name no customer: they apply to all customers.</summary>
    public bool MakesGeneralClaims { get; private set; }

    public int Version { get; private set; }

    [MemberNotNull(nameof(Name))]
    public void Rename(LocalizedText name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
    }
}
