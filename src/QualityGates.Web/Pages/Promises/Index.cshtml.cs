using System.Linq.Expressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QualityGates.Domain.Promises;
using QualityGates.Domain.Departments;
using QualityGates.Web.Authorization;
using QualityGates.Web.Dashboard;
using QualityGates.Web.Data;
using QualityGates.Web.Localization;
using QualityGates.Web.Pages.Shared;

namespace QualityGates.Web.Pages.Promises;

/// <summary>The promise register: everyone may read it; search, filters, sorting and paging run in the database.</summary>
public sealed class IndexModel(
    QualityGatesDbContext db, TimeProvider time, IAuthorizationService authorization, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int SearchMaxLength = PromiseFilter.SearchMaxLength;

    public PromiseFilter Filter { get; private set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    /// <summary>The position after which the page starts (the next page), or before which it ends (the previous one).</summary>
    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Before { get; set; }

    public KeysetPage<PromiseListItem> Promises { get; private set; } = null!;

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public IReadOnlyList<SelectListItem> Categories { get; private set; } = [];

    public IReadOnlyList<SelectListItem> PromisingDepartments { get; private set; } = [];

    public IReadOnlyList<SelectListItem> DeliveringDepartments { get; private set; } = [];

    public IReadOnlyList<SelectListItem> ChosenCustomer { get; private set; } = [];

    public bool IsFiltered => Filter.IsFiltered;

    /// <summary>The figure of the dashboard the register was opened from, if it was.</summary>
    public DrillCaption? Drill { get; private set; }

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

    public async Task OnGetAsync([FromQuery] PromiseFilter filter, CancellationToken ct)
    {
        // Malformed filter values (e.g. ?status=Nonsense) are ignored rather than failing the page.
        ModelState.Clear();
        Filter = filter;
        var promises = filter.Apply(db, db.Promises, Today);
        var count = filter.IsCountedBySummaries
            ? new ListCount(await filter.CountFromSummariesAsync(db, ct), IsCapped: false)
            : await ListCount.CappedAsync(promises, ct);
        Promises = await Order(Sort).PageAsync(PromiseListItem.Project(db, promises), After, Before, count, ct: ct);

        Categories = await Lookups.CategoriesAsync(db, activeOnly: false);
        PromisingDepartments = await Lookups.DepartmentsAsync(db, DepartmentKind.Promising);
        DeliveringDepartments = await Lookups.DepartmentsAsync(db, DepartmentKind.Delivering);
        ChosenCustomer = await Lookups.ChosenCustomerAsync(db, filter.CustomerId);
        CanExport = (await authorization.AuthorizeAsync(User, Policies.Export)).Succeeded;
        if (DrillDown.From(Request.Query) is { } drill)
        {
            var whole = drill.IsPart && Whole(drill.Figure, filter) is var (wholeFilter, also)
                ? await wholeFilter.Apply(db, db.Promises, Today).Where(also).LongCountAsync(ct)
                : (long?)null;
            Drill = new DrillCaption(drill, drill.BackLink(Url), Promises.Count.Value, whole, Words());
        }
    }

    /// <summary>What a figure that opens a part of its promises counts in all: the filter without the part, and what it keeps.</summary>
    private static (PromiseFilter Filter, Expression<Func<Promise, bool>> Also)? Whole(string figure, PromiseFilter filter)
    {
        var whole = filter.Copy();
        switch (figure)
        {
            case "kept-rate-first":
                whole.FirstTarget = null;
                return (whole, p => p.OutcomeAgainstFirstTarget != null);
            case "ungated":
                whole.Ungated = null;
                return (whole, p => p.CommittedOn != null);
            case "first-pass":
                whole.FirstPass = null;
                return (whole, p => p.FirstFeasibilityDecision != null);
            case "share-changed" or "mean-slip":
                whole.Changed = null;
                return (whole, p => p.Revision > 0 && p.FirstApprovedRevision != null);
            default:
                return null;
        }
    }

    private IReadOnlyList<string> Words()
    {
        var f = Filter;
        return new FilterWords(l)
            .Add("Promise.Status", f.Status is { } status ? l.Status(status) : null)
            .Add("Promise.Category", f.CategoryId, Categories)
            .Add("Promise.PromisingDepartment", f.PromisingDepartmentId, PromisingDepartments)
            .Add("Promise.DeliveringDepartment", f.DeliveringDepartmentId, DeliveringDepartments)
            .Add("Promise.Customer", f.CustomerId, ChosenCustomer)
            .Flag("Promises.Register.GeneralClaim", f.GeneralClaim)
            .Period("Promise.Due", f.DueFrom, f.DueTo)
            .Flag("Promises.Register.Judged", f.Judged)
            .Add("Promises.Register.FirstTarget", f.FirstTarget is { } first ? l["Outcome." + first].Value : null)
            .Add("Promises.Outcome.Cause", f.Cause is { } cause ? l["BreachCause." + cause].Value : null)
            .Flag("Promises.Register.Open", f.Open)
            .Add("Promise.Light", f.Light is { } light ? l["TrafficLight." + light].Value : null)
            .Flag("Promises.Register.Submitted", f.Submitted)
            .Flag("Promises.Register.Changed", f.Changed)
            .Flag("Promises.Register.Revised", f.Revised)
            .Flag("Promises.Register.Ungated", f.Ungated)
            .Flag("Promises.Register.FirstPass", f.FirstPass)
            .Flag("Promises.Register.HandoverAccepted", f.HandoverAccepted)
            .Flag("Promises.Register.OverdueConditions", f.OverdueConditions)
            .Words;
    }

    /// <summary>The register's orders, each by a column of the promise and the id, read page by page through an index.</summary>
    public static KeysetOrder<PromiseListItem> Order(string? sort) => sort switch
    {
        "number" => By(p => p.Number),
        "-number" => By(p => p.Number, descending: true),
        "title" => By(p => p.Title),
        "-title" => By(p => p.Title, descending: true),
        "status" => By(p => p.Status),
        "-status" => By(p => p.Status, descending: true),
        "due" => By(p => p.DueDate),
        "-due" => By(p => p.DueDate, descending: true),
        _ => KeysetOrder.ById((PromiseListItem p) => p.Id),
    };

    private static KeysetOrder<PromiseListItem> By<TKey>(Expression<Func<PromiseListItem, TKey>> key, bool descending = false) =>
        KeysetOrder.By(key, p => p.Id, descending);
}
