using Microsoft.Extensions.Options;

namespace QualityGates.Web.Webhooks;

public static class WebhookServiceCollectionExtensions
{
    /// <summary>Endpoints' secrets, the address rules, the events put into the outbox, and the dispatcher with its own HTTP client.</summary>
    public static IServiceCollection AddQualityGatesWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WebhookOptions>(configuration.GetSection(WebhookOptions.Section));
        services.AddSingleton<WebhookAddressRules>();
        services.AddSingleton<WebhookConnector>();
        services.AddSingleton<WebhookSecrets>();
        services.AddScoped<WebhookEvents>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddHttpClient(WebhookDispatcher.HttpClientName, (provider, client) =>
                client.Timeout = provider.GetRequiredService<IOptions<WebhookOptions>>().Value.Timeout)
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                // A redirect would lead past the address check to wherever the receiver points; a proxy would be connected to instead.
                AllowAutoRedirect = false,
                UseProxy = false,
                UseCookies = false,
                ConnectCallback = provider.GetRequiredService<WebhookConnector>().ConnectAsync,
                ConnectTimeout = provider.GetRequiredService<IOptions<WebhookOptions>>().Value.Timeout,
            });
        return services;
    }
}
