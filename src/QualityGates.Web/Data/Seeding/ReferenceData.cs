using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using QualityGates.Domain.Departments;
using QualityGates.Domain.Gates;
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

        var gateCodes = await db.GateDefinitions.Select(g => g.Code).ToListAsync(ct);
        var departments = await db.Departments.ToDictionaryAsync(d => d.Name, ct);
        db.GateDefinitions.AddRange(Gates(departments).Where(g => !gateCodes.Contains(g.Code)));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>G1, G2 and G3 with the checkpoints of PRODUCT.md.</summary>
    public static IReadOnlyList<GateDefinition> Gates(IReadOnlyDictionary<string, Department> departments)
    {
        var g1 = GateDefinition.Define(FeasibilityGateCode, "Feasibility", 1, GateStage.Feasibility, GateDecider.DeliveringDepartment, null);
        g1.AddInitialCheckpoint("Measurable target defined", isMandatory: true);
        g1.AddInitialCheckpoint("Capacity and skills available", isMandatory: true);
        g1.AddInitialCheckpoint("Cost covered", isMandatory: true);
        g1.AddInitialCheckpoint("History of similar promises checked", isMandatory: false);
        g1.AddInitialCheckpoint("Risks named", isMandatory: true);

        var g2 = GateDefinition.Define("G2", "Handover to delivery", 2, GateStage.Handover, GateDecider.DeliveringDepartment, null);
        g2.AddInitialCheckpoint("Offer or contract reference", isMandatory: true);
        g2.AddInitialCheckpoint("Customer contacts", isMandatory: true);
        g2.AddInitialCheckpoint("G1 conditions resolved or owned", isMandatory: true);
        g2.AddInitialCheckpoint("Delivery plan owner named", isMandatory: true);

        var g3 = GateDefinition.Define("G3", "Closure review", 3, GateStage.Closure, GateDecider.NamedDepartment, departments["AfterSales"].Id);
        g3.AddInitialCheckpoint("Outcome and evidence recorded", isMandatory: true);
        g3.AddInitialCheckpoint("Customer feedback collected", isMandatory: true);
        g3.AddInitialCheckpoint("Lesson captured where the promise was broken", isMandatory: false);
        return [g1, g2, g3];
    }

    public const string FeasibilityGateCode = "G1";
}
