using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using QualityGates.Domain;
using QualityGates.Domain.Departments;
using QualityGates.Domain.Envelopes;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;
using QualityGates.Web.Localization;
using QualityGates.Web.Pages.Shared;

namespace QualityGates.Web.Pages.Envelopes;

/// <summary>A service manager defines an envelope for their own delivering department; it is active at once.</summary>
public sealed class CreateModel(
    QualityGatesDbContext db,
    IValidator<EnvelopeForm> validator,
    TimeProvider time,
    IStringLocalizer<SharedResource> l) : PageModel, IEnvelopeFormPage
{
    [BindProperty]
    public EnvelopeForm Input { get; set; } = new();

    public IReadOnlyList<SelectListItem> Categories { get; private set; } = [];

    public string DeliveringDepartmentName { get; private set; } = "";

    public async Task OnGetAsync() => await LoadAsync(await DeliveringDepartmentAsync());

    public async Task<IActionResult> OnPostAsync()
    {
        var department = await DeliveringDepartmentAsync();
        (await validator.ValidateAsync(Input)).AddToModelState(ModelState, nameof(Input));
        if (!ModelState.IsValid)
        {
            await LoadAsync(department);
            return Page();
        }

        CapabilityEnvelope envelope;
        try
        {
            envelope = CapabilityEnvelope.Define(department, Input.ToTerms(), time.GetUtcNow().UtcDateTime);
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, l.Error(e));
            await LoadAsync(department);
            return Page();
        }

        db.CapabilityEnvelopes.Add(envelope);
        await db.SaveChangesAsync();
        TempData["Success"] = l["Envelopes.Create.Done", envelope.Name.In(Cultures.Current)].Value;
        return RedirectToPage("Index");
    }

    private async Task<Department> DeliveringDepartmentAsync() =>
        await db.Departments.FindAsync(User.DepartmentId())
        ?? throw new InvalidOperationException("The signed-in user's department does not exist.");

    private async Task LoadAsync(Department department)
    {
        DeliveringDepartmentName = department.Name.In(Cultures.Current);
        Categories = await Lookups.CategoriesAsync(db, activeOnly: true);
    }
}
