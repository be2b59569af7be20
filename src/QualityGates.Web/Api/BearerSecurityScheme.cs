using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using QualityGates.Web.Api.Tokens;

namespace QualityGates.Web.Api;

/// <summary>Tells readers of the OpenAPI document (and the reference page's client) that every operation needs a bearer token.</summary>
internal sealed class BearerSecurityScheme : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[AccessTokenAuthenticationHandler.SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = $"A personal access token ({AccessTokenText.Prefix}…), created under My settings → Access tokens.",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(AccessTokenAuthenticationHandler.SchemeName, document)] = [] }];
        return Task.CompletedTask;
    }
}
