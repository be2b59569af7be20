using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;

namespace QualityGates.Web.Api.Tokens;

/// <summary>
/// "Authorization: Bearer qgp_…" for the REST API. The principal is built afresh on every request by the same
/// factory as the sign-in cookie, so a token acts with its user's current role and department, and stops working
/// the moment the user is locked, deactivated or left without a role — no stamp interval to wait for.
/// </summary>
public sealed class AccessTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    QualityGatesDbContext db,
    UserManager<AppUser> users,
    IUserClaimsPrincipalFactory<AppUser> principals,
    IProblemDetailsService problems,
    TimeProvider time,
    Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> l)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    // Last use is recorded to the minute: one UPDATE a minute per busy token instead of one per request.
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(SchemeName + " ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var text = header[(SchemeName.Length + 1)..].Trim();
        if (!AccessTokenText.LooksLikeToken(text))
        {
            return AuthenticateResult.Fail("Not a personal access token.");
        }

        var hash = AccessTokenText.Hash(text);
        var token = await db.PersonalAccessTokens.AsNoTracking().SingleOrDefaultAsync(t => t.Hash == hash, Context.RequestAborted);
        var now = time.GetUtcNow().UtcDateTime;
        if (token is null || token.StateAt(now) != AccessTokenState.Active)
        {
            return AuthenticateResult.Fail("Unknown, expired or revoked token.");
        }

        var user = await users.FindByIdAsync(token.UserId);
        if (user is null || await users.IsLockedOutAsync(user) || (await users.GetRolesAsync(user)).Count == 0)
        {
            return AuthenticateResult.Fail("The token's user is locked, deactivated or has no role.");
        }

        await RecordUseAsync(token, now);
        var principal = await principals.CreateAsync(user);
        var identity = new ClaimsIdentity(principal.Claims, SchemeName, principal.Identities.First().NameClaimType, principal.Identities.First().RoleClaimType);
        identity.AddClaim(new Claim(AppClaimTypes.AccessTokenId, token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(AppClaimTypes.AccessTokenName, token.Name));
        identity.AddClaim(new Claim(AppClaimTypes.AccessTokenScope, token.Scope.ToString()));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private async Task RecordUseAsync(PersonalAccessToken token, DateTime now)
    {
        if (token.LastUsedAtUtc is { } last && now - last < LastUsedResolution)
        {
            return;
        }

        // Outside the change tracker: bookkeeping of the token, not a change anyone made (no audit row).
        var earlier = now - LastUsedResolution;
        await db.PersonalAccessTokens
            .Where(t => t.Id == token.Id && (t.LastUsedAtUtc == null || t.LastUsedAtUtc < earlier))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAtUtc, now), Context.RequestAborted);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = Request.Headers.Authorization.Count == 0 ? SchemeName : $"{SchemeName} error=\"invalid_token\"";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = StatusCodes.Status401Unauthorized, Detail = l["Api.Unauthorized"] },
        });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = StatusCodes.Status403Forbidden, Detail = l["Api.Forbidden"] },
        });
    }
}
