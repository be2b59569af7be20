using System.Security.Claims;
using QualityGates.Web.Authorization;

namespace QualityGates.Web.Data.Auditing;

/// <summary>
/// Who made a change, with the role and department they acted in at that moment, and the personal access token
/// they used when the change came through the REST API.
/// </summary>
public sealed record AuditActor(string? UserId, string Name, string? Role, string? Department, int? TokenId = null, string? TokenName = null)
{
    public const string SystemName = "system";
    public const string AnonymousName = "anonymous";

    /// <summary>Start-up (migrations, reference and demo data): no request, no user.</summary>
    public static AuditActor System { get; } = new(null, SystemName, null, null);

    /// <summary>A request nobody is signed in to, e.g. a failed sign-in counting towards the lockout.</summary>
    public static AuditActor Anonymous { get; } = new(null, AnonymousName, null, null);

    /// <summary>The signed-in user as the cookie describes them (claims refreshed with the security stamp).</summary>
    public static AuditActor From(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return Anonymous;
        }

        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        return new AuditActor(
            user.UserId(),
            user.DisplayName(),
            roles.Count == 0 ? null : string.Join(",", roles),
            user.FindFirstValue(AppClaimTypes.DepartmentName),
            int.TryParse(user.FindFirstValue(AppClaimTypes.AccessTokenId), out var tokenId) ? tokenId : null,
            user.FindFirstValue(AppClaimTypes.AccessTokenName));
    }
}
