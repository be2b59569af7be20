using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using QualityGates.Web.Data;
using QualityGates.Web.Notifications;

namespace QualityGates.Web.Webhooks;

/// <summary>
/// Delivers the webhook deliveries that are due, claimed, retried and given up by the same <see cref="OutboxClaims"/>
/// as the e-mails. Each request is a signed POST (<see cref="WebhookSignature"/>) through the "Webhooks" client, which
/// checks every address it connects to, follows no redirect and gives up after <see cref="WebhookOptions.Timeout"/>.
/// Any 2xx answer is delivered; anything else, or no answer, is a failed attempt with its status and error.
/// </summary>
public sealed class WebhookDispatcher(
    IServiceScopeFactory scopes,
    OutboxClaims claims,
    IHttpClientFactory clients,
    WebhookSecrets secrets,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger)
{
    public const string HttpClientName = "Webhooks";

    /// <summary>One delivery pass over what is due now; returns how many deliveries this instance handled.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QualityGatesDbContext>();
        using var http = clients.CreateClient(HttpClientName);
        return await claims.DeliverDueAsync<WebhookDelivery>(db, (delivery, token) => DeliverAsync(db, http, delivery, token), ct);
    }

    private async Task DeliverAsync(QualityGatesDbContext db, HttpClient http, WebhookDelivery delivery, CancellationToken ct)
    {
        var endpoint = await db.WebhookEndpoints.AsNoTracking().SingleAsync(e => e.Id == delivery.EndpointId, ct);
        if (!endpoint.IsActive)
        {
            // Paused after the event: not sent; "Send again" on the endpoint's log sends it once it is active.
            await claims.FinishAsync(db, delivery, NotificationState.Suppressed);
            return;
        }

        var started = time.GetTimestamp();
        try
        {
            using var request = Request(endpoint, delivery);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                await claims.FinishAsync(db, delivery, NotificationState.Sent, Outcome(status, started));
            }
            else
            {
                logger.WebhookAnsweredWithError(delivery.Id, endpoint.Id, delivery.Attempts + 1, status);
                await claims.FailAsync(db, delivery, $"The receiver answered {status} {response.ReasonPhrase}.", Outcome(status, started));
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.WebhookFailed(e, delivery.Id, endpoint.Id, delivery.Attempts + 1);
            await claims.FailAsync(db, delivery, ErrorOf(e), Outcome(status: null, started));
        }
    }

    private HttpRequestMessage Request(WebhookEndpoint endpoint, WebhookDelivery delivery)
    {
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("QualityGates-Webhooks", "1"));
        request.Headers.Add(WebhookSignature.DeliveryHeader, delivery.DeliveryId.ToString());
        request.Headers.Add(WebhookSignature.EventHeader, WebhookEventNames.Of(delivery.Event));
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, string.Join(" ",
            endpoint.SigningSecrets(time.GetUtcNow().UtcDateTime).Select(s => WebhookSignature.Sign(secrets.Reveal(s), timestamp, delivery.Payload))));
        return request;
    }

    private Action<UpdateSettersBuilder<WebhookDelivery>> Outcome(int? status, long started)
    {
        var milliseconds = (int)Math.Min(int.MaxValue, time.GetElapsedTime(started).TotalMilliseconds);
        return s => s.SetProperty(d => d.LastStatusCode, status).SetProperty(d => d.LastDurationMs, milliseconds);
    }

    // The innermost message says what went wrong (refused address, connection refused, timeout); HttpClient's own is generic.
    private static string ErrorOf(Exception e) => e switch
    {
        TaskCanceledException => "No answer within the timeout.",
        HttpRequestException { InnerException: { } inner } => inner.GetBaseException().Message,
        _ => e.Message,
    };
}
