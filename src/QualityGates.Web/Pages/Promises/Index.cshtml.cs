using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using QualityGates.Domain.Departments;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;
using QualityGates.Web.Pages.Shared;

namespace QualityGates.Web.Pages.Promises;

/// <summary>The promise register: everyone may read it; search, filters, sorting and paging run in the database.</summary>
public sealed class IndexModel(QualityGatesDbContext db, TimeProvider time, IAuthorizationService authorization) : PageModel
{
    public const int SearchMaxLength = PromiseFilter.SearchMaxLength;

    public PromiseFilter Filter { get; private set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true, Name = "pageNumber")]
    public int PageNumber { get; set; } = 1;

    public PagedList<PromiseListItem> Promises { get; private set; } = null!;

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public IReadOnlyList<SelectListItem> Categories { get; private set; } = [];

    public IReadOnlyList<SelectListItem> PromisingDepartments { get; private set; } = [];

    public IReadOnlyList<SelectListItem> DeliveringDepartments { get; private set; } = [];

    public IReadOnlyList<SelectListItem> ChosenCustomer { get; private set; } = [];

    public bool IsFiltered => Filter.IsFiltered;

    public bool CanExport { get; private set; }

    /// <summary>The register's filters and sort as query-string values, for the export links and the pager.</summary>
    public Dictionary<string, string> RouteValues(string? format = null)
    {
        var values = Filter.ToRouteValues();
        if (!string.IsNullOrEmpty(Sort))
        {
            values["sort"] = Sort;
        }

        if (format is not null)
        {
            values["format"] = format;
        }

        return values;
    }

    public async Task OnGetAsync([FromQuery] PromiseFilter filter)
    {
        // Malformed filter values (e.g. ?status=Nonsense) are ignored rather than failing the page.
        ModelState.Clear();
        Filter = filter;
        var promises = filter.Apply(db, db.Promises, Today);
        Promises = await Sorted(PromiseListItem.Project(db, promises), Sort).ToPagedListAsync(PageNumber);

        Categories = await Lookups.CategoriesAsync(db, activeOnly: false);
        PromisingDepartments = await Lookups.DepartmentsAsync(db, DepartmentKind.Promising);
        DeliveringDepartments = await Lookups.DepartmentsAsync(db, DepartmentKind.Delivering);
        ChosenCustomer = await Lookups.ChosenCustomerAsync(db, filter.CustomerId);
        CanExport = (await authorization.AuthorizeAsync(User, Policies.Export)).Succeeded;
    }

    // Every order ends with the id, so paging is stable when the sort key has ties.
    public static IQueryable<PromiseListItem> Sorted(IQueryable<PromiseListItem> query, string? sort) => sort switch
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
