using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QualityGates.Domain.Departments;
using QualityGates.Domain.Gates;
using QualityGates.Web.Dashboard;
using QualityGates.Web.Data;
using QualityGates.Web.Pages.Shared;

namespace QualityGates.Web.Pages.Reviews;

/// <summary>Gate reviews, by default those still waiting for a decision; everyone may read them.</summary>
public sealed class IndexModel(QualityGatesDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>"waiting" (open or on hold, the default), "decided" or "all".</summary>
    [BindProperty(SupportsGet = true)]
    public string? Show { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? DepartmentId { get; set; }

    // Set by the dashboard's drill-down links: the decisions behind a gate figure.
    [BindProperty(SupportsGet = true)]
    public GateStage? Stage { get; set; }

    [BindProperty(SupportsGet = true)]
    public GateDecision? Decision { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool? ByEnvelope { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? DecidedFrom { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? DecidedTo { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? PromisingDepartmentId { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? DeliveringDepartmentId { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? CategoryId { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? CustomerId { get; set; }

    /// <summary>Handovers given by this department (the promising side or the link before): a pair along the value chains.</summary>
    [BindProperty(SupportsGet = true)]
    public int? HandingOverDepartmentId { get; set; }

    /// <summary>Whether the list shows other than what it opens with (the waiting reviews of every department).</summary>
    public bool IsFiltered => Show is not (null or "waiting") || DepartmentId is not null || HasFigureFilters;

    public bool HasFigureFilters =>
        Stage is not null || Decision is not null || ByEnvelope is not null || DecidedFrom is not null || DecidedTo is not null
        || PromisingDepartmentId is not null || DeliveringDepartmentId is not null || CategoryId is not null || CustomerId is not null
        || HandingOverDepartmentId is not null;

    /// <summary>The position after which the page starts (the next page), or before which it ends (the previous one).</summary>
    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Before { get; set; }

    public KeysetPage<ReviewListItem> Reviews { get; private set; } = null!;

    public IReadOnlyList<SelectListItem> Departments { get; private set; } = [];

    /// <summary>The figure of the dashboard the list was opened from, if it was.</summary>
    public DrillCaption? Drill { get; private set; }

    public async Task OnGetAsync()
    {
        ModelState.Clear();
        var waiting = Show is not ("decided" or "all");
        var query = ReviewListItem.Query(db);
        query = Show switch
        {
            "decided" => query.Where(r => r.State == GateReviewState.Decided),
            "all" => query,
            _ => ReviewListItem.Waiting(query),
        };
        if (DepartmentId is { } departmentId)
        {
            query = query.Where(r => r.DecidingDepartmentId == departmentId);
        }

        query = FigureFiltered(query);

        // Waiting: oldest first, counted by the counts kept with every change; decided ones (a history) newest first.
        var order = waiting ? KeysetOrder.By((ReviewListItem r) => r.OpenedAtUtc, r => r.Id) : KeysetOrder.ById((ReviewListItem r) => r.Id);
        var count = waiting && !HasFigureFilters
            ? new ListCount(await db.OpenReviewCounts.Where(c => DepartmentId == null || c.DecidingDepartmentId == DepartmentId).SumAsync(c => c.Count), IsCapped: false)
            : await ListCount.CappedAsync(query);
        Reviews = await order.PageAsync(query, After, Before, count);
        Departments = await Lookups.DepartmentsAsync(db, DepartmentKind.Delivering);
        if (DrillDown.From(Request.Query) is { } drill)
        {
            Drill = new DrillCaption(drill, drill.BackLink(Url), Reviews.Count.Value, null, await WordsAsync());
        }
    }

    private async Task<IReadOnlyList<string>> WordsAsync()
    {
        var all = await Lookups.DepartmentsAsync(db);
        return new FilterWords(l)
            .Add("Reviews.Show", Show is "decided" ? l["Reviews.Show.Decided"] : Show is "all" ? l["Reviews.Show.All"] : l["Reviews.Show.Waiting"])
            .Add("Reviews.Gate", Stage is { } stage ? l["GateStage." + stage].Value : null)
            .Add("Reviews.HandingOverDepartment", HandingOverDepartmentId, all)
            .Add("Reviews.DecidingDepartment", DepartmentId, all)
            .Add("Reviews.Decision", Decision is { } decision ? l["Decision." + decision].Value : null)
            .Flag("Reviews.ByEnvelopeFilter", ByEnvelope)
            .Period("Reviews.DecidedPeriod", DecidedFrom, DecidedTo)
            .Add("Promise.PromisingDepartment", PromisingDepartmentId, all)
            .Add("Promise.DeliveringDepartment", DeliveringDepartmentId, all)
            .Add("Promise.Category", CategoryId, await Lookups.CategoriesAsync(db, activeOnly: false))
            .Add("Promise.Customer", CustomerId, await Lookups.ChosenCustomerAsync(db, CustomerId))
            .Words;
    }

    private IQueryable<ReviewListItem> FigureFiltered(IQueryable<ReviewListItem> query)
    {
        if (Stage is { } stage)
        {
            query = query.Where(r => r.Stage == stage);
        }

        if (Decision is { } decision)
        {
            query = query.Where(r => r.State == GateReviewState.Decided && r.Outcome == decision);
        }

        if (ByEnvelope is { } byEnvelope)
        {
            query = query.Where(r => r.PassedByEnvelope == byEnvelope);
        }

        if (DecidedFrom is { } from)
        {
            var fromUtc = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(r => r.State == GateReviewState.Decided && r.DecidedAtUtc >= fromUtc);
        }

        if (DecidedTo is { } to)
        {
            var toUtc = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(r => r.State == GateReviewState.Decided && r.DecidedAtUtc < toUtc);
        }

        if (PromisingDepartmentId is { } promising)
        {
            query = query.Where(r => r.PromisingDepartmentId == promising);
        }

        if (DeliveringDepartmentId is { } delivering)
        {
            query = query.Where(r => r.DeliveringDepartmentId == delivering);
        }

        if (CategoryId is { } category)
        {
            query = query.Where(r => r.CategoryId == category);
        }

        if (CustomerId is { } customer)
        {
            query = query.Where(r => r.PromiseCustomerId == customer);
        }

        if (HandingOverDepartmentId is { } handingOver)
        {
            query = query.Where(r => r.HandingOverDepartmentId == handingOver);
        }

        return query;
    }
}
