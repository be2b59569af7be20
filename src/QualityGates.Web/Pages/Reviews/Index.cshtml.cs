using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using QualityGates.Domain.Departments;
using QualityGates.Domain.Gates;
using QualityGates.Web.Data;
using QualityGates.Web.Pages.Shared;

namespace QualityGates.Web.Pages.Reviews;

/// <summary>Gate reviews, by default those still waiting for a decision; everyone may read them.</summary>
public sealed class IndexModel(QualityGatesDbContext db) : PageModel
{
    /// <summary>"waiting" (open or on hold, the default), "decided" or "all".</summary>
    [BindProperty(SupportsGet = true)]
    public string? Show { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? DepartmentId { get; set; }

    [BindProperty(SupportsGet = true, Name = "pageNumber")]
    public int PageNumber { get; set; } = 1;

    public PagedList<ReviewListItem> Reviews { get; private set; } = null!;

    public IReadOnlyList<SelectListItem> Departments { get; private set; } = [];

    public async Task OnGetAsync()
    {
        ModelState.Clear();
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

        Reviews = await query.OrderBy(r => r.State == GateReviewState.Decided).ThenBy(r => r.OpenedAtUtc).ThenBy(r => r.Id)
            .ToPagedListAsync(PageNumber);
        Departments = await Lookups.DepartmentsAsync(db, DepartmentKind.Delivering);
    }
}
