using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QualityGates.Domain;
using QualityGates.Domain.Promises;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;
using QualityGates.Web.Gates;
using QualityGates.Web.Localization;
using QualityGates.Web.Pages.Reviews;

namespace QualityGates.Web.Pages.Promises;

public sealed class DetailsModel(
    QualityGatesDbContext db, IAuthorizationService authorization, FeasibilityGate feasibilityGate, IStringLocalizer<SharedResource> l)
    : PageModel
{
    public Promise Promise { get; private set; } = null!;

    public PromiseListItem Names { get; private set; } = null!;

    /// <summary>Whether the signed-in user may edit, submit or withdraw: decides which buttons show.</summary>
    public bool CanManage { get; private set; }

    public IReadOnlyList<ReviewListItem> Reviews { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id) =>
        await LoadAsync(id) ? Page() : NotFound();

    public Task<IActionResult> OnPostSubmitAsync(int id, int version) =>
        ActAsync(id, version, async promise => await feasibilityGate.SubmitAsync(promise), "Promises.Submit.Done");

    public Task<IActionResult> OnPostReviseAsync(int id, int version) =>
        ActAsync(id, version, promise =>
        {
            promise.Revise();
            return Task.CompletedTask;
        }, "Promises.Revise.Done");

    // The promising side's lifecycle actions: authorized, versioned, refused with the rule's explanation.
    private async Task<IActionResult> ActAsync(int id, int version, Func<Promise, Task> action, string successKey)
    {
        var (promise, refusal) = await ManageablePromise.FindAsync(this, db, authorization, id);
        if (promise is null)
        {
            return refusal!;
        }

        try
        {
            await action(promise);
            db.Entry(promise).Property(p => p.Version).OriginalValue = version;
            await db.SaveChangesAsync();
            TempData["Success"] = l[successKey, promise.Number].Value;
        }
        catch (DomainException e)
        {
            TempData["Error"] = l.Error(e);
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Error"] = l["Messages.ConcurrencyConflict"].Value;
        }

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
        Reviews = await ReviewListItem.Query(db).Where(r => r.PromiseId == id).OrderBy(r => r.OpenedAtUtc).ToListAsync();
        return true;
    }
}
