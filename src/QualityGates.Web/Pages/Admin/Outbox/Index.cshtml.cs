using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QualityGates.Web.Data;
using QualityGates.Web.Notifications;
using QualityGates.Web.Pages.Shared;

namespace QualityGates.Web.Pages.Admin.Outbox;

/// <summary>The e-mail outbox for administrators, read-only: what waits, what was sent, what failed and why.</summary>
public sealed class IndexModel(QualityGatesDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public NotificationState? State { get; set; }

    /// <summary>The position after which the page starts (the next page), or before which it ends (the previous one).</summary>
    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Before { get; set; }

    public KeysetPage<Row> Messages { get; private set; } = null!;

    public IReadOnlyDictionary<NotificationState, int> CountsByState { get; private set; } = new Dictionary<NotificationState, int>();

    public async Task OnGetAsync()
    {
        ModelState.Clear();
        var query = from m in db.NotificationMessages.AsNoTracking()
                    join u in db.Users on m.RecipientId equals u.Id
                    select new { Message = m, u.DisplayName, u.Email };
        if (State is { } state)
        {
            query = query.Where(r => r.Message.State == state);
        }

        var rows = query.Select(r => new Row
        {
            Id = r.Message.Id, Kind = r.Message.Kind, RecipientName = r.DisplayName, RecipientEmail = r.Email, Subject = r.Message.Subject, Culture = r.Message.Culture,
            LinkPath = r.Message.LinkPath, State = r.Message.State, Attempts = r.Message.Attempts, CreatedAtUtc = r.Message.CreatedAtUtc,
            NextAttemptAtUtc = r.Message.NextAttemptAtUtc, SentAtUtc = r.Message.SentAtUtc, LastError = r.Message.LastError,
        });
        Messages = await KeysetOrder.ById((Row r) => r.Id).PageAsync(rows, After, Before, await ListCount.CappedAsync(rows));
        CountsByState = await db.NotificationMessages.GroupBy(m => m.State)
            .Select(g => new { State = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.State, g => g.Count);
    }

    // Set by member, not constructor, so that EF can still filter and order by its members in SQL.
    public sealed class Row
    {
        public long Id { get; init; }

        public NotificationKind Kind { get; init; }

        public string RecipientName { get; init; } = "";

        public string? RecipientEmail { get; init; }

        public string Subject { get; init; } = "";

        /// <summary>The recipient's language, in which the subject is written.</summary>
        public string Culture { get; init; } = "";

        public string LinkPath { get; init; } = "";

        public NotificationState State { get; init; }

        public int Attempts { get; init; }

        public DateTime CreatedAtUtc { get; init; }

        public DateTime NextAttemptAtUtc { get; init; }

        public DateTime? SentAtUtc { get; init; }

        public string? LastError { get; init; }
    }
}
