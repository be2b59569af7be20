using System.Threading.RateLimiting;

namespace QualityGates.Web.Hosting;

/// <summary>
/// Sign-in attempts are limited per client address and per user name (fixed windows), on top of the
/// account lockout: the lockout protects an existing account, these limits slow down password spraying
/// and guessing of names. Limits are per instance (in memory); the lockout in the database is shared.
/// A refused attempt answers 429 with the friendly error page. Configured under "RateLimiting:Login".
/// </summary>
public static class LoginRateLimiting
{
    public const string LoginPath = "/Account/Login";
    public const string UserNameField = "Input.Email";

    public static IServiceCollection AddLoginRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("RateLimiting:Login").Get<LoginRateLimitOptions>() ?? new LoginRateLimitOptions();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter =
                        ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                return ValueTask.CompletedTask;
            };
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsLoginAttempt(context)
                    ? Window("ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"), options.PermitLimitPerAddress, options.Window)
                    : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsLoginAttempt(context)
                    ? Window("user:" + UserName(context), options.PermitLimitPerUserName, options.Window)
                    : RateLimitPartition.GetNoLimiter("")));
        });
        return services;
    }

    /// <summary>Reads the login form before the limiter, so the limiter can partition by the posted user name.</summary>
    public static IApplicationBuilder UseLoginRateLimiting(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (IsLoginAttempt(context) && context.Request.HasFormContentType)
            {
                try
                {
                    await context.Request.ReadFormAsync(context.RequestAborted);
                }
                catch (InvalidDataException)
                {
                    // A malformed or oversized form: limited under an empty name; the page answers 400.
                }
            }

            await next(context);
        }).UseRateLimiter();

    private static bool IsLoginAttempt(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method)
        && context.Request.Path.Equals(LoginPath, StringComparison.OrdinalIgnoreCase);

    private static string UserName(HttpContext context)
    {
        var form = context.Features.Get<Microsoft.AspNetCore.Http.Features.IFormFeature>()?.Form;
        var name = form?[UserNameField].ToString().Trim() ?? "";
        return name[..Math.Min(name.Length, 256)].ToUpperInvariant();
    }

    private static RateLimitPartition<string> Window(string key, int permits, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
        });
}

public sealed class LoginRateLimitOptions
{
    /// <summary>Sign-in attempts from one client address per window (an office behind one NAT shares it).</summary>
    public int PermitLimitPerAddress { get; set; } = 20;

    /// <summary>Sign-in attempts for one user name per window; above the lockout's five failures on purpose.</summary>
    public int PermitLimitPerUserName { get; set; } = 10;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
