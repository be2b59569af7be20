using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using QualityGates.Domain;
using QualityGates.Domain.Departments;
using QualityGates.Domain.Promises;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;
using QualityGates.Web.Improvement;
using QualityGates.Web.Localization;

namespace QualityGates.Web.Pages.Promises;

/// <summary>A sales rep logs a new promise of their own department as a draft.</summary>
public sealed class CreateModel(
    QualityGatesDbContext db,
    IValidator<PromiseForm> validator,
    PromiseNumberAllocator numbers,
    TimeProvider time,
    IStringLocalizer<SharedResource> l) : PageModel, IPromiseFormPage
{
    private const int DefaultDueInDays = 30;

    [BindProperty]
    public PromiseForm Input { get; set; } = new();

    public PromiseFormOptions Options { get; private set; } = null!;

    /// <summary>Lessons and track record for the chosen category and customer; the form's script keeps it current.</summary>
    public PromiseExperience Experience { get; private set; } = PromiseExperience.None;

    public string PromisingDepartmentName { get; private set; } = "";

    public int? DueDateProposedInDays => DefaultDueInDays;

    public async Task OnGetAsync()
    {
        Input.DueDate = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(DefaultDueInDays);
        await LoadAsync(await PromisingDepartmentAsync());
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var department = await PromisingDepartmentAsync();
        if (!await Input.ValidateAsync(validator, department, ModelState, nameof(Input)))
        {
            await LoadAsync(department);
            return Page();
        }

        Promise promise;
        try
        {
            promise = await Input.AddDraftAsync(db, numbers, department, User.UserId(), time.GetUtcNow().UtcDateTime);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, l.Error(e));
            await LoadAsync(department);
            return Page();
        }

        await db.SaveChangesAsync();
        TempData["Success"] = l["Promises.Create.Done", promise.Number].Value;
        return RedirectToPage("Details", new { id = promise.Id });
    }

    private async Task<Department> PromisingDepartmentAsync() =>
        await db.Departments.FindAsync(User.DepartmentId())
        ?? throw new InvalidOperationException("The signed-in user's department does not exist.");

    private async Task LoadAsync(Department department)
    {
        PromisingDepartmentName = department.Name.In(Cultures.Current);
        Options = await PromiseFormOptions.LoadAsync(db, department, Input);
        Experience = await PromiseExperience.LoadAsync(db, Input.CategoryId, Input.CustomerId, Input.DeliveringDepartmentId);
    }
}
