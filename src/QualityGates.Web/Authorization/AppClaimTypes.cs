using System.Security.Claims;

namespace QualityGates.Web.Authorization;

public static class AppClaimTypes
{
    public const string DepartmentId = "qg:department_id";
    public const string DepartmentName = "qg:department_name";
    public const string DisplayName = "qg:display_name";

    /// <summary>The user's own IANA time zone; absent when they follow the installation's default.</summary>
    public const string TimeZone = "qg:time_zone";

    /// <summary>
    /// Present when the user has no password here (signed in through single sign-on): the menu offers no "Change
    /// password". A marker of the absence, so cookies issued before it existed keep showing the link.
    /// </summary>
    public const string NoPassword = "qg:no_password";

    /// <summary>The personal access token a REST API request came with (its id, name and scope); absent for the cookie.</summary>
    public const string AccessTokenId = "qg:token_id";

    public const string AccessTokenName = "qg:token_name";

    public const string AccessTokenScope = "qg:token_scope";
}

public static class ClaimsPrincipalExtensions
{
    public static string UserId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not signed in.");

    public static int DepartmentId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(AppClaimTypes.DepartmentId), out var id)
            ? id
            : throw new InvalidOperationException("The signed-in user has no department claim.");

    public static bool HasPassword(this ClaimsPrincipal user) => !user.HasClaim(c => c.Type == AppClaimTypes.NoPassword);

    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(AppClaimTypes.DisplayName) ?? user.Identity?.Name ?? "";
}
