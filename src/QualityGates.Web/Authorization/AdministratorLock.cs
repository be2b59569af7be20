using QualityGates.Web.Data;

namespace QualityGates.Web.Authorization;

/// <summary>
/// An administrator locks a user with a lockout that never ends (Admin/Users/Edit); the lockout after failed
/// sign-ins ends by itself. Only the first takes someone out of the people a new owner is chosen from.
/// </summary>
public static class AdministratorLock
{
    public static readonly DateTimeOffset LockoutEnd = DateTimeOffset.MaxValue;

    /// <summary>Users an administrator has not locked. An equality test: SQLite cannot compare DateTimeOffset values.</summary>
    public static IQueryable<AppUser> NotLockedByAnAdministrator(this IQueryable<AppUser> users) =>
        users.Where(u => u.LockoutEnd != LockoutEnd);
}
