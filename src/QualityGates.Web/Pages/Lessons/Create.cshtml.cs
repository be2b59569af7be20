using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using QualityGates.Domain;
using QualityGates.Domain.Lessons;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;
using QualityGates.Web.Localization;
using ActionDetails = QualityGates.Web.Pages.Actions.DetailsModel;
using QualityGates.Web.Pages.Shared;

namespace QualityGates.Web.Pages.Lessons;

/// <summary>AfterSales writes a lesson directly, outside an action (policy on the page).</summary>
public sealed class CreateModel(
    QualityGatesDbContext db,
    IValidator<ActionDetails.LessonInput> validator,
    TimeProvider time,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public ActionDetails.LessonInput Input { get; set; } = new();

    public IReadOnlyList<SelectListItem> Categories { get; private set; } = [];

    public IReadOnlyList<SelectListItem> ChosenCustomer { get; private set; } = [];

    public async Task OnGetAsync(int? categoryId, int? customerId)
    {
        Input.CategoryId = categoryId;
        Input.CustomerId = customerId;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        (await validator.ValidateAsync(Input)).AddToModelState(ModelState, nameof(Input));
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        Lesson lesson;
        try
        {
            lesson = Lesson.Learn(Input.Text, Input.CategoryId!.Value, Input.CustomerId, User.UserId(), time.GetUtcNow().UtcDateTime);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, l.Error(e));
            await LoadAsync();
            return Page();
        }

        db.Lessons.Add(lesson);
        await db.SaveChangesAsync();
        TempData["Success"] = l["Lessons.Create.Done"].Value;
        return RedirectToPage("Details", new { id = lesson.Id });
    }

    private async Task LoadAsync()
    {
        Categories = await Lookups.CategoriesAsync(db, activeOnly: true);
        ChosenCustomer = await Lookups.ChosenCustomerAsync(db, Input.CustomerId);
    }
}
