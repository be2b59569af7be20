using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace QualityGates.Web.SingleSignOn;

public static class SingleSignOnServiceCollectionExtensions
{
    /// <summary>
    /// The company's OpenID Connect provider as a second way in, when configured: authorization code flow with PKCE,
    /// the provider's answer kept in Identity's external cookie until <c>Account/External</c> has made it a user here.
    /// </summary>
    public static IServiceCollection AddQualityGatesSingleSignOn(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection(SingleSignOnOptions.Section);
        services.Configure<SingleSignOnOptions>(section);
        services.AddScoped<ExternalSignIn>();
        services.AddSingleton<ProviderMetadata>();
        var settings = section.Get<SingleSignOnOptions>() ?? new SingleSignOnOptions();
        if (!settings.IsConfigured)
        {
            return services;
        }

        services.AddAuthentication().AddOpenIdConnect(SingleSignOnOptions.Scheme, settings.DisplayName, options =>
        {
            options.SignInScheme = IdentityConstants.ExternalScheme;
            // The round trip is timed against the browser's and the provider's clocks (cookie expiry, token and nonce
            // lifetimes): the real one, also when the app's business clock is another (tests stand on a fixed day).
            options.TimeProvider = TimeProvider.System;
            // RP-initiated logout sends the ID token kept in the app's own cookie as id_token_hint.
            options.SignOutScheme = IdentityConstants.ApplicationScheme;
            options.Authority = settings.Authority;
            options.ClientId = settings.ClientId;
            options.ClientSecret = settings.ClientSecret;
            options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
            options.ResponseType = OpenIdConnectResponseType.Code;
            options.UsePkce = true;
            // The code comes back in the query of a top-level GET, so the correlation and nonce cookies can be
            // SameSite=Lax like the app's own; a form post from the provider's site would need SameSite=None.
            options.ResponseMode = OpenIdConnectResponseMode.Query;
            options.CorrelationCookie.SameSite = SameSiteMode.Lax;
            options.NonceCookie.SameSite = SameSiteMode.Lax;
            var securePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            options.CorrelationCookie.SecurePolicy = securePolicy;
            options.NonceCookie.SecurePolicy = securePolicy;
            options.Scope.Clear();
            foreach (var scope in settings.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                options.Scope.Add(scope);
            }

            // Claims keep the names the provider gives them ("groups", "roles", "department"), the names the mappings use.
            options.MapInboundClaims = false;
            options.TokenValidationParameters.NameClaimType = "name";
            options.GetClaimsFromUserInfoEndpoint = false;
            options.SaveTokens = true;
            options.Events.OnRemoteFailure = context =>
            {
                context.HttpContext.RequestServices.GetRequiredService<ILogger<ExternalSignIn>>().RemoteFailure(context.Failure, settings.DisplayName);
                context.Response.Redirect($"{context.Request.PathBase}/Account/External?handler=Failed");
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });
        return services;
    }
}
