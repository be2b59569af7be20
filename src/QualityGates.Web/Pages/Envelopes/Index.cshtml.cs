using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using QualityGates.Domain.Departments;
using QualityGates.Domain.Envelopes;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;
using QualityGates.Web.Localization;
using QualityGates.Web.Pages.Shared;

namespace QualityGates.Web.Pages.Envelopes;

/// <summary>Every signed-in user reads the envelopes; filters, sorting and paging run in the database.</summary>
public sealed class IndexModel(QualityGatesDbContext db, IAuthorizationService authorization) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? DeliveringDepartmentId { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? CategoryId { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool? Active { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true, Name = "pageNumber")]
    public int PageNumber { get; set; } = 1;

    public PagedList<Row> Envelopes { get; private set; } = null!;

    /// <summary>The envelopes on this page the signed-in user may change: their names link to the edit page.</summary>
    public IReadOnlySet<int> Manageable { get; private set; } = new HashSet<int>();

    public bool CanCreate { get; private set; }

    public IReadOnlyList<SelectListItem> DeliveringDepartments { get; private set; } = [];

    public IReadOnlyList<SelectListItem> Categories { get; private set; } = [];

    public bool IsFiltered => DeliveringDepartmentId is not null || CategoryId is not null || Active is not null;

    public async Task OnGetAsync()
    {
        // Malformed filter values (e.g. ?active=maybe) are ignored rather than failing the page.
        ModelState.Clear();
        var query = from e in db.CapabilityEnvelopes
                    join department in db.Departments on e.DeliveringDepartmentId equals department.Id
                    join category in db.PromiseCategories on e.CategoryId equals category.Id
                    select new Row
                    {
                        Envelope = e, Name = e.Name.In(Cultures.Current), Metric = e.Metric.In(Cultures.Current),
                        DepartmentName = department.Name.In(Cultures.Current), CategoryName = category.Name.In(Cultures.Current),
                    };
        Envelopes = await Sorted(Filtered(query)).ToPagedListAsync(PageNumber);

        var manageable = new HashSet<int>();
        foreach (var row in Envelopes.Items)
        {
            if ((await authorization.AuthorizeAsync(User, row.Envelope, EnvelopeOperations.Manage)).Succeeded)
            {
                manageable.Add(row.Envelope.Id);
            }
        }

        Manageable = manageable;
        CanCreate = (await authorization.AuthorizeAsync(User, Policies.DefineEnvelopes)).Succeeded;
        DeliveringDepartments = await Lookups.DepartmentsAsync(db, DepartmentKind.Delivering);
        Categories = await Lookups.CategoriesAsync(db, activeOnly: false);
    }

    private IQueryable<Row> Filtered(IQueryable<Row> query)
    {
        if (DeliveringDepartmentId is { } departmentId)
        {
            query = query.Where(r => r.Envelope.DeliveringDepartmentId == departmentId);
        }

        if (CategoryId is { } categoryId)
        {
            query = query.Where(r => r.Envelope.CategoryId == categoryId);
        }

        if (Active is { } active)
        {
            query = query.Where(r => r.Envelope.IsActive == active);
        }

        return query;
    }

    // Every order ends with the id, so paging is stable when the sort key has ties. The bound is not
    // offered: SQLite cannot sort decimals.
    private IQueryable<Row> Sorted(IQueryable<Row> query) => Sort switch
    {
        "name" => query.OrderBy(r => r.Name).ThenBy(r => r.Envelope.Id),
        "-name" => query.OrderByDescending(r => r.Name).ThenBy(r => r.Envelope.Id),
        "department" => query.OrderBy(r => r.DepartmentName).ThenBy(r => r.Name).ThenBy(r => r.Envelope.Id),
        "-department" => query.OrderByDescending(r => r.DepartmentName).ThenBy(r => r.Name).ThenBy(r => r.Envelope.Id),
        "category" => query.OrderBy(r => r.CategoryName).ThenBy(r => r.Name).ThenBy(r => r.Envelope.Id),
        "-category" => query.OrderByDescending(r => r.CategoryName).ThenBy(r => r.Name).ThenBy(r => r.Envelope.Id),
        "metric" => query.OrderBy(r => r.Metric).ThenBy(r => r.Envelope.Id),
        "-metric" => query.OrderByDescending(r => r.Metric).ThenBy(r => r.Envelope.Id),
        "status" => query.OrderByDescending(r => r.Envelope.IsActive).ThenBy(r => r.Name).ThenBy(r => r.Envelope.Id),
        "-status" => query.OrderBy(r => r.Envelope.IsActive).ThenBy(r => r.Name).ThenBy(r => r.Envelope.Id),
        _ => query.OrderBy(r => r.DepartmentName).ThenBy(r => r.CategoryName).ThenBy(r => r.Name).ThenBy(r => r.Envelope.Id),
    };

    /// <summary>An envelope with the names the list shows.</summary>
    public sealed class Row
    {
        public CapabilityEnvelope Envelope { get; init; } = null!;

        /// <summary>The envelope's name in the reader's language: shown and sorted by.</summary>
        public string Name { get; init; } = "";

        /// <summary>What the envelope measures, in the reader's language: sorted by.</summary>
        public string Metric { get; init; } = "";

        public string DepartmentName { get; init; } = "";

        public string CategoryName { get; init; } = "";
    }
}
