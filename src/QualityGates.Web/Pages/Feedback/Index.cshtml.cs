using System.Linq.Expressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using QualityGates.Domain.Feedback;
using QualityGates.Web.Authorization;
using QualityGates.Web.Dashboard;
using QualityGates.Web.Data;
using QualityGates.Web.Localization;
using QualityGates.Web.Pages.Shared;

namespace QualityGates.Web.Pages.Feedback;

/// <summary>Every signed-in user reads the feedback; filters, search, sorting and paging run in the database.</summary>
public sealed class IndexModel(QualityGatesDbContext db, IAuthorizationService authorization, IStringLocalizer<SharedResource> l) : PageModel
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

    // Set by the dashboard's loop-closure link: feedback filed in the period (UTC days, as the figure counts) on promises in view.
    [BindProperty(SupportsGet = true)]
    public DateOnly? FiledFrom { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? FiledTo { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? PromisingDepartmentId { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? DeliveringDepartmentId { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? CategoryId { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? PromiseCustomerId { get; set; }

    public bool HasFigureFilters => FiledFrom is not null || FiledTo is not null || PromisingDepartmentId is not null
        || DeliveringDepartmentId is not null || CategoryId is not null || PromiseCustomerId is not null;

    /// <summary>The figure of the dashboard the list was opened from, if it was.</summary>
    public DrillCaption? Drill { get; private set; }

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
        || CustomerId is not null || !string.IsNullOrWhiteSpace(Search) || HasFigureFilters;

    public async Task OnGetAsync()
    {
        ModelState.Clear();
        var feedback = Filtered(FeedbackListItem.Query(db));
        Feedback = await Order(Sort).PageAsync(feedback, After, Before, await ListCount.CappedAsync(feedback));
        CanFile = (await authorization.AuthorizeAsync(User, Policies.RunImprovement)).Succeeded;
        ChosenCustomer = await Lookups.ChosenCustomerAsync(db, CustomerId);
        if (DrillDown.From(Request.Query) is { } drill)
        {
            var departments = await Lookups.DepartmentsAsync(db);
            Drill = new DrillCaption(drill, drill.BackLink(Url), Feedback.Count.Value, null, new FilterWords(l)
                .Add("Feedback.Type", Type is { } type ? l.FeedbackType(type) : null)
                .Add("Promise.Status", Status is { } status ? l.FeedbackStatus(status) : null)
                .Add("Feedback.Severity", Severity is { } severity ? l.Severity(severity) : null)
                .Add("Promise.Customer", CustomerId, ChosenCustomer)
                .Period("Feedback.Filed", FiledFrom, FiledTo)
                .Add("Promise.PromisingDepartment", PromisingDepartmentId, departments)
                .Add("Promise.DeliveringDepartment", DeliveringDepartmentId, departments)
                .Add("Promise.Category", CategoryId, await Lookups.CategoriesAsync(db, activeOnly: false))
                .Add("Feedback.PromiseCustomer", PromiseCustomerId, await Lookups.ChosenCustomerAsync(db, PromiseCustomerId))
                .Words);
        }
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

        if (FiledFrom is { } from)
        {
            var fromUtc = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(f => f.CreatedAtUtc >= fromUtc);
        }

        if (FiledTo is { } to)
        {
            var toUtc = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(f => f.CreatedAtUtc < toUtc);
        }

        if (PromisingDepartmentId is not null || DeliveringDepartmentId is not null || CategoryId is not null || PromiseCustomerId is not null)
        {
            var promises = db.Promises.AsQueryable();
            if (PromisingDepartmentId is { } promising)
            {
                promises = promises.Where(p => p.PromisingDepartmentId == promising);
            }

            if (DeliveringDepartmentId is { } delivering)
            {
                promises = promises.Where(p => p.DeliveringDepartmentId == delivering);
            }

            if (CategoryId is { } category)
            {
                promises = promises.Where(p => p.CategoryId == category);
            }

            if (PromiseCustomerId is { } customer)
            {
                promises = promises.Where(p => p.CustomerId == customer);
            }

            query = query.Where(f => promises.Any(p => p.Id == f.PromiseId));
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
