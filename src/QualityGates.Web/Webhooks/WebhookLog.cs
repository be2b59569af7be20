namespace QualityGates.Web.Webhooks;

internal static partial class WebhookLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} to endpoint {EndpointId} failed on attempt {Attempt}")]
    public static partial void WebhookFailed(this ILogger logger, Exception exception, long deliveryId, int endpointId, int attempt);
}
