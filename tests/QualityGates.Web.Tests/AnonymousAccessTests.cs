using System.Net;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

/// <summary>Deny by default: a page added later without protection fails this test.</summary>
public sealed class AnonymousAccessTests(QualityGatesFactory factory) : IClassFixture<QualityGatesFactory>
{
    // The language switch is public so the login page can offer it; it only sets a cookie. Single sign-on's way out to
    // the provider and back is public too, and not there while single sign-on is off (SingleSignOnTests).
    private static readonly string[] _publicPages = ["/Account/Login", "/Account/External", "/Error", "/Culture"];

    private List<string> PageUrls()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        return endpoints
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => "/" + string.Join("/", e.RoutePattern.PathSegments.Select(Segment)))
            .Select(url => url.TrimEnd('/') is "" ? "/" : url.TrimEnd('/'))
            .Distinct()
            .ToList();
    }

    // Route parameters get a plausible value, so the request reaches the page rather than a 404.
    private static string Segment(RoutePatternPathSegment segment) =>
        string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart { IsOptional: true } => "",
            RoutePatternParameterPart parameter when parameter.ParameterPolicies.Any(p => p.Content == "int") => "1",
            RoutePatternParameterPart => "some-id",
            _ => "",
        }));

    [Fact]
    public async Task Every_page_except_the_public_ones_sends_anonymous_visitors_to_the_login_page()
    {
        var urls = PageUrls();
        Assert.Contains("/Promises", urls);
        Assert.Contains("/Admin/Users/Edit/some-id", urls);
        using var client = factory.CreateTestClient();

        foreach (var url in urls.Where(u => !_publicPages.Contains(u, StringComparer.OrdinalIgnoreCase)))
        {
            foreach (var method in new[] { HttpMethod.Get, HttpMethod.Post })
            {
                var response = await client.Http.SendAsync(new HttpRequestMessage(method, url));

                var refused = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                              || (response.StatusCode == HttpStatusCode.Redirect
                                  && response.Headers.Location!.PathAndQuery().StartsWith("/Account/Login?ReturnUrl=", StringComparison.Ordinal));
                Assert.True(refused, $"{method} {url} answered {(int)response.StatusCode} {response.Headers.Location} to an anonymous visitor");
            }
        }
    }

    [Fact]
    public async Task The_public_pages_answer_anonymous_visitors()
    {
        using var client = factory.CreateTestClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Login")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Error?code=404")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/Account/External")).StatusCode);
    }

    [Fact]
    public async Task Administration_pages_are_refused_to_everyone_but_administrators()
    {
        using var sales = factory.CreateTestClient();
        await sales.SignInSuccessfullyAsync("sales@demo.local");
        using var exec = factory.CreateTestClient();
        await exec.SignInSuccessfullyAsync("exec@demo.local");

        var adminUrls = PageUrls().Where(u => u.StartsWith("/Admin", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(adminUrls);
        foreach (var url in adminUrls)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await sales.GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await exec.GetAsync(url)).StatusCode);
        }
    }
}
