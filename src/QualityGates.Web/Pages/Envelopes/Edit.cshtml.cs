using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QualityGates.Domain;
using QualityGates.Domain.Envelopes;
using QualityGates.Web.Data;
using QualityGates.Web.Localization;
using QualityGates.Web.Pages.Actions;
using QualityGates.Web.Pages.Shared;

namespace QualityGates.Web.Pages.Envelopes;

/// <summary>
/// Changes, deactivates or activates an envelope. Only service managers of its delivering department may;
/// everyone else gets 403 on every handler.
/// </summary>
public sealed class EditModel(
    QualityGatesDbContext db,
    IValidator<EnvelopeForm> validator,
    IAuthorizationService authorization,
    IStringLocalizer<SharedResource> l) : PageModel, IEnvelopeFormPage
{
    [BindProperty]
    public EnvelopeForm Input { get; set; } = new();

    public IReadOnlyList<SelectListItem> Categories { get; private set; } = [];

    public string DeliveringDepartmentName { get; private set; } = "";

    /// <summary>The stored envelope: the page's heading, state and version for the activation forms.</summary>
    public CapabilityEnvelope Envelope { get; private set; } = null!;

    /// <summary>Improvement actions whose Act step changed this envelope.</summary>
    public IReadOnlyList<UpstreamChangeItem> Improvements { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var (envelope, refusal) = await ManageableEnvelope.FindAsync(this, db, authorization, id);
        if (envelope is null)
        {
            return refusal!;
        }

        Input = EnvelopeForm.From(envelope);
        await LoadAsync(envelope);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var (envelope, refusal) = await ManageableEnvelope.FindAsync(this, db, authorization, id);
        if (envelope is null)
        {
            return refusal!;
        }

        (await validator.ValidateAsync(Input.Keeping(envelope.CategoryId))).AddToModelState(ModelState, nameof(Input));
        if (!ModelState.IsValid)
        {
            await LoadAsync(envelope);
            return Page();
        }

        if (Input.Version != envelope.Version)
        {
            return await ConflictAsync(envelope);
        }

        try
        {
            envelope.Change(Input.ToTerms());
            db.Entry(envelope).Property(e => e.Version).OriginalValue = Input.Version;
            await db.SaveChangesAsync();
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, l.Error(e));
            await LoadAsync(envelope);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            await db.Entry(envelope).ReloadAsync();
            return await ConflictAsync(envelope);
        }

        TempData["Success"] = l["Envelopes.Edit.Done", envelope.Name.In(Cultures.Current)].Value;
        return RedirectToPage(new { id });
    }

    public Task<IActionResult> OnPostDeactivateAsync(int id, int version) =>
        ChangeStateAsync(id, version, e => e.Deactivate(), e => l["Envelopes.Deactivate.Done", e.Name.In(Cultures.Current)]);

    public Task<IActionResult> OnPostActivateAsync(int id, int version) =>
        ChangeStateAsync(id, version, e => e.Activate(), e => l["Envelopes.Activate.Done", e.Name.In(Cultures.Current)]);

    private async Task<IActionResult> ChangeStateAsync(int id, int version, Action<CapabilityEnvelope> change, Func<CapabilityEnvelope, string> done)
    {
        var (envelope, refusal) = await ManageableEnvelope.FindAsync(this, db, authorization, id);
        if (envelope is null)
        {
            return refusal!;
        }

        try
        {
            change(envelope);
            db.Entry(envelope).Property(e => e.Version).OriginalValue = version;
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

        TempData["Success"] = done(envelope);
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult> ConflictAsync(CapabilityEnvelope current)
    {
        ModelState.Clear();
        ModelState.AddModelError(string.Empty, l["Messages.ConcurrencyConflict"]);
        Input = EnvelopeForm.From(current);
        await LoadAsync(current);
        return Page();
    }

    private async Task LoadAsync(CapabilityEnvelope envelope)
    {
        Envelope = envelope;
        Improvements = await UpstreamChangeItem.Query(db).Where(c => c.EnvelopeId == envelope.Id).OrderBy(c => c.RecordedAtUtc).ToListAsync();
        DeliveringDepartmentName = await db.Departments
            .Where(d => d.Id == envelope.DeliveringDepartmentId).Select(d => d.Name.In(Cultures.Current)).SingleAsync();
        Categories = await Lookups.CategoriesAsync(db, activeOnly: true, envelope.CategoryId);
    }
}
