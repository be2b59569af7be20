using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using QualityGates.Tests;

namespace QualityGates.Browser.Tests.Infrastructure;

/// <summary>
/// The app with single sign-on through the tests' own OpenID Connect provider (<see cref="TestIdentityProvider"/>).
/// The app's port is chosen first, so the provider can register the app's redirect URIs before the app starts.
/// </summary>
public sealed class SingleSignOnBrowserFixture : BrowserFixture
{
    public const string ProviderName = "Test IdP";
    private const string ClientId = "qualitygates";
    private readonly BrowserAppFactory _app;
    private readonly int _port;
    private TestIdentityProvider? _provider;

    public SingleSignOnBrowserFixture()
        : this(FreePort())
    {
    }

    private SingleSignOnBrowserFixture(int port)
        : this(new BrowserAppFactory(port), port)
    {
    }

    private SingleSignOnBrowserFixture(BrowserAppFactory app, int port)
        : base(app) => (_app, _port) = (app, port);

    public TestIdentityProvider Provider => _provider ?? throw new InvalidOperationException("Not initialized.");

    public override async ValueTask InitializeAsync()
    {
        var app = new Uri($"https://127.0.0.1:{_port}/");
        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _provider = await TestIdentityProvider.StartAsync(ClientId, secret, [new Uri(app, "signin-oidc")], [new Uri(app, "signout-callback-oidc")]);
        _app.Settings["Authentication:OpenIdConnect:Authority"] = _provider.Authority.ToString();
        _app.Settings["Authentication:OpenIdConnect:ClientId"] = ClientId;
        _app.Settings["Authentication:OpenIdConnect:ClientSecret"] = secret;
        _app.Settings["Authentication:OpenIdConnect:DisplayName"] = ProviderName;
        _app.Settings["Authentication:OpenIdConnect:RequireHttpsMetadata"] = "false";
        _app.Settings["Authentication:OpenIdConnect:Mappings:0:Value"] = "qg-sales";
        _app.Settings["Authentication:OpenIdConnect:Mappings:0:Role"] = "SalesRep";
        _app.Settings["Authentication:OpenIdConnect:Mappings:0:Department"] = "Sales";
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
