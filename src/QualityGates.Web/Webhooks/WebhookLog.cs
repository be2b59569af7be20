namespace QualityGates.Web.Webhooks;

internal static partial class WebhookLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} to endpoint {EndpointId} failed on attempt {Attempt}")]
    public static partial void WebhookFailed(this ILogger logger, Exception exception, long deliveryId, int endpointId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} to endpoint {EndpointId}: the receiver answered {StatusCode} on attempt {Attempt}")]
    public static partial void WebhookAnsweredWithError(this ILogger logger, long deliveryId, int endpointId, int attempt, int statusCode);
}
