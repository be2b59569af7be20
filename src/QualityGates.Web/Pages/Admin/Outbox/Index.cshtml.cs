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

    [BindProperty(SupportsGet = true, Name = "pageNumber")]
    public int PageNumber { get; set; } = 1;

    public PagedList<Row> Messages { get; private set; } = null!;

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

        Messages = await query.OrderByDescending(r => r.Message.CreatedAtUtc).ThenByDescending(r => r.Message.Id)
            .Select(r => new Row(r.Message.Id, r.Message.Kind, r.DisplayName, r.Email, r.Message.Subject, r.Message.LinkPath, r.Message.State,
                r.Message.Attempts, r.Message.CreatedAtUtc, r.Message.NextAttemptAtUtc, r.Message.SentAtUtc, r.Message.LastError))
            .ToPagedListAsync(PageNumber);
        CountsByState = await db.NotificationMessages.GroupBy(m => m.State)
            .Select(g => new { State = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.State, g => g.Count);
    }

    public sealed record Row(
        long Id, NotificationKind Kind, string RecipientName, string? RecipientEmail, string Subject, string LinkPath, NotificationState State,
        int Attempts, DateTime CreatedAtUtc, DateTime NextAttemptAtUtc, DateTime? SentAtUtc, string? LastError);
}
