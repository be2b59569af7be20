using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using QualityGates.Domain.Promises;
using QualityGates.Web.Data;
using QualityGates.Web.Localization;

namespace QualityGates.Web.Pages.Admin.ReferenceData;

/// <summary>Adds a promise category, active at once, named in English and (optionally) German.</summary>
public sealed class CreateCategoryModel(QualityGatesDbContext db, IValidator<NameForm> validator, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public NameForm Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        (await validator.ValidateAsync(Input.Of(NameOwner.Category, recordId: null))).AddToModelState(ModelState, nameof(Input));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var category = new PromiseCategory(Input.ToName());
        db.PromiseCategories.Add(category);
        await db.SaveChangesAsync();
        TempData["Success"] = l["ReferenceData.CategoryAdded", category.Name.In(Cultures.Current)].Value;
        return RedirectToPage("Index");
    }
}
