using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QualityGates.Domain;
using QualityGates.Domain.Promises;
using QualityGates.Web.Data;
using QualityGates.Web.Improvement;
using QualityGates.Web.Localization;

namespace QualityGates.Web.Pages.Promises;

/// <summary>Changes a draft. Only the promising department's sales reps may, and only while it is a draft.</summary>
public sealed class EditModel(
    QualityGatesDbContext db,
    IValidator<PromiseForm> validator,
    IAuthorizationService authorization,
    IStringLocalizer<SharedResource> l) : PageModel, IPromiseFormPage
{
    [BindProperty]
    public PromiseForm Input { get; set; } = new();

    public PromiseFormOptions Options { get; private set; } = null!;

    /// <summary>Lessons and track record for the chosen category and customer; the form's script keeps it current.</summary>
    public PromiseExperience Experience { get; private set; } = PromiseExperience.None;

    public string PromisingDepartmentName { get; private set; } = "";

    public string Number { get; private set; } = "";

    public int Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var (promise, refusal) = await ManageablePromise.FindAsync(this, db, authorization, id);
        if (promise is null)
        {
            return refusal!;
        }

        if (promise.Status != PromiseStatus.Draft)
        {
            return NotDraft(promise);
        }

        Input = PromiseForm.From(promise);
        await LoadAsync(promise);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var (promise, refusal) = await ManageablePromise.FindAsync(this, db, authorization, id);
        if (promise is null)
        {
            return refusal!;
        }

        if (promise.Status != PromiseStatus.Draft)
        {
            return NotDraft(promise);
        }

        var department = await db.Departments.SingleAsync(d => d.Id == promise.PromisingDepartmentId);
        if (!await Input.ValidateAsync(validator, department, ModelState, nameof(Input), promise.CategoryId))
        {
            await LoadAsync(promise);
            return Page();
        }

        if (Input.Version != promise.Version)
        {
            return await ConflictAsync(promise);
        }

        try
        {
            promise.EditDraft(Input.ToDetails(), department);
            db.Entry(promise).Property(p => p.Version).OriginalValue = Input.Version;
            await db.SaveChangesAsync();
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, l.Error(e));
            await LoadAsync(promise);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            await db.Entry(promise).ReloadAsync();
            return await ConflictAsync(promise);
        }

        TempData["Success"] = l["Promises.Edit.Done", promise.Number].Value;
        return RedirectToPage("Details", new { id });
    }

    private async Task<IActionResult> ConflictAsync(Promise current)
    {
        ModelState.Clear();
        ModelState.AddModelError(string.Empty, l["Messages.ConcurrencyConflict"]);
        Input = PromiseForm.From(current);
        await LoadAsync(current);
        return current.Status == PromiseStatus.Draft ? Page() : NotDraft(current);
    }

    private RedirectToPageResult NotDraft(Promise promise)
    {
        TempData["Error"] = l["Error.OnlyDraftsAreEdited", l.Status(promise.Status)].Value;
        return RedirectToPage("Details", new { id = promise.Id });
    }

    private async Task LoadAsync(Promise promise)
    {
        var department = await db.Departments.SingleAsync(d => d.Id == promise.PromisingDepartmentId);
        Id = promise.Id;
        Number = promise.Number;
        PromisingDepartmentName = department.Name.In(Cultures.Current);
        Options = await PromiseFormOptions.LoadAsync(db, department, Input, promise.CategoryId);
        Experience = await PromiseExperience.LoadAsync(db, Input.CategoryId, Input.CustomerId, Input.DeliveringDepartmentId);
    }
}
