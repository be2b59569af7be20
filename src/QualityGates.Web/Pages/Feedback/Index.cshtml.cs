using System.Linq.Expressions;
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

    /// <summary>The position after which the page starts (the next page), or before which it ends (the previous one).</summary>
    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Before { get; set; }

    public KeysetPage<FeedbackListItem> Feedback { get; private set; } = null!;

    public bool CanFile { get; private set; }

    public IReadOnlyList<SelectListItem> ChosenCustomer { get; private set; } = [];

    public bool IsFiltered => Status is not null || Type is not null || Severity is not null || PromiseId is not null
        || CustomerId is not null || !string.IsNullOrWhiteSpace(Search);

    public async Task OnGetAsync()
    {
        ModelState.Clear();
        var feedback = Filtered(FeedbackListItem.Query(db));
        Feedback = await Order(Sort).PageAsync(feedback, After, Before, await ListCount.CappedAsync(feedback));
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
    private static KeysetOrder<FeedbackListItem> Order(string? sort) => sort switch
    {
        "created" => By(f => f.CreatedAtUtc),
        "title" => By(f => f.Title),
        "-title" => By(f => f.Title, descending: true),
        "type" => By(f => f.Type),
        "-type" => By(f => f.Type, descending: true),
        "severity" => By(f => f.SeverityRank, descending: true),
        "-severity" => By(f => f.SeverityRank),
        "status" => By(f => f.Status),
        "-status" => By(f => f.Status, descending: true),
        "customer" => By(f => f.CustomerName ?? ""),
        "-customer" => By(f => f.CustomerName ?? "", descending: true),
        _ => By(f => f.CreatedAtUtc, descending: true),
    };

    private static KeysetOrder<FeedbackListItem> By<TKey>(Expression<Func<FeedbackListItem, TKey>> key, bool descending = false) =>
        KeysetOrder.By(key, f => f.Id, descending);
}
