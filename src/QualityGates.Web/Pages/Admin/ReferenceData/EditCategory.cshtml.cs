using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QualityGates.Domain;
using QualityGates.Domain.Promises;
using QualityGates.Web.Data;
using QualityGates.Web.Localization;

namespace QualityGates.Web.Pages.Admin.ReferenceData;

/// <summary>Renames a promise category in English and German, and deactivates or activates it.</summary>
public sealed class EditCategoryModel(QualityGatesDbContext db, IValidator<NameForm> validator, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public NameForm Input { get; set; } = new();

    public PromiseCategory Category { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await db.PromiseCategories.FindAsync(id) is not { } category)
        {
            return NotFound();
        }

        Category = category;
        Input = NameForm.From(category.Name, category.Version);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (await db.PromiseCategories.FindAsync(id) is not { } category)
        {
            return NotFound();
        }

        Category = category;
        (await validator.ValidateAsync(Input.Of(NameOwner.Category, id))).AddToModelState(ModelState, nameof(Input));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            category.Rename(Input.ToName());
            db.Entry(category).Property(c => c.Version).OriginalValue = Input.Version;
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            Category = await db.PromiseCategories.SingleAsync(c => c.Id == id);
            ModelState.Clear();
            Input = NameForm.From(Category.Name, Category.Version);
            ModelState.AddModelError(string.Empty, l["Messages.ConcurrencyConflict"]);
            return Page();
        }

        TempData["Success"] = l["ReferenceData.CategoryRenamed", category.Name.In(Cultures.Current)].Value;
        return RedirectToPage("Index");
    }

    public Task<IActionResult> OnPostDeactivateAsync(int id, int version) =>
        ChangeStateAsync(id, version, c => c.Deactivate(), "ReferenceData.CategoryDeactivated");

    public Task<IActionResult> OnPostActivateAsync(int id, int version) =>
        ChangeStateAsync(id, version, c => c.Activate(), "ReferenceData.CategoryActivated");

    private async Task<IActionResult> ChangeStateAsync(int id, int version, Action<PromiseCategory> change, string doneKey)
    {
        if (await db.PromiseCategories.FindAsync(id) is not { } category)
        {
            return NotFound();
        }

        try
        {
            change(category);
            db.Entry(category).Property(c => c.Version).OriginalValue = version;
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

        TempData["Success"] = l[doneKey, category.Name.In(Cultures.Current)].Value;
        return RedirectToPage(new { id });
    }
}
