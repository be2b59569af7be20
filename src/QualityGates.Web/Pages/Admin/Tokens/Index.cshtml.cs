using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityGates.Web.Api.Tokens;
using QualityGates.Web.Data;
using QualityGates.Web.Pages.Shared;

namespace QualityGates.Web.Pages.Admin.Tokens;

/// <summary>Every user's personal access tokens, newest first, a page at a time; administrators revoke any of them.</summary>
public sealed class IndexModel(QualityGatesDbContext db, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Before { get; set; }

    public KeysetPage<AccessTokenListItem> Tokens { get; private set; } = null!;

    public DateTime NowUtc => time.GetUtcNow().UtcDateTime;

    public async Task OnGetAsync()
    {
        var tokens = AccessTokenListItem.Query(db);
        Tokens = await KeysetOrder.ById((AccessTokenListItem t) => t.Id).PageAsync(tokens, After, Before, await ListCount.CappedAsync(tokens));
    }
}
