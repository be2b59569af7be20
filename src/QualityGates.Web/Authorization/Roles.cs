using QualityGates.Domain.Departments;

namespace QualityGates.Web.Authorization;

public static class Roles
{
    public const string Administrator = nameof(Administrator);
    public const string SalesRep = nameof(SalesRep);
    public const string ServiceManager = nameof(ServiceManager);
    public const string AfterSales = nameof(AfterSales);
    public const string Executive = nameof(Executive);

    public static IReadOnlyList<string> All { get; } = [Administrator, SalesRep, ServiceManager, AfterSales, Executive];

    /// <summary>The department kinds a role fits: a sales rep works in a promising department, and so on.</summary>
    public static bool Fits(string role, DepartmentKind kind) => role switch
    {
        SalesRep => kind == DepartmentKind.Promising,
        ServiceManager => kind == DepartmentKind.Delivering,
        AfterSales => kind == DepartmentKind.AfterSales,
        Administrator or Executive => true,
        _ => false,
    };
}
