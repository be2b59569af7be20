namespace QualityGates.Domain.Departments;

public sealed class Department
{
    public const int NameMaxLength = 100;

    public Department(string name, DepartmentKind kind, bool makesGeneralClaims = false)
    {
        Rename(name);
        if (makesGeneralClaims && kind != DepartmentKind.Promising)
        {
            throw new DomainException("GeneralClaimsNeedPromisingDepartment", "Only a promising department can make claims that apply to all customers.");
        }

        Kind = kind;
        MakesGeneralClaims = makesGeneralClaims;
    }

    public int Id { get; private set; }

    public string Name { get; private set; } = "";

    public DepartmentKind Kind { get; private set; }

    /// <summary>Marketing's claims ("24/7 hotline") may name no customer: they apply to all customers.</summary>
    public bool MakesGeneralClaims { get; private set; }

    public void Rename(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
    }
}
