using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;
using QualityGates.Web.Imports;

namespace QualityGates.Web.Pages.Promises.Import;

/// <summary>
/// What importing an upload would do, checked anew on every request: each problem by row and column, the rows the
/// register holds already. Importing is all or nothing: a file with one bad row imports nothing.
/// </summary>
public sealed class PreviewModel(QualityGatesDbContext db, ImportCheck check, ImportWriter writer, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>Problems listed on the page; a file with more says how many more, and the first ones show what to fix.</summary>
    public const int ProblemsShown = 500;

    public PromiseImport Upload { get; private set; } = null!;

    public ImportPlan Plan { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await OwnUploadAsync(id, ct) is not { } upload)
        {
            return NotFound();
        }

        if (upload.IsImported)
        {
            return RedirectToPage("Done", new { id });
        }

        Upload = upload;
        Plan = await check.CheckAsync(upload, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await OwnUploadAsync(id, ct) is not { } upload)
        {
            return NotFound();
        }

        if (upload.IsImported)
        {
            return RedirectToPage("Done", new { id });
        }

        ImportPlan plan;
        try
        {
            plan = await writer.ImportAsync(upload, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The same upload was imported by another click meanwhile; its summary tells what happened.
            return RedirectToPage("Done", new { id });
        }

        if (!plan.CanImport)
        {
            Upload = upload;
            Plan = plan;
            ModelState.AddModelError(string.Empty, l["Import.NothingImported"]);
            return Page();
        }

        TempData["Success"] = l["Import.Done.Message", plan.Ready.Count].Value;
        return RedirectToPage("Done", new { id });
    }

    // Bound to the user: someone else's upload is as unknown as a made-up id.
    private async Task<PromiseImport?> OwnUploadAsync(Guid id, CancellationToken ct)
    {
        var userId = User.UserId();
        return await db.PromiseImports.SingleOrDefaultAsync(i => i.Id == id && i.OwnerId == userId, ct);
    }
}
