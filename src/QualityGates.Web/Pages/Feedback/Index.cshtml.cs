using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using QualityGates.Domain.Feedback;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;
using QualityGates.Web.Pages.Shared;

namespace QualityGates.Web.Pages.Feedback;

/// <summary>Every signed-in user reads the feedback; filters, search, sorting and paging run in the database.</summary>
public sealed class IndexModel(QualityGatesDbContext db, IAuthorizationService authorization) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public FeedbackStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public FeedbackType? Type { get; set; }

    [BindProperty(SupportsGet = true)]
    public FeedbackSeverity? Severity { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? PromiseId { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? CustomerId { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true, Name = "pageNumber")]
    public int PageNumber { get; set; } = 1;

    public PagedList<FeedbackListItem> Feedback { get; private set; } = null!;

    public bool CanFile { get; private set; }

    public IReadOnlyList<SelectListItem> ChosenCustomer { get; private set; } = [];

    public bool IsFiltered => Status is not null || Type is not null || Severity is not null || PromiseId is not null
        || CustomerId is not null || !string.IsNullOrWhiteSpace(Search);

    public async Task OnGetAsync()
    {
        ModelState.Clear();
        Feedback = await Sorted(Filtered(FeedbackListItem.Query(db))).ToPagedListAsync(PageNumber);
        CanFile = (await authorization.AuthorizeAsync(User, Policies.RunImprovement)).Succeeded;
        ChosenCustomer = await Lookups.ChosenCustomerAsync(db, CustomerId);
    }

    private IQueryable<FeedbackListItem> Filtered(IQueryable<FeedbackListItem> query)
    {
        if (Status is { } status)
        {
            query = query.Where(f => f.Status == status);
        }

        if (Type is { } type)
        {
            query = query.Where(f => f.Type == type);
        }

        if (Severity is { } severity)
        {
            query = query.Where(f => f.Severity == severity);
        }

        if (PromiseId is { } promiseId)
        {
            query = query.Where(f => f.PromiseId == promiseId);
        }

        if (CustomerId is { } customerId)
        {
            query = query.Where(f => f.CustomerId == customerId);
        }

        if (!string.IsNullOrWhiteSpace(Search))
        {
            var term = Search.Trim().ToLower();
            query = query.Where(f => f.Title.ToLower().Contains(term) || f.Description.ToLower().Contains(term)
                || (f.PromiseNumber != null && f.PromiseNumber.ToLower().Contains(term)));
        }

        return query;
    }

    // Newest first by default; every order ends with the id, so paging is stable.
    private IQueryable<FeedbackListItem> Sorted(IQueryable<FeedbackListItem> query) => Sort switch
    {
        "created" => query.OrderBy(f => f.CreatedAtUtc).ThenBy(f => f.Id),
        "title" => query.OrderBy(f => f.Title).ThenBy(f => f.Id),
        "-title" => query.OrderByDescending(f => f.Title).ThenBy(f => f.Id),
        "type" => query.OrderBy(f => f.Type).ThenBy(f => f.Id),
        "-type" => query.OrderByDescending(f => f.Type).ThenBy(f => f.Id),
        "severity" => query.OrderByDescending(f => f.SeverityRank).ThenByDescending(f => f.CreatedAtUtc).ThenBy(f => f.Id),
        "-severity" => query.OrderBy(f => f.SeverityRank).ThenByDescending(f => f.CreatedAtUtc).ThenBy(f => f.Id),
        "status" => query.OrderBy(f => f.Status).ThenBy(f => f.Id),
        "-status" => query.OrderByDescending(f => f.Status).ThenBy(f => f.Id),
        "customer" => query.OrderBy(f => f.CustomerName).ThenBy(f => f.Id),
        "-customer" => query.OrderByDescending(f => f.CustomerName).ThenBy(f => f.Id),
        _ => query.OrderByDescending(f => f.CreatedAtUtc).ThenByDescending(f => f.Id),
    };
}
