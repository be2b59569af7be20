using Microsoft.Extensions.Options;
using QualityGates.Web.SingleSignOn;
using Scalar.AspNetCore;

namespace QualityGates.Web.Hosting;

/// <summary>
/// The security headers of every response, static files and error pages included (ASVS V14.4). Scripts
/// and styles come only from the app's own files: no inline script, no inline style, no on* handler.
/// HSTS (one year) is added by UseHsts outside Development, see <see cref="HostingExtensions"/>.
/// </summary>
public static class SecurityHeaders
{
    /// <param name="formTarget">
    /// Another origin forms may lead to: the single sign-on provider, where signing out redirects the posted form
    /// (browsers apply form-action to a form's redirects too).
    /// </param>
    public static string ContentSecurityPolicy(string? formTarget = null) =>
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        $"connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'{(formTarget is null ? "" : " " + formTarget)}; frame-ancestors 'none'";

    /// <summary>
    /// The API reference page (Scalar, served from the app itself) alone: its one inline start-up script carries this
    /// response's nonce, and its components insert style elements at run time, which no nonce reaches — hence inline
    /// styles on this page only. Styles cannot run script; everything else stays as strict as on every page.
    /// </summary>
    public static string ApiReferencePolicy(string nonce, string? formTarget = null) =>
        ContentSecurityPolicy(formTarget)
            .Replace("script-src 'self'", $"script-src 'self' 'nonce-{nonce}'", StringComparison.Ordinal)
            .Replace("style-src 'self'", "style-src 'self' 'unsafe-inline'", StringComparison.Ordinal);

    public static IReadOnlyDictionary<string, string> All(string? formTarget = null) => new Dictionary<string, string>
    {
        ["Content-Security-Policy"] = ContentSecurityPolicy(formTarget),
        ["X-Content-Type-Options"] = "nosniff",
        ["X-Frame-Options"] = "DENY",
        // The old XSS auditor is off ("0", as OWASP advises): the CSP does its job without its side effects.
        ["X-XSS-Protection"] = "0",
        ["Referrer-Policy"] = "strict-origin-when-cross-origin",
        ["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()",
        ["Cross-Origin-Opener-Policy"] = "same-origin",
        ["Cross-Origin-Resource-Policy"] = "same-origin",
    };

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        var singleSignOn = app.ApplicationServices.GetRequiredService<IOptions<SingleSignOnOptions>>().Value;
        var all = All(singleSignOn.IsConfigured ? new Uri(singleSignOn.Authority!).GetLeftPart(UriPartial.Authority) : null);
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                foreach (var (name, value) in all)
                {
                    headers[name] = value;
                }

                if (context.Items[ScalarOptions.NonceHttpContextItemKey] is string nonce)
                {
                    headers.ContentSecurityPolicy = ApiReferencePolicy(nonce, singleSignOn.IsConfigured ? new Uri(singleSignOn.Authority!).GetLeftPart(UriPartial.Authority) : null);
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
    }
}
