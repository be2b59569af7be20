using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using QualityGates.Domain.Departments;
using QualityGates.Domain.Promises;
using QualityGates.Web.Authorization;

namespace QualityGates.Web.Data.Seeding;

/// <summary>What every installation starts with (PRODUCT.md): roles, the eight departments, the categories.</summary>
public static class ReferenceData
{
    public static IReadOnlyList<Department> Departments() =>
    [
        new("Marketing", DepartmentKind.Promising, makesGeneralClaims: true),
        new("Sales", DepartmentKind.Promising),
        new("PreSales", DepartmentKind.Promising),
        new("Production", DepartmentKind.Delivering),
        new("Projects", DepartmentKind.Delivering),
        new("Service", DepartmentKind.Delivering),
        new("AfterSales", DepartmentKind.AfterSales),
        new("Management", DepartmentKind.Management),
    ];

    public static IReadOnlyList<string> CategoryNames { get; } =
    [
        "Response time", "Resolution time", "Availability", "Delivery date",
        "Product quality", "Feature", "Support", "Other",
    ];

    /// <summary>Adds whatever is missing; never changes what an administrator edited.</summary>
    public static async Task EnsureAsync(QualityGatesDbContext db, RoleManager<IdentityRole> roles, CancellationToken ct = default)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                var result = await roles.CreateAsync(new IdentityRole(role));
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"Could not create role {role}: {result.Errors.First().Description}");
                }
            }
        }

        var departmentNames = await db.Departments.Select(d => d.Name).ToListAsync(ct);
        db.Departments.AddRange(Departments().Where(d => !departmentNames.Contains(d.Name)));

        var categoryNames = await db.PromiseCategories.Select(c => c.Name).ToListAsync(ct);
        db.PromiseCategories.AddRange(CategoryNames.Except(categoryNames).Select(n => new PromiseCategory(n)));

        await db.SaveChangesAsync(ct);
    }
}
