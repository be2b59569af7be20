using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using QualityGates.Web.Hosting;
using QualityGates.Web.Localization;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

/// <summary>
/// Deployment mistakes in Production settings: plain HTTP without an HTTPS endpoint gets a page naming the settings
/// instead of a 500; with an HTTPS endpoint it is redirected; an error page that fails itself still answers.
/// </summary>
public sealed class PlainHttpTests(PlainHttpTests.ProductionFactory factory) : IClassFixture<PlainHttpTests.ProductionFactory>
{
    public class ProductionFactory : QualityGatesFactory
    {
        public ProductionFactory()
        {
        }

        protected ProductionFactory(TestDatabase database)
            : base(database)
        {
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
            builder.UseStaticWebAssets();
        }

        public HttpClient CreatePlainHttpClient() =>
            CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://localhost") });
    }

    private sealed class WithHttpsPort(TestDatabase database) : ProductionFactory(database)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("HTTPS_PORT", "8443");
        }
    }

    /// <summary>Fails like the antiforgery system does on plain HTTP with a secure-only cookie, on every request.</summary>
    private sealed class BrokenAntiforgery(TestDatabase database) : ProductionFactory(database)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IAntiforgery, ThrowingAntiforgery>());
        }

        private sealed class ThrowingAntiforgery : IAntiforgery
        {
            private static InvalidOperationException Failure() => new("The antiforgery system is broken (test).");

            public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext) => throw Failure();

            public AntiforgeryTokenSet GetTokens(HttpContext httpContext) => throw Failure();

            public Task<bool> IsRequestValidAsync(HttpContext httpContext) => throw Failure();

            public Task ValidateRequestAsync(HttpContext httpContext) => throw Failure();

            public void SetCookieTokenAndHeader(HttpContext httpContext) => throw Failure();
        }
    }

    [Theory]
    [InlineData(Cultures.English)]
    [InlineData(Cultures.German)]
    public async Task Over_plain_http_every_page_explains_in_the_readers_language_that_https_or_a_trusted_proxy_is_needed(string culture)
    {
        using var client = factory.CreatePlainHttpClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture);

        foreach (var url in new[] { "/Account/Login", "/", "/Promises", "/no-such-page" })
        {
            var response = await client.GetAsync(url);

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            var page = await TestClient.ParseAsync(response);
            Assert.Equal(Texts.In(culture, "HttpsRequired.Title"), page.QuerySelector("h1")?.TextContent);
            Assert.Contains("ForwardedHeaders__KnownProxies", page.Body!.TextContent, StringComparison.Ordinal);
            Assert.Contains("ForwardedHeaders__KnownNetworks", page.Body.TextContent, StringComparison.Ordinal);
            Assert.Contains(Texts.In(culture, "HttpsRequired.Docs", PlainPages.DeploymentDocs), page.Body.TextContent, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("antiforgery", factory.ReadLogs(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Over_plain_http_health_checks_still_answer_and_over_https_the_sign_in_page_works()
    {
        using var plain = factory.CreatePlainHttpClient();
        using var https = factory.CreateTestClient();

        Assert.Equal(HttpStatusCode.OK, (await plain.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await plain.GetAsync("/health/ready")).StatusCode);
        await https.SignInSuccessfullyAsync("sales@demo.local");
        Assert.Equal(HttpStatusCode.OK, (await https.GetAsync("/Promises")).StatusCode);
    }

    [Fact]
    public async Task Without_an_https_endpoint_the_start_logs_one_warning_that_names_the_proxy_settings()
    {
        using var client = factory.CreatePlainHttpClient();
        await client.GetAsync("/health/live");

        var warnings = factory.ReadLogs().Split('\n').Where(line => line.Contains("No HTTPS endpoint", StringComparison.Ordinal)).ToList();

        var warning = Assert.Single(warnings);
        Assert.Contains("ForwardedHeaders__KnownProxies", warning, StringComparison.Ordinal);
        Assert.Contains(PlainPages.DeploymentDocs, warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_an_https_endpoint_plain_http_is_redirected_to_it()
    {
        await using var withPort = new WithHttpsPort(factory.Database);
        using var client = withPort.CreatePlainHttpClient();

        var response = await client.GetAsync("/Promises?page=2");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal(new Uri("https://localhost:8443/Promises?page=2"), response.Headers.Location);
        Assert.DoesNotContain("No HTTPS endpoint", withPort.ReadLogs(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_error_page_fails_too_a_plain_error_page_with_the_request_id_answers()
    {
        await using var broken = new BrokenAntiforgery(factory.Database);
        using var client = broken.CreateTestClient();
        client.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(Cultures.German);

        var response = await client.GetAsync("/Account/Login");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        Assert.Equal(Texts.German("ErrorPage.Other.Title"), page.QuerySelector("h1")?.TextContent);
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("code")?.TextContent), "the page shows no request id");
        Assert.Contains("The error page failed", broken.ReadLogs(), StringComparison.Ordinal);
    }
}
