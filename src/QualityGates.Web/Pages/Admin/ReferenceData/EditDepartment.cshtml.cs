using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QualityGates.Domain.Departments;
using QualityGates.Web.Data;
using QualityGates.Web.Localization;

namespace QualityGates.Web.Pages.Admin.ReferenceData;

/// <summary>Renames a department in English and German; its kind stays.</summary>
public sealed class EditDepartmentModel(QualityGatesDbContext db, IValidator<NameForm> validator, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public NameForm Input { get; set; } = new();

    public Department Department { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await db.Departments.FindAsync(id) is not { } department)
        {
            return NotFound();
        }

        Department = department;
        Input = NameForm.From(department.Name, department.Version);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (await db.Departments.FindAsync(id) is not { } department)
        {
            return NotFound();
        }

        Department = department;
        (await validator.ValidateAsync(Input.Of(NameOwner.Department, id))).AddToModelState(ModelState, nameof(Input));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            department.Rename(Input.ToName());
            db.Entry(department).Property(d => d.Version).OriginalValue = Input.Version;
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            Department = await db.Departments.SingleAsync(d => d.Id == id);
            ModelState.Clear();
            Input = NameForm.From(Department.Name, Department.Version);
            ModelState.AddModelError(string.Empty, l["Messages.ConcurrencyConflict"]);
            return Page();
        }

        TempData["Success"] = l["ReferenceData.DepartmentRenamed", department.Name.In(Cultures.Current)].Value;
        return RedirectToPage("Index");
    }
}
