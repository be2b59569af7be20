using System.Net;
using System.Text.RegularExpressions;
using QualityGates.Tests;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

/// <summary>
/// Stylesheets and scripts carry their content's fingerprint in the URL and are cached by browsers for a year
/// without asking again: a new version has a new URL (MapStaticAssets + WithStaticAssets).
/// </summary>
public sealed partial class StaticAssetCachingTests(QualityGatesFactory factory) : IClassFixture<QualityGatesFactory>
{
    // e.g. /css/site.0a3cm7l208.css, /lib/bootstrap/dist/js/bootstrap.bundle.min.493y06b0oq.js
    [GeneratedRegex(@"^/[\w/.-]+\.[a-z0-9]{10}\.(css|js)$")]
    private static partial Regex Fingerprinted();

    [GeneratedRegex("""<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*"([^"]*)"[^>]*>""", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptOrStylesheet();

    public static TheoryData<string?, string> Pages => new()
    {
        { null, "/Account/Login" },
        { "sales@demo.local", "/Promises/Create" },
        { "exec@demo.local", "/Dashboard" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_stylesheet_and_script_of_a_page_has_a_versioned_url_cached_for_a_year(string? email, string url)
    {
        using var client = factory.CreateTestClient();
        if (email is not null)
        {
            await client.SignInSuccessfullyAsync(email);
        }

        var page = await client.GetPageAsync(url);
        var assets = page.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href"))
            .Concat(page.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")))
            .OfType<string>().ToList();

        Assert.Contains(assets, a => a.StartsWith("/lib/tom-select/", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.StartsWith("/js/typeahead.", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            Assert.Matches(Fingerprinted(), asset);
            var response = await client.GetAsync(asset);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var cacheControl = response.Headers.CacheControl;
            Assert.True(cacheControl is { MaxAge.TotalDays: >= 365 } && cacheControl.Extensions.Any(e => e.Name == "immutable"),
                $"{asset}: Cache-Control {cacheControl}");
        }
    }

    [Fact]
    public void Every_script_and_stylesheet_a_view_names_is_an_app_relative_path_that_gets_fingerprinted()
    {
        var pages = Path.Combine(Repository.Root, "src", "QualityGates.Web", "Pages");
        var references = Directory.EnumerateFiles(pages, "*.cshtml", SearchOption.AllDirectories)
            .SelectMany(file => ScriptOrStylesheet().Matches(File.ReadAllText(file))
                .Select(m => (File: Path.GetRelativePath(pages, file), Url: m.Groups[1].Value)))
            .ToList();

        Assert.Contains(references, r => r.File == Path.Combine("Shared", "_Layout.cshtml"));
        Assert.All(references, r => Assert.True(r.Url.StartsWith("~/", StringComparison.Ordinal), $"{r.File}: {r.Url}"));
    }

}
