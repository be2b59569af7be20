using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;
using QualityGates.Web.Pages.Shared;

namespace QualityGates.Web.Pages.Lessons;

/// <summary>Every signed-in user reads the lessons learned; filters and paging run in the database.</summary>
public sealed class IndexModel(QualityGatesDbContext db, IAuthorizationService authorization) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? CategoryId { get; set; }

    /// <summary>Lessons for this customer, including those for all customers.</summary>
    [BindProperty(SupportsGet = true)]
    public int? CustomerId { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "pageNumber")]
    public int PageNumber { get; set; } = 1;

    public PagedList<LessonListItem> Lessons { get; private set; } = null!;

    public bool CanCreate { get; private set; }

    public IReadOnlyList<SelectListItem> Categories { get; private set; } = [];

    public IReadOnlyList<SelectListItem> ChosenCustomer { get; private set; } = [];

    public bool IsFiltered => CategoryId is not null || CustomerId is not null || !string.IsNullOrWhiteSpace(Search);

    public async Task OnGetAsync()
    {
        ModelState.Clear();
        var query = LessonListItem.Query(db);
        if (CategoryId is { } categoryId)
        {
            query = query.Where(l => l.CategoryId == categoryId);
        }

        if (CustomerId is { } customerId)
        {
            query = query.Where(l => l.CustomerId == null || l.CustomerId == customerId);
        }

        if (!string.IsNullOrWhiteSpace(Search))
        {
            var term = Search.Trim().ToLower();
            query = query.Where(l => l.Text.ToLower().Contains(term));
        }

        Lessons = await query.OrderByDescending(l => l.IsActive).ThenByDescending(l => l.CreatedAtUtc).ThenByDescending(l => l.Id).ToPagedListAsync(PageNumber);
        CanCreate = (await authorization.AuthorizeAsync(User, Policies.RunImprovement)).Succeeded;
        Categories = await Lookups.CategoriesAsync(db, activeOnly: false);
        ChosenCustomer = await Lookups.ChosenCustomerAsync(db, CustomerId);
    }
}
