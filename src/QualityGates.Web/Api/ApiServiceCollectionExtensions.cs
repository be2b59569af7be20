using System.Text.Json.Serialization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics;
using QualityGates.Web.Api.Tokens;
using QualityGates.Web.Authorization;
using Scalar.AspNetCore;

namespace QualityGates.Web.Api;

/// <summary>
/// The REST API under /api/v1 (ADR 0028): bearer personal access tokens only — the cookie is not accepted there,
/// so no request can be forged from another site — problem details for every error, an OpenAPI document and its
/// reference page for signed-in users.
/// </summary>
public static class ApiServiceCollectionExtensions
{
    public const string Prefix = "/api/v1";
    public const string DocumentPath = "/api/openapi/{documentName}.json";
    public const string ReferencePath = "/api/reference";

    /// <summary>A token of either scope.</summary>
    public const string ReadPolicy = "ApiRead";

    /// <summary>A read-write token: a read token is refused with 403.</summary>
    public const string WritePolicy = "ApiWrite";

    public static IServiceCollection AddQualityGatesApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, AccessTokenAuthenticationHandler>(AccessTokenAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ReadPolicy, p => p.AddAuthenticationSchemes(AccessTokenAuthenticationHandler.SchemeName).RequireAuthenticatedUser())
            .AddPolicy(WritePolicy, p => p.AddAuthenticationSchemes(AccessTokenAuthenticationHandler.SchemeName).RequireAuthenticatedUser()
                .RequireClaim(AppClaimTypes.AccessTokenScope, nameof(AccessScope.ReadWrite)));
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddOpenApi("v1", o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith(Prefix[1..], StringComparison.Ordinal) == true;
            o.AddDocumentTransformer<BearerSecurityScheme>();
            // A page's nested InputModel (the withdrawal's) is named after its page: "WithdrawInput", not "InputModel".
            o.CreateSchemaReferenceId = type => OpenApiOptions.CreateDefaultSchemaReferenceId(type) is { } id && type.Type.DeclaringType is { } page
                ? page.Name.Replace("Model", "", StringComparison.Ordinal) + id.Replace("Model", "", StringComparison.Ordinal)
                : OpenApiOptions.CreateDefaultSchemaReferenceId(type);
        });
        services.Configure<ApiRateLimitOptions>(configuration.GetSection(ApiRateLimitOptions.Section));
        services.AddSingleton<ApiRateLimiter>();
        services.AddScoped<PromiseActions>();
        return services;
    }

    /// <summary>
    /// Errors of the API are problem details, never the HTML error page: the status code pages and the exception
    /// page are the pages' (ADR 0004), a client of /api reads JSON.
    /// </summary>
    public static IApplicationBuilder UseApiProblemDetails(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments(Prefix))
            {
                await next(context);
                return;
            }

            context.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
            await next(context);
            if (context.Response is { StatusCode: >= 400, HasStarted: false, ContentLength: null, ContentType: null })
            {
                await context.RequestServices.GetRequiredService<IProblemDetailsService>()
                    .WriteAsync(new ProblemDetailsContext { HttpContext = context });
            }
        });

    public static WebApplication MapQualityGatesApi(this WebApplication app)
    {
        var api = app.MapGroup(Prefix)
            .RequireAuthorization(ReadPolicy)
            .AddEndpointFilter<ApiRateLimitFilter>()
            .WithTags("QualityGates")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        PromiseEndpoints.Map(api);
        FeedbackEndpoints.Map(api);
        DashboardEndpoints.Map(api);

        // Signed-in users (the cookie, by the fallback policy) read the document and browse it.
        app.MapOpenApi(DocumentPath);
        app.MapScalarApiReference(ReferencePath, o => o
            .WithTitle("QualityGates API")
            .WithOpenApiRoutePattern(DocumentPath)
            .DisableDefaultFonts()
            .DisableTelemetry()
            .WithNonce());
        return app;
    }
}
