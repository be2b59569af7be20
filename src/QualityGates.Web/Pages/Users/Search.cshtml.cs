using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;
using QualityGates.Web.Localization;
using QualityGates.Web.Pages.Actions;
using QualityGates.Web.Pages.Shared;

namespace QualityGates.Web.Pages.Users;

/// <summary>
/// The people whose display name contains what was typed, with their department, as JSON for the owner
/// type-aheads; names that start with it first, at most <see cref="TypeAheadSearch.MaxResults"/>. The asking page
/// narrows the choice: to those who may own an improvement action, to departments (a review's condition owners),
/// and to people an administrator has not locked where a new owner is chosen (a filter still finds a locked owner).
/// </summary>
public sealed class SearchModel(QualityGatesDbContext db) : PageModel
{
    public async Task<IActionResult> OnGetAsync(
        string? q,
        [FromQuery(Name = "departmentId")] int[] departmentIds,
        bool actionOwners,
        bool active,
        CancellationToken ct)
    {
        var term = TypeAheadSearch.Term(q);
        var users = actionOwners ? ActionOwners.OwnersQuery(db) : db.Users;
        if (term.Length > 0)
        {
            users = users.Where(u => u.DisplayName.ToLower().Contains(term));
        }

        if (departmentIds.Length > 0)
        {
            users = users.Where(u => departmentIds.Contains(u.DepartmentId));
        }

        if (active)
        {
            users = users.NotLockedByAnAdministrator();
        }

        var matches = await users
            .OrderBy(u => u.DisplayName.ToLower().StartsWith(term) ? 0 : 1).ThenBy(u => u.DisplayName).ThenBy(u => u.Id)
            .Take(TypeAheadSearch.MaxResults)
            .Select(u => new Match(u.Id, u.DisplayName, u.Department!.Name.In(Cultures.Current)))
            .ToListAsync(ct);
        return new JsonResult(matches);
    }

    public sealed record Match(string Id, string Name, string Department);
}
