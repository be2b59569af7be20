using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using QualityGates.Web.Authorization;
using QualityGates.Web.Dashboard;
using QualityGates.Web.Data;

namespace QualityGates.Web.Pages.Shared;

/// <summary>
/// A department's page of one ISO week (the gate meeting, the digest): the department from the query, by default the
/// user's own, within the dashboard's department scope; the week from the query, by default the current one.
/// </summary>
public abstract class DepartmentWeekPageModel : PageModel
{
    /// <summary>Rows per section: a page to read in a meeting, not an export; the rest is in the lists behind the links.</summary>
    public const int Limit = 100;

    [BindProperty(SupportsGet = true)]
    public int? Department { get; set; }

    /// <summary>The ISO week, e.g. "2026-W49"; the current week when absent or malformed.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Week { get; set; }

    public IsoWeek Shown { get; private set; }

    public int DepartmentId { get; private set; }

    public string DepartmentName { get; private set; } = "";

    public IReadOnlyList<SelectListItem> Departments { get; private set; } = [];

    /// <summary>Chooses the department and week; a Forbid or NotFound result when the department is not the user's to see.</summary>
    protected async Task<IActionResult?> ChooseAsync(QualityGatesDbContext db, DateOnly today)
    {
        ModelState.Clear();
        var scope = DepartmentScope.For(User);
        DepartmentId = Department ?? User.DepartmentId();
        if (!scope.Covers(DepartmentId))
        {
            return Forbid();
        }

        var all = await Lookups.DepartmentsAsync(db);
        var id = DepartmentId.ToString(CultureInfo.InvariantCulture);
        var chosen = all.FirstOrDefault(d => d.Value == id);
        if (chosen is null)
        {
            return NotFound();
        }

        DepartmentName = chosen.Text;
        Departments = (scope.IsRestricted ? [chosen] : all).Select(d => new SelectListItem(d.Text, d.Value, d.Value == id)).ToList();
        Shown = IsoWeek.TryParse(Week, out var week) ? week : IsoWeek.Of(today);
        return null;
    }
}

/// <summary>One section of a week's page: its first rows and how many there are in all.</summary>
public sealed record WeekSection<T>(IReadOnlyList<T> Rows, int Count)
{
    public int More => Count - Rows.Count;
}

/// <summary>What the department choice and week links show: the page, and what its department choice is called.</summary>
public sealed record DepartmentWeekChoice(DepartmentWeekPageModel Page, string Label);
