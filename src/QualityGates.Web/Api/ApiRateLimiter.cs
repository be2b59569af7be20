using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using QualityGates.Web.Authorization;

namespace QualityGates.Web.Api;

/// <summary>Requests each personal access token may make per window; per instance, like the sign-in limits (ADR 0014).</summary>
public sealed class ApiRateLimitOptions
{
    public const string Section = "RateLimiting:Api";

    public int PermitLimitPerToken { get; set; } = 120;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// ASP.NET Core's fixed-window limiter, one partition per token. Applied as an endpoint filter of the API group,
/// after authentication: the partition is the token the request was authenticated with, not whatever it claims.
/// </summary>
public sealed class ApiRateLimiter(IOptions<ApiRateLimitOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(token =>
        RateLimitPartition.GetFixedWindowLimiter(token, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.PermitLimitPerToken,
            Window = options.Value.Window,
            QueueLimit = 0,
        }));

    public RateLimitLease Acquire(string tokenId) => _limiter.AttemptAcquire(tokenId);

    public void Dispose() => _limiter.Dispose();
}

internal sealed class ApiRateLimitFilter(ApiRateLimiter limiter, IStringLocalizer<SharedResource> l) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var tokenId = context.HttpContext.User.FindFirst(AppClaimTypes.AccessTokenId)?.Value ?? "";
        using var lease = limiter.Acquire(tokenId);
        if (lease.IsAcquired)
        {
            return await next(context);
        }

        if (lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return TypedResults.Problem(l["Api.TooManyRequests"], statusCode: StatusCodes.Status429TooManyRequests);
    }
}
