using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using QualityGates.Domain.Departments;
using QualityGates.Domain.Promises;
using QualityGates.Web.Data;
using QualityGates.Web.Pages.Shared;

namespace QualityGates.Web.Pages.Promises;

/// <summary>The promise register: everyone may read it; search, filters, sorting and paging run in the database.</summary>
public sealed class IndexModel(QualityGatesDbContext db, TimeProvider time) : PageModel
{
    public const int SearchMaxLength = 100;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public PromiseStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? CategoryId { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? PromisingDepartmentId { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? DeliveringDepartmentId { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? CustomerId { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? DueFrom { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? DueTo { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true, Name = "pageNumber")]
    public int PageNumber { get; set; } = 1;

    public PagedList<PromiseListItem> Promises { get; private set; } = null!;

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public IReadOnlyList<SelectListItem> Categories { get; private set; } = [];

    public IReadOnlyList<SelectListItem> PromisingDepartments { get; private set; } = [];

    public IReadOnlyList<SelectListItem> DeliveringDepartments { get; private set; } = [];

    public IReadOnlyList<SelectListItem> Customers { get; private set; } = [];

    public bool IsFiltered =>
        !string.IsNullOrWhiteSpace(Search) || Status is not null || CategoryId is not null
        || PromisingDepartmentId is not null || DeliveringDepartmentId is not null || CustomerId is not null
        || DueFrom is not null || DueTo is not null;

    public async Task OnGetAsync()
    {
        // Malformed filter values (e.g. ?status=Nonsense) are ignored rather than failing the page.
        ModelState.Clear();
        Promises = await Sorted(Filtered(PromiseListItem.Query(db))).ToPagedListAsync(PageNumber);

        Categories = await Lookups.CategoriesAsync(db, activeOnly: false);
        PromisingDepartments = await Lookups.DepartmentsAsync(db, DepartmentKind.Promising);
        DeliveringDepartments = await Lookups.DepartmentsAsync(db, DepartmentKind.Delivering);
        Customers = await Lookups.CustomersAsync(db);
    }

    private IQueryable<PromiseListItem> Filtered(IQueryable<PromiseListItem> query)
    {
        if (!string.IsNullOrWhiteSpace(Search))
        {
            var term = Search.Trim();
            term = term[..Math.Min(term.Length, SearchMaxLength)].ToLower();
            query = query.Where(p => p.Number.ToLower().Contains(term)
                                     || p.Title.ToLower().Contains(term)
                                     || (p.CustomerName != null && p.CustomerName.ToLower().Contains(term)));
        }

        if (Status is { } status)
        {
            query = query.Where(p => p.Status == status);
        }

        if (CategoryId is { } categoryId)
        {
            query = query.Where(p => p.CategoryId == categoryId);
        }

        if (PromisingDepartmentId is { } promisingId)
        {
            query = query.Where(p => p.PromisingDepartmentId == promisingId);
        }

        if (DeliveringDepartmentId is { } deliveringId)
        {
            query = query.Where(p => p.DeliveringDepartmentId == deliveringId);
        }

        if (CustomerId is { } customerId)
        {
            query = query.Where(p => p.CustomerId == customerId);
        }

        if (DueFrom is { } from)
        {
            query = query.Where(p => p.DueDate >= from);
        }

        if (DueTo is { } to)
        {
            query = query.Where(p => p.DueDate <= to);
        }

        return query;
    }

    // Every order ends with the id, so paging is stable when the sort key has ties.
    private IQueryable<PromiseListItem> Sorted(IQueryable<PromiseListItem> query) => Sort switch
    {
        "number" => query.OrderBy(p => p.Number),
        "-number" => query.OrderByDescending(p => p.Number),
        "title" => query.OrderBy(p => p.Title).ThenBy(p => p.Id),
        "-title" => query.OrderByDescending(p => p.Title).ThenBy(p => p.Id),
        "customer" => query.OrderBy(p => p.CustomerName).ThenBy(p => p.Id),
        "-customer" => query.OrderByDescending(p => p.CustomerName).ThenBy(p => p.Id),
        "status" => query.OrderBy(p => p.Status).ThenBy(p => p.Id),
        "-status" => query.OrderByDescending(p => p.Status).ThenBy(p => p.Id),
        "due" => query.OrderBy(p => p.DueDate).ThenBy(p => p.Id),
        "-due" => query.OrderByDescending(p => p.DueDate).ThenBy(p => p.Id),
        _ => query.OrderByDescending(p => p.Id),
    };
}
