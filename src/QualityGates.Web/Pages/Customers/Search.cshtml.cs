using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QualityGates.Web.Data;
using QualityGates.Web.Pages.Shared;

namespace QualityGates.Web.Pages.Customers;

/// <summary>
/// The customers whose name or account number contains what was typed, as JSON for the type-ahead selects:
/// names that start with it first, then by name, at most <see cref="TypeAheadSearch.MaxResults"/>.
/// </summary>
public sealed class SearchModel(QualityGatesDbContext db) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? q, CancellationToken ct)
    {
        var term = TypeAheadSearch.Term(q);
        var customers = db.Customers.AsQueryable();
        if (term.Length > 0)
        {
            customers = customers.Where(c => c.Name.ToLower().Contains(term)
                                             || (c.AccountNumber != null && c.AccountNumber.ToLower().Contains(term)));
        }

        var matches = await customers
            .OrderBy(c => c.Name.ToLower().StartsWith(term) ? 0 : 1).ThenBy(c => c.Name)
            .Take(TypeAheadSearch.MaxResults)
            .Select(c => new Match(c.Id, c.Name))
            .ToListAsync(ct);
        return new JsonResult(matches);
    }

    public sealed record Match(int Id, string Name);
}
