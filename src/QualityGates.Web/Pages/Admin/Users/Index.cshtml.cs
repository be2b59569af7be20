using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using QualityGates.Web.Data;
using QualityGates.Web.Localization;
using QualityGates.Web.Pages.Shared;

namespace QualityGates.Web.Pages.Admin.Users;

public sealed class IndexModel(QualityGatesDbContext db, TimeProvider time) : PageModel
{
    public const int SearchMaxLength = 100;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Role { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? DepartmentId { get; set; }

    [BindProperty(SupportsGet = true, Name = "pageNumber")]
    public int PageNumber { get; set; } = 1;

    public PagedList<UserRow> Users { get; private set; } = null!;

    public IReadOnlyList<SelectListItem> Departments { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync()
    {
        ModelState.Clear();
        var query = UserRow.Query(db);
        if (!string.IsNullOrWhiteSpace(Search))
        {
            var term = Search.Trim();
            term = term[..Math.Min(term.Length, SearchMaxLength)].ToLower();
            query = query.Where(u => u.DisplayName.ToLower().Contains(term) || u.Email.ToLower().Contains(term));
        }

        if (!string.IsNullOrWhiteSpace(Role))
        {
            query = query.Where(u => u.Role == Role);
        }

        if (DepartmentId is { } departmentId)
        {
            query = query.Where(u => u.DepartmentId == departmentId);
        }

        Users = await query.OrderBy(u => u.DisplayName).ThenBy(u => u.Id).ToPagedListAsync(PageNumber);
        Departments = await Lookups.DepartmentsAsync(db);
        Now = time.GetUtcNow();
    }
}

public sealed class UserRow
{
    public string Id { get; init; } = "";

    public string Email { get; init; } = "";

    public string DisplayName { get; init; } = "";

    public int DepartmentId { get; init; }

    public string DepartmentName { get; init; } = "";

    public string? Role { get; init; }

    public DateTimeOffset? LockoutEnd { get; init; }

    public bool IsLockedAt(DateTimeOffset now) => LockoutEnd is { } end && end > now;

    public static IQueryable<UserRow> Query(QualityGatesDbContext db) =>
        from u in db.Users
        join d in db.Departments on u.DepartmentId equals d.Id
        select new UserRow
        {
            Id = u.Id,
            Email = u.Email ?? "",
            DisplayName = u.DisplayName,
            DepartmentId = u.DepartmentId,
            DepartmentName = d.Name.In(Cultures.Current),
            Role = (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id select r.Name).FirstOrDefault(),
            LockoutEnd = u.LockoutEnd,
        };
}
