using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using QualityGates.Web.Data;
using QualityGates.Web.Notifications;
using QualityGates.Web.Pages.Shared;
using QualityGates.Web.Webhooks;

namespace QualityGates.Web.Pages.Admin.Webhooks;

/// <summary>
/// An endpoint and its delivery log, newest first: each delivery's state, attempts, the last answer's status and
/// duration, the last error and when it is tried next. From here an administrator pauses or resumes the endpoint,
/// rotates its secret, and sends a delivery again.
/// </summary>
public sealed class DetailsModel(
    QualityGatesDbContext db, WebhookSecrets secrets, IOptions<WebhookOptions> options, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Before { get; set; }

    public WebhookEndpoint Endpoint { get; private set; } = null!;

    /// <summary>The secret just made (created or rotated): shown this once.</summary>
    public string? Secret { get; private set; }

    public KeysetPage<DeliveryRow> Deliveries { get; private set; } = null!;

    /// <summary>Until when requests are signed with the secret before the last rotation as well; null when they are not.</summary>
    public DateTime? PreviousSecretUntilUtc =>
        Endpoint.PreviousSecretUntilUtc is { } until && time.GetUtcNow().UtcDateTime < until ? until : null;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        ModelState.Clear();
        if (await db.WebhookEndpoints.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id) is not { } endpoint)
        {
            return NotFound();
        }

        Endpoint = endpoint;
        Secret = NewSecret.Take(TempData, id);
        var rows = db.WebhookDeliveries.AsNoTracking().Where(d => d.EndpointId == id).Select(d => new DeliveryRow
        {
            Id = d.Id, Event = d.Event, DeliveryId = d.DeliveryId, State = d.State, Attempts = d.Attempts, CreatedAtUtc = d.CreatedAtUtc,
            NextAttemptAtUtc = d.NextAttemptAtUtc, SentAtUtc = d.SentAtUtc, LastStatusCode = d.LastStatusCode, LastDurationMs = d.LastDurationMs,
            LastError = d.LastError,
        });
        Deliveries = await KeysetOrder.ById((DeliveryRow r) => r.Id).PageAsync(rows, After, Before, await ListCount.CappedAsync(rows));
        return Page();
    }

    public Task<IActionResult> OnPostPauseAsync(int id, int version) =>
        ChangeAsync(id, version, e => e.Pause(), "Webhooks.Paused");

    public Task<IActionResult> OnPostResumeAsync(int id, int version) =>
        ChangeAsync(id, version, e => e.Resume(), "Webhooks.Resumed");

    public Task<IActionResult> OnPostRotateSecretAsync(int id, int version)
    {
        var (secret, protectedSecret) = secrets.New();
        var previousUntil = time.GetUtcNow().UtcDateTime + options.Value.SecretOverlap;
        return ChangeAsync(id, version, e => e.RotateSecret(protectedSecret, previousUntil), "Webhooks.SecretRotated", saved: () => NewSecret.Show(TempData, id, secret));
    }

    /// <summary>A new delivery of the same event and body, due now; the one sent before stays in the log as it was.</summary>
    public async Task<IActionResult> OnPostSendAgainAsync(int id, long deliveryId)
    {
        var delivery = await db.WebhookDeliveries.AsNoTracking().SingleOrDefaultAsync(d => d.Id == deliveryId && d.EndpointId == id);
        if (delivery is null)
        {
            return NotFound();
        }

        if (delivery.State == NotificationState.Pending)
        {
            TempData["Error"] = l["Webhooks.StillPending"].Value;
            return RedirectToPage(new { id });
        }

        db.WebhookDeliveries.Add(delivery.Again(time.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync();
        TempData["Success"] = l["Webhooks.SentAgain"].Value;
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult> ChangeAsync(int id, int version, Action<WebhookEndpoint> change, string successKey, Action? saved = null)
    {
        if (await db.WebhookEndpoints.FindAsync(id) is not { } endpoint)
        {
            return NotFound();
        }

        try
        {
            change(endpoint);
            db.Entry(endpoint).Property(e => e.Version).OriginalValue = version;
            await db.SaveChangesAsync();
            TempData["Success"] = l[successKey, endpoint.Name].Value;
            saved?.Invoke();
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Error"] = l["Messages.ConcurrencyConflict"].Value;
        }

        return RedirectToPage(new { id });
    }

    // Set by member, not constructor, so that EF can still filter and order by its members in SQL.
    public sealed class DeliveryRow
    {
        public long Id { get; init; }

        public WebhookEvent Event { get; init; }

        public Guid DeliveryId { get; init; }

        public NotificationState State { get; init; }

        public int Attempts { get; init; }

        public DateTime CreatedAtUtc { get; init; }

        public DateTime NextAttemptAtUtc { get; init; }

        public DateTime? SentAtUtc { get; init; }

        public int? LastStatusCode { get; init; }

        public int? LastDurationMs { get; init; }

        public string? LastError { get; init; }
    }
}
