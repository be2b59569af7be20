using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using QualityGates.Domain;
using QualityGates.Domain.Departments;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;
using QualityGates.Web.Authorization;

namespace QualityGates.Web.Data.Seeding;

/// <summary>
/// What every installation starts with (PRODUCT.md): roles, the eight departments, the categories and the gates
/// G1–G3, named in English and German (ADR 0027).
/// </summary>
public static class ReferenceData
{
    public const string FeasibilityGateCode = "G1";

    public static IReadOnlyList<Department> Departments() =>
    [
        new(new("Marketing", "Marketing"), DepartmentKind.Promising, makesGeneralClaims: true),
        new(new("Sales", "Vertrieb"), DepartmentKind.Promising),
        new(new("PreSales", "Pre-Sales"), DepartmentKind.Promising),
        new(new("Production", "Produktion"), DepartmentKind.Delivering),
        new(new("Projects", "Projekte"), DepartmentKind.Delivering),
        new(new("Service", "Kundendienst"), DepartmentKind.Delivering),
        new(new("AfterSales", "After-Sales"), DepartmentKind.AfterSales),
        new(new("Management", "Geschäftsleitung"), DepartmentKind.Management),
    ];

    public static IReadOnlyList<LocalizedText> CategoryNames { get; } =
    [
        new("Response time", "Reaktionszeit"), new("Resolution time", "Lösungszeit"), new("Availability", "Verfügbarkeit"),
        new("Delivery date", "Liefertermin"), new("Product quality", "Produktqualität"), new("Feature", "Funktion"),
        new("Support", "Support"), new("Other", "Sonstiges"),
    ];

    /// <summary>
    /// Adds the roles and gates that are missing, and the departments and categories into an installation that has
    /// none yet. Never changes what an administrator edited: a renamed department or category is not added again.
    /// </summary>
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

        if (!await db.Departments.AnyAsync(ct))
        {
            db.Departments.AddRange(Departments());
        }

        if (!await db.PromiseCategories.AnyAsync(ct))
        {
            db.PromiseCategories.AddRange(CategoryNames.Select(n => new PromiseCategory(n)));
        }

        await db.SaveChangesAsync(ct);

        var gateCodes = await db.GateDefinitions.Select(g => g.Code).ToListAsync(ct);
        var afterSales = await db.Departments.Where(d => d.Kind == DepartmentKind.AfterSales).OrderBy(d => d.Id).Select(d => d.Id).FirstAsync(ct);
        db.GateDefinitions.AddRange(Gates(afterSales).Where(g => !gateCodes.Contains(g.Code)));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>G1, G2 and G3 with the checkpoints of PRODUCT.md; G3 is decided by AfterSales.</summary>
    public static IReadOnlyList<GateDefinition> Gates(int afterSalesDepartmentId)
    {
        var g1 = GateDefinition.Define(FeasibilityGateCode, new("Feasibility", "Machbarkeit"), 1, GateStage.Feasibility, GateDecider.DeliveringDepartment, null);
        g1.AddInitialCheckpoint(new("Measurable target defined", "Messbares Ziel festgelegt"), isMandatory: true);
        g1.AddInitialCheckpoint(new("Capacity and skills available", "Kapazität und Qualifikation vorhanden"), isMandatory: true);
        g1.AddInitialCheckpoint(new("Cost covered", "Kosten gedeckt"), isMandatory: true);
        g1.AddInitialCheckpoint(new("History of similar promises checked", "Erfahrungen mit ähnlichen Zusagen geprüft"), isMandatory: false);
        g1.AddInitialCheckpoint(new("Risks named", "Risiken benannt"), isMandatory: true);

        var g2 = GateDefinition.Define("G2", new("Handover to delivery", "Übergabe an die Umsetzung"), 2, GateStage.Handover, GateDecider.DeliveringDepartment, null);
        g2.AddInitialCheckpoint(new("Offer or contract reference", "Angebots- oder Vertragsreferenz"), isMandatory: true);
        g2.AddInitialCheckpoint(new("Customer contacts", "Ansprechpartner beim Kunden"), isMandatory: true);
        g2.AddInitialCheckpoint(new("G1 conditions resolved or owned", "G1-Auflagen erledigt oder mit Verantwortlichem"), isMandatory: true);
        g2.AddInitialCheckpoint(new("Delivery plan owner named", "Verantwortliche(r) für den Umsetzungsplan benannt"), isMandatory: true);

        var g3 = GateDefinition.Define("G3", new("Closure review", "Abschlussprüfung"), 3, GateStage.Closure, GateDecider.NamedDepartment, afterSalesDepartmentId);
        g3.AddInitialCheckpoint(new("Outcome and evidence recorded", "Ergebnis und Nachweis erfasst"), isMandatory: true);
        g3.AddInitialCheckpoint(new("Customer feedback collected", "Feedback des Kunden eingeholt"), isMandatory: true);
        g3.AddInitialCheckpoint(new("Lesson captured where the promise was broken", "Lessons Learned festgehalten, wo die Zusage gebrochen wurde"), isMandatory: false);
        return [g1, g2, g3];
    }
}
