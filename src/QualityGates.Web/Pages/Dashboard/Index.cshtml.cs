using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using QualityGates.Domain.Departments;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;
using QualityGates.Web.Authorization;
using QualityGates.Web.Dashboard;
using QualityGates.Web.Data;
using QualityGates.Web.Pages.Promises;
using QualityGates.Web.Pages.Shared;

namespace QualityGates.Web.Pages.Dashboard;

/// <summary>
/// The dashboard: every figure of PRODUCT.md, computed in the database by <see cref="DashboardQueries"/> within
/// the user's department scope, each with a table and a link to the list behind it.
/// </summary>
public sealed class IndexModel(
    QualityGatesDbContext db, DashboardQueries queries, IAuthorizationService authorization, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DashboardInput Input { get; set; } = new();

    public DashboardFilter Filter { get; private set; } = null!;

    /// <summary>Whether a period or filter other than the defaults was chosen.</summary>
    public bool IsFiltered => Input.ToRouteValues().Count > 0;

    public DashboardFigures Figures { get; private set; } = null!;

    public bool CanExport { get; private set; }

    public DepartmentScope Scope { get; private set; } = DepartmentScope.Everything;

    public IReadOnlyList<SelectListItem> Categories { get; private set; } = [];

    public IReadOnlyList<SelectListItem> PromisingDepartments { get; private set; } = [];

    public IReadOnlyList<SelectListItem> DeliveringDepartments { get; private set; } = [];

    /// <summary>The department a restricted dashboard shows, by its name in the reader's language.</summary>
    public string ScopeDepartmentName =>
        (Scope.PromisingDepartmentId is not null ? PromisingDepartments : DeliveringDepartments)
        .FirstOrDefault(d => d.Value == (Scope.PromisingDepartmentId ?? Scope.DeliveringDepartmentId)?.ToString(CultureInfo.InvariantCulture))?.Text ?? "";

    public IReadOnlyList<SelectListItem> ChosenCustomer { get; private set; } = [];

    public DateOnly Today => queries.Today;

    /// <summary>What dashboard.js draws; the same numbers are in the tables next to each chart.</summary>
    public IReadOnlyList<ChartSpec> Charts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        // Malformed values (e.g. ?from=yesterday) fall back to the defaults rather than failing the page.
        ModelState.Clear();
        Scope = DepartmentScope.For(User);
        Filter = Input.ToFilter(Today, Scope);
        Figures = await DashboardFigures.LoadAsync(queries, Filter, ct);

        Categories = await Lookups.CategoriesAsync(db, activeOnly: false);
        PromisingDepartments = await Lookups.DepartmentsAsync(db, DepartmentKind.Promising);
        DeliveringDepartments = await Lookups.DepartmentsAsync(db, DepartmentKind.Delivering);
        ChosenCustomer = await Lookups.ChosenCustomerAsync(db, Filter.CustomerId);
        CanExport = (await authorization.AuthorizeAsync(User, Policies.Export)).Succeeded;
        Charts = BuildCharts();
    }

    private List<ChartSpec> BuildCharts()
    {
        var f = Figures;
        string last = l["Dashboard.KeptRate.Last"], first = l["Dashboard.KeptRate.First"];
        ChartSpec Rates(string id, IReadOnlyList<KeptRateRow> rows) => new(id, "bar", false, true,
            rows.Select(r => r.Id is null && id == "kept-by-customer" ? l["Common.AllCustomers"].Value : r.Name).ToList(),
            [new(last, rows.Select(r => Percent(r.Counts.Rate)).ToList(), "#0d6efd"),
             new(first, rows.Select(r => Percent(r.Counts.RateAgainstFirst)).ToList(), "#6c757d")]);
        return
        [
            new("kept-by-month", "line", false, true, f.ByMonth.Select(m => m.FirstDay.ToString("MMM yyyy", CultureInfo.CurrentCulture)).ToList(),
                [new(last, f.ByMonth.Select(m => Percent(m.Counts.Rate)).ToList(), "#0d6efd"),
                 new(first, f.ByMonth.Select(m => Percent(m.Counts.RateAgainstFirst)).ToList(), "#6c757d")]),
            Rates("kept-by-promising", f.ByPromisingDepartment),
            Rates("kept-by-delivering", f.ByDeliveringDepartment),
            Rates("kept-by-category", f.ByCategory),
            Rates("kept-by-customer", f.ByCustomer),
            new("decision-mix", "bar", true, false, f.DecisionMix.Select(d => d.DepartmentName).ToList(),
                [new(l["Decision.Go"], f.DecisionMix.Select(d => (double?)d.Go).ToList(), "#198754"),
                 new(l["Dashboard.GoByEnvelope"], f.DecisionMix.Select(d => (double?)d.GoByEnvelope).ToList(), "#20c997"),
                 new(l["Decision.ConditionalGo"], f.DecisionMix.Select(d => (double?)d.ConditionalGo).ToList(), "#ffc107"),
                 new(l["Decision.Recycle"], f.DecisionMix.Select(d => (double?)d.Recycle).ToList(), "#fd7e14"),
                 new(l["Decision.NoGo"], f.DecisionMix.Select(d => (double?)d.NoGo).ToList(), "#dc3545")]),
            new("handovers", "bar", false, true, f.Handovers.Select(h => $"{h.PromisingDepartmentName} → {h.DeliveringDepartmentName}").ToList(),
                [new(l["Dashboard.Handover.Rate"], f.Handovers.Select(h => Percent(h.Rate)).ToList(), "#0d6efd")]),
            new("breaches", "bar", true, false, f.BreachDepartments.ToList(),
                Enum.GetValues<BreachCause>().Select((cause, i) => new ChartSeries(l["BreachCause." + cause],
                    f.BreachDepartments.Select(d => (double?)f.Breach(d, cause)).ToList(), BreachColors[i])).ToList()),
            new("traffic-lights", "bar", true, false, f.TrafficLights.Select(t => t.DeliveringDepartmentName).ToList(),
                [new(l["TrafficLight.Green"], f.TrafficLights.Select(t => (double?)t.Green).ToList(), "#198754"),
                 new(l["TrafficLight.Yellow"], f.TrafficLights.Select(t => (double?)t.Yellow).ToList(), "#ffc107"),
                 new(l["TrafficLight.Red"], f.TrafficLights.Select(t => (double?)t.Red).ToList(), "#dc3545")]),
            new("kvp-by-month", "bar", false, false, f.KvpByMonth.Select(m => m.FirstDay.ToString("MMM yyyy", CultureInfo.CurrentCulture)).ToList(),
                [new(l["Dashboard.Kvp.Opened"], f.KvpByMonth.Select(m => (double?)m.Opened).ToList(), "#fd7e14"),
                 new(l["Dashboard.Kvp.Closed"], f.KvpByMonth.Select(m => (double?)m.Closed).ToList(), "#198754")]),
        ];
    }

    private static readonly string[] BreachColors = ["#6f42c1", "#fd7e14", "#0dcaf0", "#dc3545"];

    private static double? Percent(double? share) => share is { } s ? Math.Round(s * 100, 1) : null;

    /// <summary>
    /// The register with the dashboard's filters (the scope's department included) and the figure's own; the
    /// figure and the dashboard's filter travel along, so the register names the figure and leads back.
    /// </summary>
    public string Register(string figure, Action<PromiseFilter>? narrow = null, bool period = true)
    {
        var filter = new PromiseFilter
        {
            CategoryId = Filter.CategoryId,
            CustomerId = Filter.CustomerId,
            PromisingDepartmentId = Filter.PromisingDepartmentId ?? Scope.PromisingDepartmentId,
            DeliveringDepartmentId = Filter.DeliveringDepartmentId ?? Scope.DeliveringDepartmentId,
            DueFrom = period ? Filter.From : null,
            DueTo = period ? Filter.To : null,
        };
        narrow?.Invoke(filter);
        return Url.Page("/Promises/Index", With(figure, filter.ToRouteValues()))!;
    }

    /// <summary>
    /// The feasibility reviews decided in the period behind a gate figure, narrowed as the figure narrows them:
    /// by the departments and category the review judged (kept on the review) and the promise's customer.
    /// </summary>
    public string Reviews(
        string figure, int? decidingDepartmentId = null, GateDecision? decision = null, bool? byEnvelope = null,
        GateStage stage = GateStage.Feasibility, int? handingOverDepartmentId = null)
    {
        var values = new Dictionary<string, string>
        {
            ["show"] = "decided",
            ["stage"] = stage.ToString(),
            ["decidedFrom"] = Iso(Filter.From),
            ["decidedTo"] = Iso(Filter.To),
        };
        void Add(string name, object? value)
        {
            if (value is not null)
            {
                values[name] = Convert.ToString(value, CultureInfo.InvariantCulture)!;
            }
        }

        Add("departmentId", decidingDepartmentId);
        Add("handingOverDepartmentId", handingOverDepartmentId);
        Add("decision", decision);
        Add("byEnvelope", byEnvelope is { } e ? (e ? "true" : "false") : null);
        Add("promisingDepartmentId", Filter.PromisingDepartmentId ?? Scope.PromisingDepartmentId);
        Add("deliveringDepartmentId", Filter.DeliveringDepartmentId ?? Scope.DeliveringDepartmentId);
        Add("categoryId", Filter.CategoryId);
        Add("customerId", Filter.CustomerId);
        return Url.Page("/Reviews/Index", With(figure, values))!;
    }

    /// <summary>
    /// The departments whose improvement actions the KVP figures count (<see cref="DashboardQueries.ActionDepartments"/>):
    /// with two different ones in view, no action is responsible to both and the figures count none.
    /// </summary>
    public IReadOnlyList<int> ActionDepartments => DashboardQueries.ActionDepartments(Filter);

    /// <summary>
    /// The improvement actions behind a KVP figure: of the department in view, and opened or done in the days
    /// the figure counts (UTC, as the figures count them), or open and past due today.
    /// </summary>
    public string Actions(string figure, bool overdue = false, (DateOnly From, DateOnly To)? opened = null, (DateOnly From, DateOnly To)? done = null)
    {
        var values = new Dictionary<string, string>();
        if (ActionDepartments is [var department])
        {
            values["departmentId"] = department.ToString(CultureInfo.InvariantCulture);
        }

        if (overdue)
        {
            values["overdue"] = "true";
        }

        if (opened is var (openedFrom, openedTo))
        {
            values["openedFrom"] = Iso(openedFrom);
            values["openedTo"] = Iso(openedTo);
        }

        if (done is var (doneFrom, doneTo))
        {
            values["doneFrom"] = Iso(doneFrom);
            values["doneTo"] = Iso(doneTo);
        }

        return Url.Page("/Actions/Index", With(figure, values))!;
    }

    /// <summary>The months of the period as the KVP figures count them: the first and last day of each, within the period.</summary>
    public (DateOnly From, DateOnly To) Month(DateOnly firstDay)
    {
        var last = firstDay.AddMonths(1).AddDays(-1);
        return (firstDay < Filter.From ? Filter.From : firstDay, last > Filter.To ? Filter.To : last);
    }

    /// <summary>The broken-promise feedback filed in the period behind the loop-closure figure, on promises in view.</summary>
    public string BrokenPromiseFeedback()
    {
        var values = new Dictionary<string, string>
        {
            ["type"] = "BrokenPromise",
            ["filedFrom"] = Iso(Filter.From),
            ["filedTo"] = Iso(Filter.To),
        };
        void Add(string name, int? id)
        {
            if (id is { } value)
            {
                values[name] = value.ToString(CultureInfo.InvariantCulture);
            }
        }

        Add("promisingDepartmentId", Filter.PromisingDepartmentId ?? Scope.PromisingDepartmentId);
        Add("deliveringDepartmentId", Filter.DeliveringDepartmentId ?? Scope.DeliveringDepartmentId);
        Add("categoryId", Filter.CategoryId);
        Add("promiseCustomerId", Filter.CustomerId);
        return Url.Page("/Feedback/Index", With("loop-closure", values))!;
    }

    private Dictionary<string, string> With(string figure, Dictionary<string, string> values)
    {
        foreach (var (name, value) in DrillDown.RouteValues(figure, Filter))
        {
            values[name] = value;
        }

        return values;
    }

    /// <summary>The export of one table with the dashboard's filters.</summary>
    public string Export(string table, string format)
    {
        var values = DashboardInput.RouteValuesOf(Filter);
        values["table"] = table;
        values["format"] = format;
        return Url.Page("/Dashboard/Export", values)!;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>One chart for dashboard.js: its canvas id, Chart.js type, whether bars stack and values are percentages.</summary>
public sealed record ChartSpec(string Id, string Type, bool Stacked, bool Percent, IReadOnlyList<string> Labels, IReadOnlyList<ChartSeries> Series);

public sealed record ChartSeries(string Label, IReadOnlyList<double?> Data, string Color);

/// <summary>The dashboard's filters as the query string carries them.</summary>
public sealed class DashboardInput
{
    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }

    public int? PromisingDepartmentId { get; set; }

    public int? DeliveringDepartmentId { get; set; }

    public int? CategoryId { get; set; }

    public int? CustomerId { get; set; }

    /// <summary>
    /// Whole months (the summaries count by month, ADR 0021), by default this month and the eleven before it;
    /// a reversed period is put the right way round.
    /// </summary>
    public DashboardFilter ToFilter(DateOnly today, DepartmentScope scope)
    {
        var defaults = DashboardFilter.LastTwelveMonths(today, scope);
        var from = From ?? defaults.From;
        var to = To ?? defaults.To;
        if (to < from)
        {
            (from, to) = (to, from);
        }

        return DashboardFilter.WholeMonths(from, to) with
        {
            PromisingDepartmentId = PromisingDepartmentId,
            DeliveringDepartmentId = DeliveringDepartmentId,
            CategoryId = CategoryId,
            CustomerId = CustomerId,
            Scope = scope,
        };
    }

    /// <summary>A dashboard filter as the query string carries it: the whole period, and the filters set.</summary>
    public static Dictionary<string, string> RouteValuesOf(DashboardFilter filter) =>
        new DashboardInput
        {
            From = filter.From,
            To = filter.To,
            PromisingDepartmentId = filter.PromisingDepartmentId,
            DeliveringDepartmentId = filter.DeliveringDepartmentId,
            CategoryId = filter.CategoryId,
            CustomerId = filter.CustomerId,
        }.ToRouteValues();

    /// <summary>The values set, as query-string values (the dashboard fills in the defaults for the others).</summary>
    public Dictionary<string, string> ToRouteValues()
    {
        var values = new Dictionary<string, string>();
        void Add(string name, object? value)
        {
            if (value is not null)
            {
                values[name] = Convert.ToString(value is DateOnly date ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : value, CultureInfo.InvariantCulture)!;
            }
        }

        Add("from", From);
        Add("to", To);
        Add("promisingDepartmentId", PromisingDepartmentId);
        Add("deliveringDepartmentId", DeliveringDepartmentId);
        Add("categoryId", CategoryId);
        Add("customerId", CustomerId);
        return values;
    }
}
