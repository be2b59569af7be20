using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QualityGates.Domain.Gates;
using QualityGates.Web.Data;
using QualityGates.Web.Localization;

namespace QualityGates.Web.Pages.Admin.Gates;

public sealed class IndexModel(QualityGatesDbContext db) : PageModel
{
    public IReadOnlyList<Row> Gates { get; private set; } = [];

    public async Task OnGetAsync()
    {
        // A handful of gates: the checklist counts are computed on the loaded definitions.
        var gates = await db.GateDefinitions.Include(g => g.Checkpoints).OrderBy(g => g.Order).ThenBy(g => g.Code).ToListAsync();
        var departments = await db.Departments.Select(d => new { d.Id, Name = d.Name.In(Cultures.Current) }).ToDictionaryAsync(d => d.Id, d => d.Name);
        Gates = gates.Select(g => new Row(
            g, g.DeciderDepartmentId is { } id ? departments[id] : null, g.CurrentChecklist.Count, g.CurrentChecklist.Count(c => c.IsMandatory))).ToList();
    }

    public sealed record Row(GateDefinition Gate, string? DeciderDepartment, int Checkpoints, int Mandatory);
}
