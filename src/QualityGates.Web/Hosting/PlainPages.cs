using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace QualityGates.Web.Hosting;

/// <summary>
/// The two pages written without Razor, for when the Razor pages cannot work: a request over plain HTTP outside
/// Development (the layout's forms need the HTTPS-only antiforgery cookie), and an error page that failed itself.
/// Neither uses the layout, a database or a script; both are localized when the resources can be read.
/// </summary>
public static partial class PlainPages
{
    public const string DeploymentDocs = "docs/deployment.md";

    /// <summary>
    /// Outside Development, a request that did not arrive over HTTPS (directly or through a trusted proxy) and could not
    /// be redirected to an HTTPS endpoint gets a page that names the settings to fix; health checks still answer.
    /// </summary>
    public static WebApplication UseHttpsRequirement(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() => WarnWithoutHttpsEndpoint(app));
        app.UseHttpsRedirection();
        app.Use(async (context, next) =>
        {
            if (context.Request.IsHttps || context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase))
            {
                await next(context);
                return;
            }

            await WriteAsync(context, StatusCodes.Status403Forbidden, "HttpsRequired.Title", "HttpsRequired.Explanation", l =>
                $"<p>{Encode(l["HttpsRequired.Settings"])}</p><ul><li><code>ForwardedHeaders__KnownProxies</code></li>" +
                $"<li><code>ForwardedHeaders__KnownNetworks</code></li></ul><p>{Encode(l["HttpsRequired.Docs", DeploymentDocs])}</p>");
        });
        return app;
    }

    /// <summary>
    /// The outermost middleware outside Development: an exception that escapes the exception handler (the error page
    /// failed too) becomes a plain page with the request id instead of an empty 500.
    /// </summary>
    public static WebApplication UseLastResortErrorPage(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PlainPages));
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                ErrorPageFailed(logger, e, context.TraceIdentifier);
                context.Response.Clear();
                var requestId = Activity.Current?.Id ?? context.TraceIdentifier;
                await WriteAsync(context, HostingExtensions.StatusCodeFor(e), "ErrorPage.Other.Title", "ErrorPage.Other.Explanation", l =>
                    $"<p>{Encode(l["ErrorPage.RequestId"])} <code>{Encode(requestId)}</code></p>");
            }
        });
        return app;
    }

    private static async Task WriteAsync(HttpContext context, int status, string titleKey, string explanationKey, Func<IStringLocalizer, string> details)
    {
        var culture = context.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? CultureInfo.GetCultureInfo("en");
        string body;
        try
        {
            // The localizer reads the current UI culture; this page may run outside the localization middleware.
            var previous = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentUICulture = culture;
            try
            {
                var l = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
                body = Page(culture.TwoLetterISOLanguageName, l[titleKey], l[explanationKey], details(l));
            }
            finally
            {
                CultureInfo.CurrentUICulture = previous;
            }
        }
        catch (Exception)
        {
            // Whatever broke the app may break the localizer too: the page still answers, in English.
            body = Page("en", "Something went wrong", "The server could not show this page. Please try again later.", "");
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(body);
    }

    private static string Page(string language, string title, string explanation, string details) =>
        $"<!DOCTYPE html><html lang=\"{language}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
        $"<title>{Encode(title)} - QualityGates</title></head><body><main><h1>{Encode(title)}</h1><p>{Encode(explanation)}</p>{details}</main></body></html>";

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);

    private static void WarnWithoutHttpsEndpoint(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var httpsPort = app.Services.GetRequiredService<IOptions<HttpsRedirectionOptions>>().Value.HttpsPort
            ?? app.Configuration.GetValue<int?>("HTTPS_PORT");
        var hasHttps = httpsPort is not null || addresses.Any(a => a.StartsWith("https:", StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(app.Configuration["HTTPS_PORTS"]);
        if (!hasHttps)
        {
            NoHttpsEndpoint(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PlainPages)), DeploymentDocs);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No HTTPS endpoint: requests over plain HTTP are answered with the \"HTTPS required\" page unless " +
        "a trusted proxy forwards them with X-Forwarded-Proto: https (a proxy on this host, or one named in " +
        "ForwardedHeaders__KnownProxies / ForwardedHeaders__KnownNetworks). See {Docs}")]
    private static partial void NoHttpsEndpoint(ILogger logger, string docs);

    [LoggerMessage(Level = LogLevel.Error, Message = "The error page failed for request {RequestId}; a plain error page was sent instead")]
    private static partial void ErrorPageFailed(ILogger logger, Exception exception, string requestId);
}
