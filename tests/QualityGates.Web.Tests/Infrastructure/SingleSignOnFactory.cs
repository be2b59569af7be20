using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using QualityGates.Tests;

namespace QualityGates.Web.Tests.Infrastructure;

/// <summary>
/// The app with single sign-on through a real OpenID Connect provider on a loopback port (<see cref="TestIdentityProvider"/>):
/// group "qg-sales" makes a sales rep, "qg-service" a service manager, "qg-admins" an administrator; group "grp-hamburg-sales"
/// or the "department" claim names the department. Passwords are kept for administrators only (break-glass).
/// </summary>
public class SingleSignOnFactory : QualityGatesFactory
{
    public const string ProviderName = "Test IdP";
    private const string ClientId = "qualitygates";
    private static readonly Uri _app = new("https://localhost/");

    // Made per run: no client secret lives in the repository, not even a test one.
    private readonly string _clientSecret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
    private readonly bool _ownsProvider = true;
    private TestIdentityProvider? _provider;

    public SingleSignOnFactory()
    {
    }

    private SingleSignOnFactory(SingleSignOnFactory first)
        : base(first.Database)
    {
        (_provider, _clientSecret, _ownsProvider) = (first.Provider, first._clientSecret, false);
        // Servers behind one load balancer share the time of day; the first's clock may have been moved by a test.
        Clock.SetUtcNow(first.Clock.GetUtcNow());
    }

    public TestIdentityProvider Provider => _provider ?? throw new InvalidOperationException("Not initialized.");

    /// <summary>Another instance of the app on the same database and provider, as behind a load balancer.</summary>
    public SingleSignOnFactory SecondInstance() => new(this);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _provider ??= await TestIdentityProvider.StartAsync(
            ClientId, _clientSecret, [new Uri(_app, "signin-oidc")], [new Uri(_app, "signout-callback-oidc")]);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in Settings(Provider.Authority, _clientSecret))
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>The settings an operator would give, as configuration keys.</summary>
    public static Dictionary<string, string> Settings(Uri authority, string clientSecret) => new()
    {
        ["Authentication:OpenIdConnect:Authority"] = authority.ToString(),
        ["Authentication:OpenIdConnect:ClientId"] = ClientId,
        ["Authentication:OpenIdConnect:ClientSecret"] = clientSecret,
        ["Authentication:OpenIdConnect:DisplayName"] = ProviderName,
        // The test provider speaks plain HTTP on the loopback interface.
        ["Authentication:OpenIdConnect:RequireHttpsMetadata"] = "false",
        ["Authentication:OpenIdConnect:LocalAccounts"] = "AdministratorsOnly",
        ["Authentication:OpenIdConnect:DepartmentClaim"] = "department",
        ["Authentication:OpenIdConnect:Mappings:0:Value"] = "qg-admins",
        ["Authentication:OpenIdConnect:Mappings:0:Role"] = "Administrator",
        ["Authentication:OpenIdConnect:Mappings:1:Value"] = "qg-sales",
        ["Authentication:OpenIdConnect:Mappings:1:Role"] = "SalesRep",
        ["Authentication:OpenIdConnect:Mappings:2:Value"] = "qg-service",
        ["Authentication:OpenIdConnect:Mappings:2:Role"] = "ServiceManager",
        ["Authentication:OpenIdConnect:Mappings:3:Value"] = "grp-hamburg-sales",
        ["Authentication:OpenIdConnect:Mappings:3:Department"] = "Sales",
    };

    /// <summary>
    /// Clicks "Sign in with …" and follows the redirects through the provider and back, as a browser would; returns
    /// the app's answer at the end of the round trip (a redirect into the app, or a page saying why not).
    /// </summary>
    public static async Task<HttpResponseMessage> SignInThroughProviderAsync(TestClient client, Func<Uri, Uri>? tamperWithAnswer = null)
    {
        var toProvider = await client.GetAsync(await SignInLinkAsync(client));
        Assert.Equal(HttpStatusCode.Redirect, toProvider.StatusCode);
        var answer = await FollowAtProviderAsync(toProvider.Headers.Location!);
        Assert.StartsWith(new Uri(_app, "signin-oidc").ToString(), answer.ToString(), StringComparison.Ordinal);

        var callback = await client.GetAsync((tamperWithAnswer?.Invoke(answer) ?? answer).PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        return await client.GetAsync(callback.Headers.Location!.PathAndQuery());
    }

    /// <summary>Where the login page's "Sign in with …" leads.</summary>
    public static async Task<string> SignInLinkAsync(TestClient client) =>
        (await client.GetPageAsync("/Account/Login")).QuerySelector("main a[href^='/Account/External']")!.GetAttribute("href")!;

    /// <summary>The provider's answer to a request the app sent the browser to: where it sends the browser back.</summary>
    public static async Task<Uri> FollowAtProviderAsync(Uri request)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var response = await browser.GetAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"The provider answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response.Headers.Location!;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_provider is not null && _ownsProvider)
        {
            await _provider.DisposeAsync();
        }

        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
