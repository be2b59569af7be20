using System.Net;
using QualityGates.Tests;
using QualityGates.Web.Hosting;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

/// <summary>Every response carries the security headers: pages, static files, errors, health checks.</summary>
public sealed class SecurityHeaderTests(QualityGatesFactory factory) : IClassFixture<QualityGatesFactory>
{
    private static void AssertSecurityHeaders(HttpResponseMessage response, string url)
    {
        foreach (var (name, value) in SecurityHeaders.All())
        {
            Assert.True(response.Headers.TryGetValues(name, out var values), $"{url} has no {name} header");
            Assert.Equal(value, Assert.Single(values));
        }

        Assert.False(response.Headers.Contains("Server"), $"{url} names its server");
    }

    [Fact]
    public async Task Anonymous_and_signed_in_responses_of_every_kind_carry_the_security_headers()
    {
        using var anonymous = factory.CreateTestClient();
        foreach (var url in new[] { "/Account/Login", "/css/site.css", "/no-such-page", "/health/live", "/health/ready", "/Promises" })
        {
            AssertSecurityHeaders(await anonymous.GetAsync(url), url);
        }

        using var sales = factory.CreateTestClient();
        await sales.SignInSuccessfullyAsync("sales@demo.local");
        foreach (var url in new[] { "/", "/Promises", "/Promises/Create", "/Admin/Users", "/Promises/Details/999999" })
        {
            AssertSecurityHeaders(await sales.GetAsync(url), url);
        }
    }

    [Fact]
    public async Task The_content_security_policy_allows_no_inline_script_or_style_and_no_framing()
    {
        using var client = factory.CreateTestClient();
        var csp = (await client.GetAsync("/Account/Login")).Headers.GetValues("Content-Security-Policy").Single();

        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("style-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Https_responses_outside_development_ask_browsers_to_keep_to_https_for_a_year()
    {
        // UseHsts leaves out localhost, so ask under a real-looking name.
        using var client = factory.CreateClient(new() { BaseAddress = new Uri("https://qualitygates.example"), AllowAutoRedirect = false });

        var response = await client.GetAsync("/Account/Login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("max-age=31536000; includeSubDomains", response.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public void No_view_has_inline_script_inline_style_or_event_handler_attributes()
    {
        var pages = Path.Combine(Repository.Root, "src", "QualityGates.Web", "Pages");
        var offenders = new List<string>();
        foreach (var file in Directory.EnumerateFiles(pages, "*.cshtml", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            var scripts = System.Text.RegularExpressions.Regex.Matches(text, @"<script\b(?![^>]*\bsrc=)(?![^>]*\btype=""application/json"")[^>]*>", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            var handlers = System.Text.RegularExpressions.Regex.Matches(text, @"<[a-z][^>]*\son[a-z]+\s*=", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            var styles = System.Text.RegularExpressions.Regex.Matches(text, @"<style\b|<[a-z][^>]*\sstyle\s*=", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            offenders.AddRange(scripts.Concat(handlers).Concat(styles).Select(m => $"{Path.GetRelativePath(pages, file)}: {m.Value}"));
        }

        Assert.True(offenders.Count == 0, "Inline script, style or handler (blocked by the CSP):\n" + string.Join("\n", offenders));
    }

}
