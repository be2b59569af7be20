using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace QualityGates.Web.SingleSignOn;

/// <summary>The provider's discovery document, fetched and cached by the OpenID Connect handler's configuration manager.</summary>
public sealed class ProviderMetadata(
    IOptions<SingleSignOnOptions> settings, IOptionsMonitor<OpenIdConnectOptions> handlerOptions, ILogger<ProviderMetadata> logger)
{
    /// <summary>Null when single sign-on is off, or when the provider cannot be reached (logged).</summary>
    public async Task<OpenIdConnectConfiguration?> GetAsync(CancellationToken cancellationToken)
    {
        if (!settings.Value.IsConfigured)
        {
            return null;
        }

        try
        {
            return await handlerOptions.Get(SingleSignOnOptions.Scheme).ConfigurationManager!.GetConfigurationAsync(cancellationToken);
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException)
        {
            logger.ProviderUnreachable(e, settings.Value.DisplayName, settings.Value.Authority);
            return null;
        }
    }
}
