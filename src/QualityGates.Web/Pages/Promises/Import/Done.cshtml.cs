using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QualityGates.Domain.Promises;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;
using QualityGates.Web.Imports;

namespace QualityGates.Web.Pages.Promises.Import;

/// <summary>What an import brought in: its counts, its first promises, and the register filtered to all of them.</summary>
public sealed class DoneModel(QualityGatesDbContext db) : PageModel
{
    private const int PromisesShown = 20;

    public PromiseImport Upload { get; private set; } = null!;

    public IReadOnlyList<ImportedPromise> First { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var userId = User.UserId();
        if (await db.PromiseImports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id && i.OwnerId == userId, ct) is not { } upload)
        {
            return NotFound();
        }

        if (!upload.IsImported)
        {
            return RedirectToPage("Preview", new { id });
        }

        Upload = upload;
        First = await db.Promises.AsNoTracking().Where(p => p.ImportId == id).OrderBy(p => p.Id).Take(PromisesShown)
            .Select(p => new ImportedPromise(p.Id, p.Number, p.Title, p.Status))
            .ToListAsync(ct);
        return Page();
    }

    public sealed record ImportedPromise(int Id, string Number, string Title, PromiseStatus Status);
}
