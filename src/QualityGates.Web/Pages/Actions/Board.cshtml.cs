using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QualityGates.Domain.Improvement;
using QualityGates.Web.Data;

namespace QualityGates.Web.Pages.Actions;

/// <summary>Improvement actions by PDCA phase, overdue ones marked; Done shows the most recently finished.</summary>
public sealed class BoardModel(QualityGatesDbContext db, TimeProvider time) : PageModel
{
    public const int ColumnLength = 20;

    public IReadOnlyList<Column> Columns { get; private set; } = [];

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public async Task OnGetAsync()
    {
        var counts = await db.ImprovementActions.GroupBy(a => a.Phase).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var today = Today;
        var overdue = await db.ImprovementActions.Where(a => a.Phase != PdcaPhase.Done && a.DueDate < today)
            .GroupBy(a => a.Phase).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var columns = new List<Column>();
        foreach (var phase in Enum.GetValues<PdcaPhase>())
        {
            var query = ActionListItem.Query(db).Where(a => a.Phase == phase);
            query = phase == PdcaPhase.Done
                ? query.OrderByDescending(a => a.DoneAtUtc).ThenByDescending(a => a.Id)
                : query.OrderBy(a => a.DueDate).ThenBy(a => a.Id);
            columns.Add(new Column(phase, counts.GetValueOrDefault(phase), overdue.GetValueOrDefault(phase), await query.Take(ColumnLength).ToListAsync()));
        }

        Columns = columns;
    }

    public sealed record Column(PdcaPhase Phase, int Count, int Overdue, IReadOnlyList<ActionListItem> Items);
}
