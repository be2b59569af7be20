using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QualityGates.Web.Data;
using QualityGates.Web.Webhooks;

namespace QualityGates.Web.Pages.Admin.Webhooks;

/// <summary>Asks before an endpoint goes, with its delivery log; the audit trail keeps that it was there.</summary>
public sealed class DeleteModel(QualityGatesDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    public WebhookEndpoint Endpoint { get; private set; } = null!;

    /// <summary>How many deliveries the log loses with it.</summary>
    public int Deliveries { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await db.WebhookEndpoints.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id) is not { } endpoint)
        {
            return NotFound();
        }

        Endpoint = endpoint;
        Deliveries = await db.WebhookDeliveries.CountAsync(d => d.EndpointId == id);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, int version)
    {
        if (await db.WebhookEndpoints.FindAsync(id) is not { } endpoint)
        {
            return NotFound();
        }

        try
        {
            db.WebhookEndpoints.Remove(endpoint);
            db.Entry(endpoint).Property(e => e.Version).OriginalValue = version;
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Error"] = l["Messages.ConcurrencyConflict"].Value;
            return RedirectToPage("Details", new { id });
        }

        TempData["Success"] = l["Webhooks.Deleted", endpoint.Name].Value;
        return RedirectToPage("Index");
    }
}
