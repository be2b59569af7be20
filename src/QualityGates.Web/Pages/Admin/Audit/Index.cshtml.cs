using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using QualityGates.Web.Data;
using QualityGates.Web.Data.Auditing;
using QualityGates.Web.Pages.Shared;

namespace QualityGates.Web.Pages.Admin.Audit;

/// <summary>The whole audit trail, for administrators: filtered and paged in the database, newest first.</summary>
public sealed class IndexModel(QualityGatesDbContext db) : PageModel
{
    public const int SearchMaxLength = 100;

    [BindProperty(SupportsGet = true)]
    public string? EntityType { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? EntityId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    /// <summary>Part of a field name, an old or new value, or a reason.</summary>
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    /// <summary>The position after which the page starts (the next page), or before which it ends (the previous one).</summary>
    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Before { get; set; }

    public KeysetPage<AuditEntry> Entries { get; private set; } = null!;

    public AuditTable Table { get; private set; } = null!;

    public IReadOnlyList<string> EntityTypes { get; private set; } = [];

    public IReadOnlyList<SelectListItem> Users { get; private set; } = [];

    public bool IsFiltered =>
        !string.IsNullOrWhiteSpace(EntityType) || !string.IsNullOrWhiteSpace(EntityId) || !string.IsNullOrWhiteSpace(UserId)
        || From is not null || To is not null || !string.IsNullOrWhiteSpace(Search);

    public async Task OnGetAsync()
    {
        // Malformed filter values (e.g. ?from=yesterday) are ignored rather than failing the page.
        ModelState.Clear();
        // Newest first by the order of recording; on the page the fields of one change in the order they were recorded.
        var entries = Filtered(db.AuditEntries.AsNoTracking());
        Entries = await KeysetOrder.ById((AuditEntry e) => e.Id).PageAsync(entries, After, Before, await ListCount.CappedAsync(entries));
        Table = await AuditTable.LoadAsync(db, Entries.Items.OrderByDescending(e => e.AtUtc).ThenBy(e => e.Id).ToList(), showRecord: true);

        EntityTypes = AuditRules.RecordTypes(db.Model).Select(t => t.ClrType.Name).ToList();
        Users = (await db.Users.OrderBy(u => u.DisplayName).ThenBy(u => u.Id)
                .Select(u => new { u.Id, u.DisplayName }).ToListAsync())
            .Select(u => new SelectListItem(u.DisplayName, u.Id))
            .ToList();
    }

    private IQueryable<AuditEntry> Filtered(IQueryable<AuditEntry> query)
    {
        if (!string.IsNullOrWhiteSpace(EntityType))
        {
            query = query.Where(e => e.EntityType == EntityType);
        }

        if (!string.IsNullOrWhiteSpace(EntityId))
        {
            var id = EntityId.Trim();
            query = query.Where(e => e.EntityId == id);
        }

        if (!string.IsNullOrWhiteSpace(UserId))
        {
            query = query.Where(e => e.ActorId == UserId);
        }

        // Days are UTC days, like the times the log shows.
        if (From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(e => e.AtUtc >= start);
        }

        if (To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(e => e.AtUtc < end);
        }

        if (!string.IsNullOrWhiteSpace(Search))
        {
            var term = Search.Trim();
            term = term[..Math.Min(term.Length, SearchMaxLength)].ToLower();
            query = query.Where(e => (e.Field != null && e.Field.ToLower().Contains(term))
                                     || (e.OldValue != null && e.OldValue.ToLower().Contains(term))
                                     || (e.NewValue != null && e.NewValue.ToLower().Contains(term))
                                     || (e.Reason != null && e.Reason.ToLower().Contains(term)));
        }

        return query;
    }
}
