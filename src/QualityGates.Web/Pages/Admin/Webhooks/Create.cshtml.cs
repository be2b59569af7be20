using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using QualityGates.Web.Data;
using QualityGates.Web.Webhooks;

namespace QualityGates.Web.Pages.Admin.Webhooks;

/// <summary>Registers an endpoint; the app makes its secret and shows it once, on the endpoint's page.</summary>
public sealed class CreateModel(
    QualityGatesDbContext db, IValidator<WebhookForm> validator, WebhookSecrets secrets, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public WebhookForm Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        (await validator.ValidateAsync(Input)).AddToModelState(ModelState, nameof(Input));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var (secret, protectedSecret) = secrets.New();
        var endpoint = new WebhookEndpoint(Input.Name, Input.Address, Input.EventSet, Input.IsActive, protectedSecret, time.GetUtcNow().UtcDateTime);
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync();
        TempData["Success"] = l["Webhooks.CreatedDone", endpoint.Name].Value;
        NewSecret.Show(TempData, endpoint.Id, secret);
        return RedirectToPage("Details", new { id = endpoint.Id });
    }
}
