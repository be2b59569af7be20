using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using QualityGates.Web.Data;

namespace QualityGates.Web.Hosting;

/// <summary>
/// What lets several instances run behind a proxy (ADR 0014) and fail politely (ADR 0015): forwarded
/// headers from trusted proxies only, an optional instance name in a response header, HSTS of a year,
/// and an unreachable database answered with 503 instead of 500.
/// </summary>
public static class HostingExtensions
{
    public const string InstanceHeader = "X-Instance";

    public static IServiceCollection AddQualityGatesHosting(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the proxies named here are believed; by default loopback (a proxy on the same host).
            var proxies = configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [];
            var networks = configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [];
            if (proxies.Length > 0 || networks.Length > 0)
            {
                options.KnownProxies.Clear();
                options.KnownIPNetworks.Clear();
                foreach (var proxy in proxies)
                {
                    options.KnownProxies.Add(IPAddress.Parse(proxy));
                }

                foreach (var network in networks)
                {
                    options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
                }
            }
        });

        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = true;
        });
        services.AddLoginRateLimiting(configuration);
        return services;
    }

    /// <summary>Names the instance that served a response (Instance:Name), so a scale-out check can see both.</summary>
    public static IApplicationBuilder UseInstanceHeader(this IApplicationBuilder app, IConfiguration configuration)
    {
        var name = configuration["Instance:Name"];
        return string.IsNullOrWhiteSpace(name)
            ? app
            : app.Use((context, next) =>
            {
                // On starting: the exception handler clears headers set earlier, and error pages count too.
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers[InstanceHeader] = name;
                    return Task.CompletedTask;
                });
                return next(context);
            });
    }

    /// <summary>An unreachable database is 503 (the friendly error page says "try again shortly"), anything else 500.</summary>
    public static int StatusCodeFor(Exception exception) =>
        DatabaseFailures.IsUnavailable(exception) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
}
