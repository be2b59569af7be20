using System.Security.Claims;
using QualityGates.Domain.Promises;
using QualityGates.Web.Authorization;

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

    /// <summary>The default period: the last twelve months up to today.</summary>
    public static DashboardFilter LastTwelveMonths(DateOnly today, DepartmentScope scope) =>
        new(today.AddMonths(-12).AddDays(1), today, Scope: scope);

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
