using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QualityGates.Web.Authorization;
using QualityGates.Web.Dashboard;
using QualityGates.Web.Data;
using QualityGates.Web.Exports;
using QualityGates.Web.Localization;

namespace QualityGates.Web.Pages.Promises;

/// <summary>
/// The register with its current filters and sort as CSV or Excel, streamed row by row from the query. Sales
/// reps may not export (403); a service manager exports their own department's promises only.
/// </summary>
[Authorize(Policy = Policies.Export)]
public sealed class ExportModel(QualityGatesDbContext db, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    public IActionResult OnGet([FromQuery] PromiseFilter filter, string? format, string? sort)
    {
        if (!ExportFormats.IsKnown(format))
        {
            return NotFound();
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var promises = filter.Apply(db, DepartmentScope.For(User).Apply(db.Promises.AsNoTracking()), today);
        var rows = IndexModel.Order(sort).Sort(PromiseListItem.Project(db, promises));
        var table = new ExportTable(l["Promises.Register.Title"], Columns(), RowsAsync(rows, today));
        return new ExportResult(table, format!, $"promises-{today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
    }

    private List<ExportColumn> Columns() =>
    [
        new(l["Promise.Number"], ExportKind.Text),
        new(l["Promise.Title"], ExportKind.Text),
        new(l["Promise.Customer"], ExportKind.Text),
        new(l["Promise.Category"], ExportKind.Text),
        new(l["Promise.PromisingDepartment"], ExportKind.Text),
        new(l["Promise.DeliveringDepartment"], ExportKind.Text),
        new(l["Promise.Owner"], ExportKind.Text),
        new(l["Promise.Status"], ExportKind.Text),
        new(l["Promise.Light"], ExportKind.Text),
        new(l["Promise.Due"], ExportKind.Date),
        new(l["Export.CommittedOn"], ExportKind.Date),
        new(l["Promises.Outcome.Cause"], ExportKind.Text),
        new(l["AuditField.Revision"], ExportKind.Number),
    ];

    private async IAsyncEnumerable<object?[]> RowsAsync(IQueryable<PromiseListItem> rows, DateOnly today, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var p in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            var light = p.Light(today);
            yield return
            [
                p.Number, p.Title, p.CustomerName ?? l["Common.AllCustomers"], p.CategoryName, p.PromisingDepartmentName,
                p.DeliveringDepartmentName, p.OwnerName, l.Status(p.Status), light is { } t ? l["TrafficLight." + t].Value : null,
                p.DueDate, p.CommittedOn, p.BreachCause is { } cause ? l["BreachCause." + cause].Value : null, p.Revision,
            ];
        }
    }
}
