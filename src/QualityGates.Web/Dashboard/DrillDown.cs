using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using QualityGates.Web.Pages.Dashboard;

namespace QualityGates.Web.Dashboard;

/// <summary>
/// Where a list was opened from on the dashboard: one of the fixed figures and the dashboard's own filter, read
/// from the query string (<c>figure</c>, <c>dashboard.from</c>, …). The list names the figure and leads back to the
/// dashboard as it was. Nothing of the query string is shown or linked as it came: the figure must be one of
/// <see cref="Figures"/>, the filter values are read as dates and numbers and written anew.
/// </summary>
public sealed record DrillDown(string Figure, DashboardInput Dashboard)
{
    public const string FigureParameter = "figure";

    /// <summary>The dashboard's filter travels under this prefix, apart from the list's own filters of the same names.</summary>
    public const string Prefix = "dashboard.";

    /// <summary>
    /// The figures that open a list, and for those that open a part of what they count (the failures of a rate),
    /// that part: its caption says "n of m" (resource <c>Drill.Part.{figure}</c>).
    /// </summary>
    public static IReadOnlyDictionary<string, bool> Figures { get; } = new Dictionary<string, bool>
    {
        ["kept-rate"] = false,
        ["broken-at"] = false,
        ["chain-handovers"] = false,
        ["kept-rate-first"] = true,
        ["moving-target-effect"] = false,
        ["ungated"] = true,
        ["first-pass"] = true,
        ["median-days"] = false,
        ["overdue-conditions"] = false,
        ["due-soon"] = false,
        ["kept-by-month"] = false,
        ["kept-by-promising"] = false,
        ["kept-by-delivering"] = false,
        ["kept-by-category"] = false,
        ["kept-by-customer"] = false,
        ["changes-per-promise"] = false,
        ["share-changed"] = true,
        ["mean-slip"] = true,
        ["decision-mix"] = false,
        ["handovers"] = false,
        ["breaches"] = false,
        ["traffic-lights"] = false,
        ["kvp-overdue"] = true,
        ["kvp-cycle-time"] = false,
        ["loop-closure"] = false,
        ["kvp-by-month"] = false,
    };

    /// <summary>Whether the list is a part of what the figure counts (the caption then says "n of m").</summary>
    public bool IsPart => Figures[Figure];

    public string TitleKey => "Drill.Figure." + Figure;

    public string PartKey => "Drill.Part." + Figure;

    /// <summary>The drill-down the query names, or null (no figure, or one the dashboard does not have).</summary>
    public static DrillDown? From(IQueryCollection query)
    {
        var figure = query[FigureParameter].ToString();
        if (!Figures.ContainsKey(figure))
        {
            return null;
        }

        return new DrillDown(figure, new DashboardInput
        {
            From = Date(query[Prefix + "from"]),
            To = Date(query[Prefix + "to"]),
            PromisingDepartmentId = Id(query[Prefix + "promisingDepartmentId"]),
            DeliveringDepartmentId = Id(query[Prefix + "deliveringDepartmentId"]),
            CategoryId = Id(query[Prefix + "categoryId"]),
            CustomerId = Id(query[Prefix + "customerId"]),
        });
    }

    /// <summary>The query-string values that name the figure and carry the dashboard's filter to the list.</summary>
    public static Dictionary<string, string> RouteValues(string figure, DashboardFilter filter)
    {
        if (!Figures.ContainsKey(figure))
        {
            throw new ArgumentOutOfRangeException(nameof(figure), figure, "The dashboard has no such figure.");
        }

        var values = DashboardInput.RouteValuesOf(filter).ToDictionary(v => Prefix + v.Key, v => v.Value);
        values[FigureParameter] = figure;
        return values;
    }

    /// <summary>The dashboard with its own filter, as it was when the list was opened.</summary>
    public string BackLink(IUrlHelper url) => url.Page("/Dashboard/Index", Dashboard.ToRouteValues()) ?? "/Dashboard";

    private static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static int? Id(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
}

/// <summary>What a list reached from the dashboard says about it: the figure, the part of it (n of m) and the list's filter in words.</summary>
public sealed record DrillCaption(DrillDown Drill, string BackLink, long Count, long? Whole, IReadOnlyList<string> Words);
