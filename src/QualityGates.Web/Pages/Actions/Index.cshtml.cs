using System.Linq.Expressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QualityGates.Domain.Improvement;
using QualityGates.Web.Authorization;
using QualityGates.Web.Dashboard;
using QualityGates.Web.Data;
using QualityGates.Web.Localization;
using QualityGates.Web.Pages.Shared;

namespace QualityGates.Web.Pages.Actions;

/// <summary>Every signed-in user reads the improvement actions; filters, search, sorting and paging run in the database.</summary>
public sealed class IndexModel(
    QualityGatesDbContext db, IAuthorizationService authorization, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
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

    // Set by the dashboard's drill-down links: the days (UTC, as the figures count them) an action was opened or done in.
    [BindProperty(SupportsGet = true)]
    public DateOnly? OpenedFrom { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? OpenedTo { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? DoneFrom { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? DoneTo { get; set; }

    public bool HasFigureFilters => OpenedFrom is not null || OpenedTo is not null || DoneFrom is not null || DoneTo is not null;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    /// <summary>The position after which the page starts (the next page), or before which it ends (the previous one).</summary>
    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Before { get; set; }

    public KeysetPage<ActionListItem> Actions { get; private set; } = null!;

    public bool CanCreate { get; private set; }

    public IReadOnlyList<SelectListItem> Departments { get; private set; } = [];

    public IReadOnlyList<SelectListItem> ChosenOwner { get; private set; } = [];

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public bool IsFiltered => Phase is not null || DepartmentId is not null || !string.IsNullOrEmpty(OwnerId) || Overdue || Open
        || !string.IsNullOrWhiteSpace(Search) || HasFigureFilters;

    /// <summary>The figure of the dashboard the list was opened from, if it was.</summary>
    public DrillCaption? Drill { get; private set; }

    public async Task OnGetAsync()
    {
        ModelState.Clear();
        var actions = Filtered(ActionListItem.Query(db));
        Actions = await Order(Sort).PageAsync(actions, After, Before, await ListCount.CappedAsync(actions));
        CanCreate = (await authorization.AuthorizeAsync(User, Policies.RunImprovement)).Succeeded;
        Departments = await Lookups.DepartmentsAsync(db);
        ChosenOwner = await Lookups.ChosenUserAsync(db, OwnerId);
        if (DrillDown.From(Request.Query) is { } drill)
        {
            // The overdue actions are a part of the open ones, which the figure's share is taken of.
            var whole = drill.Figure == "kvp-overdue" && Overdue
                ? await Filtered(ActionListItem.Query(db), overdue: false).LongCountAsync(a => a.Phase != PdcaPhase.Done)
                : (long?)null;
            Drill = new DrillCaption(drill, drill.BackLink(Url), Actions.Count.Value, whole, new FilterWords(l)
                .Add("Actions.Department", DepartmentId, Departments)
                .Add("Actions.Phase", Phase is { } phase ? l.Phase(phase) : null)
                .Add("Actions.Owner", ChosenOwner.Count > 0 ? ChosenOwner[0].Text : null)
                .Flag("Actions.OnlyOpen", Open ? true : null)
                .Flag("Actions.OnlyOverdue", Overdue ? true : null)
                .Period("Actions.Opened", OpenedFrom, OpenedTo)
                .Period("Actions.DonePeriod", DoneFrom, DoneTo)
                .Words);
        }
    }

    private IQueryable<ActionListItem> Filtered(IQueryable<ActionListItem> query) => Filtered(query, Overdue);

    private IQueryable<ActionListItem> Filtered(IQueryable<ActionListItem> query, bool overdue)
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

        if (overdue)
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

        if (OpenedFrom is { } openedFrom)
        {
            var fromUtc = openedFrom.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(a => a.CreatedAtUtc >= fromUtc);
        }

        if (OpenedTo is { } openedTo)
        {
            var toUtc = openedTo.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(a => a.CreatedAtUtc < toUtc);
        }

        if (DoneFrom is { } doneFrom)
        {
            var fromUtc = doneFrom.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(a => a.DoneAtUtc >= fromUtc);
        }

        if (DoneTo is { } doneTo)
        {
            var toUtc = doneTo.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(a => a.DoneAtUtc < toUtc);
        }

        return query;
    }

    private static KeysetOrder<ActionListItem> Order(string? sort) => sort switch
    {
        "title" => By(a => a.Title),
        "-title" => By(a => a.Title, descending: true),
        "phase" => By(a => a.Phase),
        "-phase" => By(a => a.Phase, descending: true),
        "owner" => By(a => a.OwnerName),
        "-owner" => By(a => a.OwnerName, descending: true),
        "department" => By(a => a.DepartmentName),
        "-department" => By(a => a.DepartmentName, descending: true),
        "-due" => By(a => a.DueDate, descending: true),
        "created" => By(a => a.CreatedAtUtc),
        "-created" => By(a => a.CreatedAtUtc, descending: true),
        _ => By(a => a.DueDate),
    };

    private static KeysetOrder<ActionListItem> By<TKey>(Expression<Func<ActionListItem, TKey>> key, bool descending = false) =>
        KeysetOrder.By(key, a => a.Id, descending);
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
