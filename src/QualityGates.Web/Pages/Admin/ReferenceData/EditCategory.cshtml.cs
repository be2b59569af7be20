using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QualityGates.Domain;
using QualityGates.Domain.Promises;
using QualityGates.Web.Data;
using QualityGates.Web.Localization;

namespace QualityGates.Web.Pages.Admin.ReferenceData;

/// <summary>Renames a promise category in English and German, and deactivates or activates it.</summary>
public sealed class EditCategoryModel(QualityGatesDbContext db, IValidator<NameForm> validator, IStringLocalizer<SharedResource> l)
    : RenameModel<PromiseCategory>(db, validator, l, NameOwner.Category, "ReferenceData.CategoryRenamed")
{
    public PromiseCategory Category => Record;

    public Task<IActionResult> OnPostDeactivateAsync(int id, int version) =>
        ChangeStateAsync(id, version, c => c.Deactivate(), "ReferenceData.CategoryDeactivated");

    public Task<IActionResult> OnPostActivateAsync(int id, int version) =>
        ChangeStateAsync(id, version, c => c.Activate(), "ReferenceData.CategoryActivated");

    private async Task<IActionResult> ChangeStateAsync(int id, int version, Action<PromiseCategory> change, string doneKey)
    {
        if (await Db.PromiseCategories.FindAsync(id) is not { } category)
        {
            return NotFound();
        }

        try
        {
            change(category);
            Db.Entry(category).Property(c => c.Version).OriginalValue = version;
            await Db.SaveChangesAsync();
        }
        catch (DomainException e)
        {
            TempData["Error"] = L.Error(e);
            return RedirectToPage(new { id });
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Error"] = L["Messages.ConcurrencyConflict"].Value;
            return RedirectToPage(new { id });
        }

        TempData["Success"] = L[doneKey, category.Name.In(Cultures.Current)].Value;
        return RedirectToPage(new { id });
    }
}
