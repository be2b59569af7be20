using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityGates.Web.Data;
using QualityGates.Web.Pages.Shared;

namespace QualityGates.Web.Pages.Customers;

public sealed class IndexModel(QualityGatesDbContext db) : PageModel
{
    public const int SearchMaxLength = 100;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true, Name = "pageNumber")]
    public int PageNumber { get; set; } = 1;

    public PagedList<Row> Customers { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        ModelState.Clear();
        var query = db.Customers.Select(c => new Row
        {
            Id = c.Id,
            Name = c.Name,
            AccountNumber = c.AccountNumber,
            PromiseCount = db.Promises.Count(p => p.CustomerId == c.Id),
        });
        if (!string.IsNullOrWhiteSpace(Search))
        {
            var term = Search.Trim();
            term = term[..Math.Min(term.Length, SearchMaxLength)].ToLower();
            query = query.Where(c => c.Name.ToLower().Contains(term)
                                     || (c.AccountNumber != null && c.AccountNumber.ToLower().Contains(term)));
        }

        query = Sort switch
        {
            "-name" => query.OrderByDescending(c => c.Name),
            "account" => query.OrderBy(c => c.AccountNumber).ThenBy(c => c.Id),
            "-account" => query.OrderByDescending(c => c.AccountNumber).ThenBy(c => c.Id),
            "promises" => query.OrderBy(c => c.PromiseCount).ThenBy(c => c.Id),
            "-promises" => query.OrderByDescending(c => c.PromiseCount).ThenBy(c => c.Id),
            _ => query.OrderBy(c => c.Name),
        };
        Customers = await query.ToPagedListAsync(PageNumber);
    }

    public sealed class Row
    {
        public int Id { get; init; }

        public string Name { get; init; } = "";

        public string? AccountNumber { get; init; }

        public int PromiseCount { get; init; }
    }
}
