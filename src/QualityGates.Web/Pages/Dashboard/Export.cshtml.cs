using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using QualityGates.Web.Authorization;
using QualityGates.Web.Dashboard;
using QualityGates.Web.Exports;

namespace QualityGates.Web.Pages.Dashboard;

/// <summary>
/// One dashboard table as CSV or Excel, with the dashboard's filters and the user's scope (a service manager:
/// their department's figures). Sales reps may not export (403).
/// </summary>
[Authorize(Policy = Policies.Export)]
public sealed class ExportModel(DashboardQueries queries, IStringLocalizer<SharedResource> l) : PageModel
{
    public static IReadOnlyList<string> Tables { get; } =
    [
        "kept-by-month", "kept-by-promising", "kept-by-delivering", "kept-by-category", "kept-by-customer",
        "moving-target", "decision-mix", "handovers", "breaches", "traffic-lights", "kvp-by-month",
    ];

    [BindProperty(SupportsGet = true)]
    public DashboardInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string? table, string? format, CancellationToken ct)
    {
        if (!ExportFormats.IsKnown(format) || table is null || !Tables.Contains(table))
        {
            return NotFound();
        }

        ModelState.Clear();
        var filter = Input.ToFilter(queries.Today, DepartmentScope.For(User));
        var (columns, rows) = await TableAsync(table, filter, ct);
        var export = new ExportTable(l["Dashboard.Title"], columns, rows.ToAsyncEnumerable());
        return new ExportResult(export, format!, $"dashboard-{table}-{filter.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}-{filter.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
    }

    // Each table is a grouped query's small result: a handful of rows per department, category or month.
    private async Task<(List<ExportColumn> Columns, IEnumerable<object?[]> Rows)> TableAsync(string table, DashboardFilter filter, CancellationToken ct)
    {
        ExportColumn Text(string key) => new(l[key], ExportKind.Text);
        ExportColumn Number(string key) => new(l[key], ExportKind.Number);
        ExportColumn Percent(string key) => new(l[key], ExportKind.Percent);
        List<ExportColumn> RateColumns(string key) =>
            [Text(key), Number("Outcome.Kept"), Number("Outcome.Broken"), Percent("Dashboard.KeptRate.Last"), Percent("Dashboard.KeptRate.First")];
        IEnumerable<object?[]> RateRows(IReadOnlyList<KeptRateRow> rows) =>
            rows.Select(r => new object?[] { r.Id is null ? l["Common.AllCustomers"].Value : r.Name, r.Counts.Kept, r.Counts.Broken, r.Counts.Rate, r.Counts.RateAgainstFirst });

        switch (table)
        {
            case "kept-by-month":
                return ([new(l["Dashboard.Month"], ExportKind.Date), Number("Outcome.Kept"), Number("Outcome.Broken"), Percent("Dashboard.KeptRate.Last"), Percent("Dashboard.KeptRate.First")],
                    (await queries.KeptRateByMonthAsync(filter, ct)).Select(m => new object?[] { m.FirstDay, m.Counts.Kept, m.Counts.Broken, m.Counts.Rate, m.Counts.RateAgainstFirst }));
            case "kept-by-promising":
                return (RateColumns("Promise.PromisingDepartment"), RateRows(await queries.KeptRateByPromisingDepartmentAsync(filter, ct)));
            case "kept-by-delivering":
                return (RateColumns("Promise.DeliveringDepartment"), RateRows(await queries.KeptRateByDeliveringDepartmentAsync(filter, ct)));
            case "kept-by-category":
                return (RateColumns("Promise.Category"), RateRows(await queries.KeptRateByCategoryAsync(filter, ct)));
            case "kept-by-customer":
                return (RateColumns("Promise.Customer"), RateRows(await queries.KeptRateByCustomerAsync(filter, ct)));
            case "moving-target":
                var moving = await queries.MovingTargetIndexAsync(filter, ct);
                return ([Text("Dashboard.MovingTarget"), new(l["Export.Value"], ExportKind.Number)],
                [
                    [l["Dashboard.ChangesPerPromise"].Value, moving.ChangesPerPromise],
                    [l["Dashboard.ShareChanged"].Value, moving.ShareChangedAfterApproval],
                    [l["Dashboard.MeanSlip"].Value, moving.MeanSlipDays],
                ]);
            case "decision-mix":
                return ([Text("Reviews.DecidingDepartment"), Number("Decision.Go"), Number("Dashboard.GoByEnvelope"), Number("Decision.ConditionalGo"), Number("Decision.Recycle"), Number("Decision.NoGo")],
                    (await queries.DecisionMixByDepartmentAsync(filter, ct)).Select(d => new object?[] { d.DepartmentName, d.Go, d.GoByEnvelope, d.ConditionalGo, d.Recycle, d.NoGo }));
            case "handovers":
                return ([Text("Promise.PromisingDepartment"), Text("Promise.DeliveringDepartment"), Number("Dashboard.Handover.Accepted"), Number("Dashboard.Handover.Returned"), Percent("Dashboard.Handover.Rate")],
                    (await queries.HandoverByDepartmentPairAsync(filter, ct)).Select(h => new object?[] { h.PromisingDepartmentName, h.DeliveringDepartmentName, h.AcceptedFirstTime, h.Returned, h.Rate }));
            case "breaches":
                return ([Text("Promise.DeliveringDepartment"), Text("Promises.Outcome.Cause"), Number("Export.Count")],
                    (await queries.BreachCausesByDepartmentAsync(filter, ct)).Select(b => new object?[] { b.DeliveringDepartmentName, l["BreachCause." + b.Cause].Value, b.Count }));
            case "traffic-lights":
                return ([Text("Promise.DeliveringDepartment"), Number("TrafficLight.Green"), Number("TrafficLight.Yellow"), Number("TrafficLight.Red")],
                    (await queries.TrafficLightsByDepartmentAsync(filter, ct)).Select(t => new object?[] { t.DeliveringDepartmentName, t.Green, t.Yellow, t.Red }));
            default:
                return ([new(l["Dashboard.Month"], ExportKind.Date), Number("Dashboard.Kvp.Opened"), Number("Dashboard.Kvp.Closed")],
                    (await queries.KvpOpenedClosedByMonthAsync(filter, ct)).Select(m => new object?[] { m.FirstDay, m.Opened, m.Closed }));
        }
    }
}
