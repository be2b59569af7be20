using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QualityGates.Domain.Promises;
using QualityGates.Web.Data;
using QualityGates.Web.Localization;

namespace QualityGates.Web.Pages.Promises;

/// <summary>Every revision of a promise, and two of them side by side (by default the last two).</summary>
public sealed class RevisionsModel(QualityGatesDbContext db) : PageModel
{
    public Promise Promise { get; private set; } = null!;

    public IReadOnlyList<PromiseRevision> All { get; private set; } = [];

    public PromiseRevision? Left { get; private set; }

    public PromiseRevision? Right { get; private set; }

    public IReadOnlyDictionary<int, string> Departments { get; private set; } = new Dictionary<int, string>();

    public IReadOnlyDictionary<string, string> Authors { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(int id, int? from, int? to)
    {
        var promise = await db.Promises.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id);
        if (promise is null)
        {
            return NotFound();
        }

        Promise = promise;
        All = await db.PromiseRevisions.AsNoTracking().Where(r => r.PromiseId == id).OrderBy(r => r.Number).ToListAsync();
        Right = All.FirstOrDefault(r => r.Number == to) ?? (All.Count > 0 ? All[^1] : null);
        Left = All.FirstOrDefault(r => r.Number == from) ?? All.LastOrDefault(r => r.Number < (Right?.Number ?? 0)) ?? Right;
        Departments = await db.Departments.Select(d => new { d.Id, Name = d.Name.In(Cultures.Current) }).ToDictionaryAsync(d => d.Id, d => d.Name);
        var authorIds = All.Select(r => r.AuthorId).Distinct().ToList();
        Authors = await db.Users.Where(u => authorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName);
        return Page();
    }
}
