using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityGates.Web.Notifications;
using QualityGates.Web.Pages.Shared;

namespace QualityGates.Web.Pages.Work;

/// <summary>The list behind a count on My work: the signed-in user's own items of one category, paged.</summary>
public sealed class IndexModel(WorkCounts counts, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public WorkCategory Category { get; set; }

    [BindProperty(SupportsGet = true, Name = "pageNumber")]
    public int PageNumber { get; set; } = 1;

    public PagedList<WorkItem> Items { get; private set; } = null!;

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public async Task OnGetAsync()
    {
        // An unknown category shows the first one rather than failing.
        if (!ModelState.IsValid || !Enum.IsDefined(Category))
        {
            Category = default;
        }

        ModelState.Clear();
        Items = await counts.Query(User, Category).ToPagedListAsync(PageNumber);
    }
}
