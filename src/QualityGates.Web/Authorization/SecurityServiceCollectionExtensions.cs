using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using QualityGates.Web.Data;

namespace QualityGates.Web.Authorization;

public static class SecurityServiceCollectionExtensions
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan AbsoluteTimeout = TimeSpan.FromHours(12);
    private const string AbsoluteExpiryKey = "qg.absolute_expiry";

    /// <summary>Identity on EF Core, the auth cookie, and the deny-by-default authorization rules.</summary>
    public static IServiceCollection AddQualityGatesSecurity(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddIdentity<AppUser, IdentityRole>(options =>
            {
                // NIST 800-63B: length, no composition rules.
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<QualityGatesDbContext>()
            .AddClaimsPrincipalFactory<AppUserClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();

        // Locking a user or changing their role ends their sessions within this interval.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(5));

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "QualityGates.Auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = environment.IsDevelopment()
                ? CookieSecurePolicy.SameAsRequest
                : CookieSecurePolicy.Always;
            options.ExpireTimeSpan = IdleTimeout;
            options.SlidingExpiration = true;
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";

            // A real 403 (rendered by the status code page) instead of a redirect: scripts and tests see the truth.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
            options.Events.OnSigningIn = context =>
            {
                var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
                context.Properties.Items.TryAdd(AbsoluteExpiryKey, now.Add(AbsoluteTimeout).ToString("O", CultureInfo.InvariantCulture));
                return Task.CompletedTask;
            };
            var validateSecurityStamp = options.Events.OnValidatePrincipal;
            options.Events.OnValidatePrincipal = async context =>
            {
                var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
                if (!context.Properties.Items.TryGetValue(AbsoluteExpiryKey, out var value)
                    || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var expiry)
                    || now >= expiry)
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }

                await validateSecurityStamp(context);
            };
        });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Administration, p => p.RequireRole(Roles.Administrator))
            .AddPolicy(Policies.MakePromises, p => p.RequireRole(Roles.SalesRep))
            .AddPolicy(Policies.ManageCustomers, p => p.RequireRole(Roles.SalesRep, Roles.Administrator))
            .AddPolicy(Policies.DefineEnvelopes, p => p.RequireRole(Roles.ServiceManager))
            .AddPolicy(Policies.Export, p => p.RequireRole(Roles.ServiceManager, Roles.AfterSales, Roles.Executive, Roles.Administrator));
        services.AddSingleton<IAuthorizationHandler, PromiseAuthorizationHandler>();
        services.AddSingleton<IAuthorizationHandler, ReviewAuthorizationHandler>();
        services.AddSingleton<IAuthorizationHandler, EnvelopeAuthorizationHandler>();

        // Keys in the database: every instance behind a load balancer reads the same cookies and tokens.
        services.AddDataProtection()
            .SetApplicationName("QualityGates")
            .PersistKeysToDbContext<QualityGatesDbContext>();

        return services;
    }
}
