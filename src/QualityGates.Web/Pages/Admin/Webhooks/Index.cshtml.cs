using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QualityGates.Web.Data;
using QualityGates.Web.Notifications;
using QualityGates.Web.Pages.Shared;
using QualityGates.Web.Webhooks;

namespace QualityGates.Web.Pages.Admin.Webhooks;

/// <summary>The registered endpoints, newest first, with how many of their deliveries failed or still wait.</summary>
public sealed class IndexModel(QualityGatesDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Before { get; set; }

    public KeysetPage<Row> Endpoints { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        ModelState.Clear();
        var rows = db.WebhookEndpoints.AsNoTracking().Select(e => new Row
        {
            Id = e.Id, Name = e.Name, Url = e.Url, Events = e.Events, IsActive = e.IsActive,
            Failed = db.WebhookDeliveries.Count(d => d.EndpointId == e.Id && d.State == NotificationState.Failed),
            Pending = db.WebhookDeliveries.Count(d => d.EndpointId == e.Id && d.State == NotificationState.Pending),
        });
        Endpoints = await KeysetOrder.ById((Row r) => r.Id).PageAsync(rows, After, Before, await ListCount.CappedAsync(rows));
    }

    // Set by member, not constructor, so that EF can still filter and order by its members in SQL.
    public sealed class Row
    {
        public int Id { get; init; }

        public string Name { get; init; } = "";

        public string Url { get; init; } = "";

        public WebhookEvent Events { get; init; }

        public bool IsActive { get; init; }

        public int Failed { get; init; }

        public int Pending { get; init; }
    }
}
