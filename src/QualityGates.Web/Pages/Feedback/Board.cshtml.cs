using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QualityGates.Domain.Feedback;
using QualityGates.Web.Data;

namespace QualityGates.Web.Pages.Feedback;

/// <summary>Feedback by status, most severe first; each column shows its newest items and links to the full list.</summary>
public sealed class BoardModel(QualityGatesDbContext db) : PageModel
{
    public const int ColumnLength = 20;

    public IReadOnlyList<Column> Columns { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var counts = await db.Feedback.GroupBy(f => f.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var columns = new List<Column>();
        foreach (var status in Enum.GetValues<FeedbackStatus>())
        {
            var items = await FeedbackListItem.Query(db).Where(f => f.Status == status)
                .OrderByDescending(f => status == FeedbackStatus.Closed ? f.ClosedAtUtc : f.CreatedAtUtc)
                .ThenByDescending(f => f.SeverityRank).ThenByDescending(f => f.Id)
                .Take(ColumnLength).ToListAsync();
            columns.Add(new Column(status, counts.GetValueOrDefault(status), items));
        }

        Columns = columns;
    }

    public sealed record Column(FeedbackStatus Status, int Count, IReadOnlyList<FeedbackListItem> Items);
}
