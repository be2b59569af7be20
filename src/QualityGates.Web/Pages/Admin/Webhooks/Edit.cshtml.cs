using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QualityGates.Web.Data;
using QualityGates.Web.Webhooks;

namespace QualityGates.Web.Pages.Admin.Webhooks;

/// <summary>Changes an endpoint's name, address, events or state; the secret stays (rotated on the endpoint's page).</summary>
public sealed class EditModel(QualityGatesDbContext db, IValidator<WebhookForm> validator, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public WebhookForm Input { get; set; } = new();

    public WebhookEndpoint Endpoint { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await db.WebhookEndpoints.FindAsync(id) is not { } endpoint)
        {
            return NotFound();
        }

        Endpoint = endpoint;
        Input = WebhookForm.From(endpoint);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (await db.WebhookEndpoints.FindAsync(id) is not { } endpoint)
        {
            return NotFound();
        }

        Endpoint = endpoint;
        (await validator.ValidateAsync(Input)).AddToModelState(ModelState, nameof(Input));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            endpoint.Change(Input.Name, Input.Address, Input.EventSet, Input.IsActive);
            db.Entry(endpoint).Property(e => e.Version).OriginalValue = Input.Version;
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            // Shows the endpoint as it is now, so the administrator sees what the other change did.
            db.ChangeTracker.Clear();
            Endpoint = (await db.WebhookEndpoints.FindAsync(id))!;
            ModelState.Clear();
            Input = WebhookForm.From(Endpoint);
            ModelState.AddModelError(string.Empty, l["Messages.ConcurrencyConflict"]);
            return Page();
        }

        TempData["Success"] = l["Webhooks.Saved", endpoint.Name].Value;
        return RedirectToPage("Details", new { id });
    }
}
