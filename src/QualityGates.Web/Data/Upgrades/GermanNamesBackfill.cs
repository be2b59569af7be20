using Microsoft.EntityFrameworkCore;
using QualityGates.Domain.Gates;
using QualityGates.Web.Data.Seeding;

namespace QualityGates.Web.Data.Upgrades;

/// <summary>
/// Gives the reference data an installation was seeded with its German names (ADR 0027): every department, category,
/// gate, checkpoint and demo envelope whose English name is still the seeded one and that has no German name yet.
/// What an administrator renamed keeps its name and shows it in English until someone enters the German. Around
/// SaveChanges, as the seeded names are no change anyone made: no audit entry, no new version. The caller owns the
/// transaction.
/// </summary>
public static class GermanNamesBackfill
{
    /// <summary>Returns how many names it filled in.</summary>
    public static async Task<int> RunAsync(QualityGatesDbContext db, CancellationToken ct = default)
    {
        var filled = 0;
        foreach (var name in ReferenceData.Departments().Select(d => d.Name))
        {
            filled += await db.Departments.Where(d => d.Name.English == name.English && d.Name.German == null)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.Name, name), ct);
        }

        foreach (var name in ReferenceData.CategoryNames)
        {
            filled += await db.PromiseCategories.Where(c => c.Name.English == name.English && c.Name.German == null)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.Name, name), ct);
        }

        var seededGates = ReferenceData.Gates(afterSalesDepartmentId: 0);
        var codes = seededGates.Select(g => g.Code).ToList();
        var gateIds = await db.GateDefinitions.Where(g => codes.Contains(g.Code)).ToDictionaryAsync(g => g.Code, g => g.Id, ct);
        foreach (var seeded in seededGates.Where(g => gateIds.ContainsKey(g.Code)))
        {
            var (id, name) = (gateIds[seeded.Code], seeded.Name);
            filled += await db.GateDefinitions.Where(g => g.Id == id && g.Name.English == name.English && g.Name.German == null)
                .ExecuteUpdateAsync(s => s.SetProperty(g => g.Name, name), ct);

            // Every version's checkpoint of that wording: one retired and added again reads the same in German.
            foreach (var text in seeded.Checkpoints.Select(c => c.Text))
            {
                filled += await db.Set<GateCheckpoint>().Where(c => c.GateDefinitionId == id && c.Text.English == text.English && c.Text.German == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.Text, text), ct);
            }
        }

        foreach (var name in DemoData.EnvelopeNames)
        {
            filled += await db.CapabilityEnvelopes.Where(e => e.Name.English == name.English && e.Name.German == null)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Name, name), ct);
        }

        return filled;
    }
}
