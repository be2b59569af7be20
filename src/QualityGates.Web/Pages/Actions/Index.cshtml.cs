using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using QualityGates.Domain.Improvement;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;
using QualityGates.Web.Pages.Shared;

namespace QualityGates.Web.Pages.Actions;

/// <summary>Every signed-in user reads the improvement actions; filters, search, sorting and paging run in the database.</summary>
public sealed class IndexModel(QualityGatesDbContext db, IAuthorizationService authorization, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public PdcaPhase? Phase { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? DepartmentId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? OwnerId { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Overdue { get; set; }

    /// <summary>Only actions not yet done.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Open { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true, Name = "pageNumber")]
    public int PageNumber { get; set; } = 1;

    public PagedList<ActionListItem> Actions { get; private set; } = null!;

    public bool CanCreate { get; private set; }

    public IReadOnlyList<SelectListItem> Departments { get; private set; } = [];

    public IReadOnlyList<SelectListItem> ChosenOwner { get; private set; } = [];

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public bool IsFiltered => Phase is not null || DepartmentId is not null || !string.IsNullOrEmpty(OwnerId) || Overdue || Open
        || !string.IsNullOrWhiteSpace(Search);

    public async Task OnGetAsync()
    {
        ModelState.Clear();
        Actions = await Sorted(Filtered(ActionListItem.Query(db))).ToPagedListAsync(PageNumber);
        CanCreate = (await authorization.AuthorizeAsync(User, Policies.RunImprovement)).Succeeded;
        Departments = await Lookups.DepartmentsAsync(db);
        ChosenOwner = await Lookups.ChosenUserAsync(db, OwnerId);
    }

    private IQueryable<ActionListItem> Filtered(IQueryable<ActionListItem> query)
    {
        if (Phase is { } phase)
        {
            query = query.Where(a => a.Phase == phase);
        }

        if (DepartmentId is { } departmentId)
        {
            query = query.Where(a => a.ResponsibleDepartmentId == departmentId);
        }

        if (!string.IsNullOrEmpty(OwnerId))
        {
            query = query.Where(a => a.OwnerId == OwnerId);
        }

        if (Overdue)
        {
            var today = Today;
            query = query.Where(a => a.Phase != PdcaPhase.Done && a.DueDate < today);
        }

        if (Open)
        {
            query = query.Where(a => a.Phase != PdcaPhase.Done);
        }

        if (!string.IsNullOrWhiteSpace(Search))
        {
            var term = Search.Trim().ToLower();
            query = query.Where(a => a.Title.ToLower().Contains(term));
        }

        return query;
    }

    private IQueryable<ActionListItem> Sorted(IQueryable<ActionListItem> query) => Sort switch
    {
        "title" => query.OrderBy(a => a.Title).ThenBy(a => a.Id),
        "-title" => query.OrderByDescending(a => a.Title).ThenBy(a => a.Id),
        "phase" => query.OrderBy(a => a.Phase).ThenBy(a => a.DueDate).ThenBy(a => a.Id),
        "-phase" => query.OrderByDescending(a => a.Phase).ThenBy(a => a.DueDate).ThenBy(a => a.Id),
        "owner" => query.OrderBy(a => a.OwnerName).ThenBy(a => a.Id),
        "-owner" => query.OrderByDescending(a => a.OwnerName).ThenBy(a => a.Id),
        "department" => query.OrderBy(a => a.DepartmentName).ThenBy(a => a.Id),
        "-department" => query.OrderByDescending(a => a.DepartmentName).ThenBy(a => a.Id),
        "-due" => query.OrderByDescending(a => a.DueDate).ThenBy(a => a.Id),
        "created" => query.OrderBy(a => a.CreatedAtUtc).ThenBy(a => a.Id),
        "-created" => query.OrderByDescending(a => a.CreatedAtUtc).ThenBy(a => a.Id),
        _ => query.OrderBy(a => a.DueDate).ThenBy(a => a.Id),
    };
}

/// <summary>Who may own an improvement action: AfterSales staff and service managers (ADR 0010).</summary>
public static class ActionOwners
{
    public static IQueryable<AppUser> OwnersQuery(QualityGatesDbContext db) =>
        from user in db.Users
        where (from userRole in db.UserRoles
               join role in db.Roles on userRole.RoleId equals role.Id
               where userRole.UserId == user.Id && (role.Name == Roles.AfterSales || role.Name == Roles.ServiceManager)
               select userRole).Any()
        select user;
}
