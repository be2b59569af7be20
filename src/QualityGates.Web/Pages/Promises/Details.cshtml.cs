using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QualityGates.Domain;
using QualityGates.Domain.Promises;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;
using QualityGates.Web.Localization;
using QualityGates.Web.Pages.Shared;

namespace QualityGates.Web.Pages.Promises;

public sealed class DetailsModel(
    QualityGatesDbContext db, IAuthorizationService authorization, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int HistoryLimit = 50;

    public Promise Promise { get; private set; } = null!;

    public PromiseListItem Names { get; private set; } = null!;

    /// <summary>Whether the signed-in user may edit, submit or withdraw: decides which buttons show.</summary>
    public bool CanManage { get; private set; }

    /// <summary>The latest changes, newest first; the audit log has them all.</summary>
    public AuditTable History { get; private set; } = null!;

    public int HistoryCount { get; private set; }

    /// <summary>Administrators get a link to the full, filterable audit log of the promise.</summary>
    public bool CanReadAuditLog { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id) =>
        await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSubmitAsync(int id, int version)
    {
        var (promise, refusal) = await ManageablePromise.FindAsync(this, db, authorization, id);
        if (promise is null)
        {
            return refusal!;
        }

        try
        {
            promise.Submit(time.GetUtcNow().UtcDateTime);
            db.Entry(promise).Property(p => p.Version).OriginalValue = version;
            await db.SaveChangesAsync();
        }
        catch (DomainException e)
        {
            TempData["Error"] = l.Error(e);
            return RedirectToPage(new { id });
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Error"] = l["Messages.ConcurrencyConflict"].Value;
            return RedirectToPage(new { id });
        }

        TempData["Success"] = l["Promises.Submit.Done", promise.Number].Value;
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(int id)
    {
        var promise = await db.Promises.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id);
        if (promise is null)
        {
            return false;
        }

        Promise = promise;
        Names = await PromiseListItem.Query(db).SingleAsync(p => p.Id == id);
        CanManage = (await authorization.AuthorizeAsync(User, promise, PromiseOperations.Manage)).Succeeded;

        var key = id.ToString(CultureInfo.InvariantCulture);
        var history = db.AuditEntries.AsNoTracking().Where(e => e.EntityType == nameof(Promise) && e.EntityId == key);
        HistoryCount = await history.CountAsync();
        // Newest change first; the fields of one change in the order they were recorded.
        var latest = await history.OrderByDescending(e => e.AtUtc).ThenBy(e => e.Id).Take(HistoryLimit).ToListAsync();
        History = await AuditTable.LoadAsync(db, latest, showRecord: false);
        CanReadAuditLog = (await authorization.AuthorizeAsync(User, Policies.Administration)).Succeeded;
        return true;
    }
}
