using System.Security.Claims;
using QualityGates.Domain.Promises;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data.Summaries;

namespace QualityGates.Web.Dashboard;

/// <summary>
/// What the dashboard counts: promises due in <see cref="From"/>..<see cref="To"/> (decisions made then, for the
/// decision figures), narrowed by the optional filters and always by the user's <see cref="Scope"/>.
/// </summary>
public sealed record DashboardFilter(
    DateOnly From,
    DateOnly To,
    int? PromisingDepartmentId = null,
    int? DeliveringDepartmentId = null,
    int? CategoryId = null,
    int? CustomerId = null,
    DepartmentScope? Scope = null)
{
    public DepartmentScope EffectiveScope => Scope ?? DepartmentScope.Everything;

    /// <summary>The default period: this month and the eleven before it.</summary>
    public static DashboardFilter LastTwelveMonths(DateOnly today, DepartmentScope scope) =>
        WholeMonths(today.AddMonths(-11), today) with { Scope = scope };

    /// <summary>The months of <paramref name="from"/> to <paramref name="to"/>, from the first day of the one to the last day of the other.</summary>
    public static DashboardFilter WholeMonths(DateOnly from, DateOnly to) =>
        new(new DateOnly(from.Year, from.Month, 1), new DateOnly(to.Year, to.Month, 1).AddMonths(1).AddDays(-1));

    /// <summary>A period of whole months: what the summaries (ADR 0021) count by.</summary>
    public bool IsWholeMonths => From.Day == 1 && To.AddDays(1).Day == 1;

    public int FromMonth => YearMonth.Of(From);

    /// <summary>How the scope and the filters narrow the promises by department and category, each way once.</summary>
    public IReadOnlyList<(SummarySlice Slice, int Id)> Narrowing() =>
        new (SummarySlice Slice, int? Id)[]
            {
                (SummarySlice.PromisingDepartment, EffectiveScope.PromisingDepartmentId), (SummarySlice.PromisingDepartment, PromisingDepartmentId),
                (SummarySlice.DeliveringDepartment, EffectiveScope.DeliveringDepartmentId), (SummarySlice.DeliveringDepartment, DeliveringDepartmentId),
                (SummarySlice.Category, CategoryId),
            }
            .Where(n => n.Id is not null).Select(n => (n.Slice, n.Id!.Value)).Distinct().ToList();

    /// <summary>The slice of a sliced summary that holds this view; null when it is narrowed in more than one way.</summary>
    public (SummarySlice Slice, int Id)? Slice() => Narrowing() switch
    {
        [] => (SummarySlice.All, 0),
        [var only] => only,
        _ => null,
    };

    public int ToMonth => YearMonth.Of(To);

    /// <summary>Decisions are timestamps: the period's days from midnight of the first to midnight after the last.</summary>
    public DateTime FromUtc => From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    public DateTime ToUtcExclusive => To.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
}

/// <summary>
/// Whose figures a user may see (PRODUCT.md, "dashboard" and "export"): a sales rep their promising department's,
/// a service manager their delivering department's, everybody else all. Applied to the base query, so a
/// figure cannot leak what the role may not see.
/// </summary>
public sealed record DepartmentScope(int? PromisingDepartmentId, int? DeliveringDepartmentId)
{
    public static DepartmentScope Everything { get; } = new(null, null);

    public bool IsRestricted => PromisingDepartmentId is not null || DeliveringDepartmentId is not null;

    public static DepartmentScope For(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Executive) || user.IsInRole(Roles.AfterSales) || user.IsInRole(Roles.Administrator) ? Everything
        : user.IsInRole(Roles.SalesRep) ? new(user.DepartmentId(), null)
        : user.IsInRole(Roles.ServiceManager) ? new(null, user.DepartmentId())
        : throw new InvalidOperationException("A user without a known role has no dashboard scope.");

    /// <summary>Whether the department's own figures and lists (its gate meeting) are within this scope.</summary>
    public bool Covers(int departmentId) =>
        !IsRestricted || PromisingDepartmentId == departmentId || DeliveringDepartmentId == departmentId;

    public IQueryable<Promise> Apply(IQueryable<Promise> promises)
    {
        if (PromisingDepartmentId is { } promising)
        {
            promises = promises.Where(p => p.PromisingDepartmentId == promising);
        }

        if (DeliveringDepartmentId is { } delivering)
        {
            promises = promises.Where(p => p.DeliveringDepartmentId == delivering);
        }

        return promises;
    }
}
