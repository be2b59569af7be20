using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using QualityGates.Web.Hosting;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

/// <summary>The OpenAPI document describes exactly the API there is; it and its reference page are for signed-in users.</summary>
public sealed partial class ApiDocumentTests(QualityGatesFactory factory) : IClassFixture<QualityGatesFactory>
{
    private const string Document = "/api/openapi/v1.json";
    private const string Reference = "/api/reference";

    [Fact]
    public async Task The_openapi_document_lists_exactly_the_mapped_api_endpoints()
    {
        using var user = factory.CreateTestClient();
        await user.SignInSuccessfullyAsync("exec@demo.local");
        var response = await user.GetAsync(Document);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var documented = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => $"{operation.Name.ToUpperInvariant()} {path.Name}"))
            .Order().ToList();
        var mapped = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(method => $"{method} {Constraint().Replace(e.RoutePattern.RawText!, "}").TrimEnd('/')}"))
            .Order().ToList();

        Assert.NotEmpty(mapped);
        Assert.Equal(mapped, documented);
        Assert.Equal("bearer", document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());

        // A client generated from the document gets types named for what they are, not a page's "InputModel".
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas").EnumerateObject().Select(s => s.Name).ToList();
        Assert.Contains("WithdrawInput", schemas);
        Assert.DoesNotContain("InputModel", schemas);
    }

    [Fact]
    public async Task The_document_and_the_reference_page_ask_anonymous_visitors_to_sign_in()
    {
        using var anonymous = factory.CreateTestClient();
        foreach (var url in new[] { Document, Reference })
        {
            var response = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_reference_page_runs_its_own_script_by_nonce_while_other_pages_keep_the_strict_policy()
    {
        using var user = factory.CreateTestClient();
        await user.SignInSuccessfullyAsync("sales@demo.local");

        var page = await user.GetAsync(Reference + "/");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var nonce = Nonce().Match(html).Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.Equal(SecurityHeaders.ApiReferencePolicy(nonce), page.Headers.GetValues("Content-Security-Policy").Single());
        foreach (var script in ScriptSource().Matches(html).Select(m => m.Groups[1].Value))
        {
            Assert.False(script.StartsWith("http", StringComparison.OrdinalIgnoreCase), $"{script} is not served by the app");
            Assert.Equal(HttpStatusCode.OK, (await user.GetAsync(new Uri(new Uri("https://localhost" + Reference + "/"), script).PathAndQuery)).StatusCode);
        }

        var home = await user.GetAsync("/");
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy(), home.Headers.GetValues("Content-Security-Policy").Single());
    }

    [GeneratedRegex(@":[^}]+\}")]
    private static partial Regex Constraint();

    [GeneratedRegex("nonce=\"([^\"]+)\"")]
    private static partial Regex Nonce();

    [GeneratedRegex("<script[^>]* src=\"([^\"]+)\"")]
    private static partial Regex ScriptSource();
}
