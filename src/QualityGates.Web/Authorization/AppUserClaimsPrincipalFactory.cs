using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QualityGates.Web.Data;

namespace QualityGates.Web.Authorization;

/// <summary>
/// Puts the user's department into the cookie, so resource handlers need no database round trip; its name
/// too, so the audit trail names the department a change was made in; their time zone, so every page shows
/// times in it without a query (ADR 0025); and whether they have a password here at all.
/// </summary>
internal sealed class AppUserClaimsPrincipalFactory(
    UserManager<AppUser> userManager, RoleManager<IdentityRole> roleManager, IOptions<IdentityOptions> options, QualityGatesDbContext db)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(AppClaimTypes.DepartmentId, user.DepartmentId.ToString(CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(AppClaimTypes.DisplayName, user.DisplayName));
        if (user.TimeZone is not null)
        {
            identity.AddClaim(new Claim(AppClaimTypes.TimeZone, user.TimeZone));
        }

        if (user.PasswordHash is null)
        {
            identity.AddClaim(new Claim(AppClaimTypes.NoPassword, "true"));
        }

        // In English, as the audit trail records every value: invariant, whoever reads it later.
        var department = await db.Departments.Where(d => d.Id == user.DepartmentId).Select(d => d.Name.English).SingleOrDefaultAsync();
        if (department is not null)
        {
            identity.AddClaim(new Claim(AppClaimTypes.DepartmentName, department));
        }

        return identity;
    }
}
