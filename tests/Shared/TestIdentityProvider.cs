using System.Net;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace QualityGates.Tests;

/// <summary>A person known to the <see cref="TestIdentityProvider"/>; what its ID tokens say about them.</summary>
public sealed record TestIdentityUser(string Subject, string Name, string Email, IReadOnlyList<string> Groups, string? Department = null);

/// <summary>
/// A real OpenID Connect provider for the tests only: OpenIddict on Kestrel at http://127.0.0.1:&lt;free port&gt;/, with one
/// confidential client (authorization code flow, PKCE required, client secret), issuing signed ID tokens. The app under
/// test signs in through it exactly as it would through the company's provider: discovery, JWKS, authorize, token, end session.
/// There is no login form: whoever <see cref="SignedInUser"/> names is "signed in at the provider" and gets a code at once.
/// Client, redirect URIs, secret and PKCE are checked by OpenIddict itself (its EF Core stores on an in-memory SQLite database).
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    private const string AuthorizePath = "/connect/authorize";
    private const string TokenPath = "/connect/token";
    private const string EndSessionPath = "/connect/endsession";
    private const string SignedOutPath = "/signed-out";
    private const string GroupsClaim = "groups";
    private const string DepartmentClaim = "department";

    // One named in-memory database per provider; this connection keeps it alive while each request opens its own
    // (a single shared SqliteConnection must not be used by concurrent requests).
    private readonly SqliteConnection _keepAlive;
    private WebApplication? _app;
    private bool _stopped;
    private volatile TestIdentityUser? _signedInUser;
    private volatile bool _tamperNonce;
    private int _endSessionRequests;

    private TestIdentityProvider()
    {
        _keepAlive = new SqliteConnection($"Data Source=test-identity-provider-{Guid.NewGuid():N};Mode=Memory;Cache=Shared");
        _keepAlive.Open();
    }

    /// <summary>The issuer and base address, e.g. http://127.0.0.1:54321/ (discovery at .well-known/openid-configuration).</summary>
    public Uri Authority { get; private set; } = null!;

    /// <summary>Who is signed in at the provider (its "SSO session"); authorization requests are answered for them, without a form.</summary>
    public TestIdentityUser? SignedInUser
    {
        get => _signedInUser;
        set => _signedInUser = value;
    }

    /// <summary>While true, ID tokens carry a nonce other than the one the client sent ("tampered-" + that nonce).</summary>
    public bool TamperNonce
    {
        get => _tamperNonce;
        set => _tamperNonce = value;
    }

    /// <summary>
    /// How many RP-initiated logouts (end session requests) arrived; each one also clears <see cref="SignedInUser"/>.
    /// One that OpenIddict refuses (say, an unregistered post_logout_redirect_uri: 400) is not counted.
    /// </summary>
    public int EndSessionRequests => Volatile.Read(ref _endSessionRequests);

    /// <summary>Starts the provider with its one client registered.</summary>
    /// <param name="clientId">The client's id, as the app sends it.</param>
    /// <param name="clientSecret">The client's secret, as the app sends it to the token endpoint.</param>
    /// <param name="redirectUris">Where codes may be sent, exactly (e.g. https://localhost/signin-oidc).</param>
    /// <param name="postLogoutRedirectUris">Where an end session request may send the browser back to, exactly.</param>
    /// <remarks>Tokens are stamped with the real time, as the app checks the round trip against it (not its test clock).</remarks>
    public static async Task<TestIdentityProvider> StartAsync(
        string clientId, string clientSecret, IEnumerable<Uri> redirectUris, IEnumerable<Uri> postLogoutRedirectUris)
    {
        var provider = new TestIdentityProvider();
        try
        {
            await provider.StartCoreAsync(clientId, clientSecret, redirectUris, postLogoutRedirectUris);
            return provider;
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
    }

    /// <summary>The provider goes down: its port is closed, so clients see "connection refused" from now on.</summary>
    public async Task StopAsync()
    {
        if (_app is null || _stopped)
        {
            return;
        }

        _stopped = true;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await _keepAlive.DisposeAsync();
    }

    private async Task StartCoreAsync(
        string clientId, string clientSecret, IEnumerable<Uri> redirectUris, IEnumerable<Uri> postLogoutRedirectUris)
    {
        // The empty builder reads no appsettings.json: the test output folder holds the app's own, which is not for us.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddRouting();
        var connectionString = _keepAlive.ConnectionString;
        builder.Services.AddDbContext<ProviderDbContext>(options => options.UseSqlite(connectionString).UseOpenIddict());

        builder.Services.AddOpenIddict()
            .AddCore(options => options.UseEntityFrameworkCore().UseDbContext<ProviderDbContext>())
            .AddServer(options =>
            {
                // No issuer is set: OpenIddict takes it from the request, which is always http://127.0.0.1:<port>/.
                // Discovery (.well-known/openid-configuration) and the key set (.well-known/jwks) keep their default paths.
                options.SetAuthorizationEndpointUris(AuthorizePath.TrimStart('/'))
                    .SetTokenEndpointUris(TokenPath.TrimStart('/'))
                    .SetEndSessionEndpointUris(EndSessionPath.TrimStart('/'));

                options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                options.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email);

                // Keys live as long as the provider; access tokens stay readable JWTs (nobody here needs them encrypted).
                options.AddEphemeralSigningKey().AddEphemeralEncryptionKey().DisableAccessTokenEncryption();

                // Only the authorization and end session requests reach our own code; OpenIddict answers the token
                // requests itself from the principal stored in the authorization code.
                options.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .DisableTransportSecurityRequirement(); // plain HTTP, loopback only

                options.AddEventHandler<OpenIddictServerEvents.ProcessSignInContext>(handler => handler
                    .UseInlineHandler(ShapeIdentityToken)
                    // Between OpenIddict filling in the ID token principal (claims, nonce) and making the token.
                    .SetOrder(OpenIddictServerHandlers.PrepareIdentityTokenPrincipal.Descriptor.Order + 500)
                    .SetType(OpenIddictServerHandlerType.Custom));
            });

        var app = builder.Build();
        _app = app;
        app.Use(ShowFailures);
        app.UseRouting();
        app.UseAuthentication();
        app.MapMethods(AuthorizePath, [HttpMethods.Get, HttpMethods.Post], Authorize);
        app.MapMethods(EndSessionPath, [HttpMethods.Get, HttpMethods.Post], EndSession);
        app.MapGet(SignedOutPath, () => Results.Text("Signed out at the test provider", "text/plain"));

        await RegisterClientAsync(app.Services, clientId, clientSecret, redirectUris, postLogoutRedirectUris);
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        Authority = new Uri(address.TrimEnd('/') + "/");
    }

    private static async Task RegisterClientAsync(
        IServiceProvider services, string clientId, string clientSecret, IEnumerable<Uri> redirectUris, IEnumerable<Uri> postLogoutRedirectUris)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ProviderDbContext>().Database.EnsureCreatedAsync();

        var client = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = clientSecret,
            ClientType = ClientTypes.Confidential,
            ConsentType = ConsentTypes.Implicit,
            DisplayName = "QualityGates under test",
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile,
                Permissions.Scopes.Email,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        client.RedirectUris.UnionWith(redirectUris);
        client.PostLogoutRedirectUris.UnionWith(postLogoutRedirectUris);

        await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().CreateAsync(client);
    }

    /// <summary>OpenIddict has already checked the client, redirect URI, scopes and PKCE challenge when this runs.</summary>
    private IResult Authorize(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (SignedInUser is not { } user)
        {
            return Results.Text("Nobody is signed in at the test provider", "text/plain", statusCode: StatusCodes.Status401Unauthorized);
        }

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Subject)
            .SetClaim(Claims.Name, user.Name)
            .SetClaim(Claims.Email, user.Email)
            .AddClaims(GroupsClaim, [.. user.Groups]); // one claim per group; made into one JSON array in ShapeIdentityToken
        if (user.Department is not null)
        {
            identity.SetClaim(DepartmentClaim, user.Department);
        }

        identity.SetScopes(request.GetScopes());

        // Every claim goes into the ID token (whatever the scopes: the app reads them from there) and the access token.
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);

        // Answered with a redirect to the client's redirect_uri carrying code, state and iss (response_mode as requested).
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>RP-initiated logout: OpenIddict has validated post_logout_redirect_uri (and id_token_hint) already.</summary>
    private IResult EndSession()
    {
        Interlocked.Increment(ref _endSessionRequests);
        SignedInUser = null;

        // Redirects to post_logout_redirect_uri with the state; without one, to our own "signed out" page.
        return Results.SignOut(
            new AuthenticationProperties { RedirectUri = SignedOutPath },
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    /// <summary>
    /// A failure inside the provider is told in its 500 response, so that it shows on a browser test's page or in an HTTP
    /// test's body (the test runner does not show the provider's console log).
    /// </summary>
    private static async Task ShowFailures(HttpContext http, RequestDelegate next)
    {
        try
        {
            await next(http);
        }
        catch (Exception exception) when (!http.Response.HasStarted)
        {
            http.Response.Clear();
            http.Response.StatusCode = StatusCodes.Status500InternalServerError;
            http.Response.ContentType = "text/plain";
            await http.Response.WriteAsync("The test identity provider failed: " + exception);
        }
    }

    /// <summary>Runs for every ID token, after OpenIddict has filled in its principal and before the token is made.</summary>
    private ValueTask ShapeIdentityToken(OpenIddictServerEvents.ProcessSignInContext context)
    {
        if (context.IdentityTokenPrincipal is not { Identity: ClaimsIdentity identity } principal)
        {
            return ValueTask.CompletedTask;
        }

        // "groups" is always a JSON array, even with one group or none. Separate claims would give a plain string for a
        // single group, and a claim of the JSON_ARRAY type is split up again when the authorization code is read back,
        // so the groups are gathered into one such claim here, for the ID token alone.
        var groups = identity.FindAll(GroupsClaim).ToList();
        groups.ForEach(identity.RemoveClaim);
        identity.AddClaim(new Claim(GroupsClaim, JsonSerializer.Serialize(groups.Select(claim => claim.Value)), JsonClaimValueTypes.JsonArray));

        if (TamperNonce && principal.GetClaim(Claims.Nonce) is { } nonce)
        {
            principal.SetClaim(Claims.Nonce, "tampered-" + nonce);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Only OpenIddict's own tables (applications, authorizations, scopes, tokens).</summary>
    private sealed class ProviderDbContext(DbContextOptions<ProviderDbContext> options) : DbContext(options);
}
