using QualityGates.Web.Notifications;

namespace QualityGates.Web.Webhooks;

/// <summary>
/// One event for one endpoint, in the outbox: written in the same SaveChanges as the change it reports, delivered
/// later by <see cref="WebhookDispatcher"/> with the outbox's claims and retries. The payload is rendered when the
/// event happens (after the insert when it names a record that is new in the same save). "Send again" writes a new
/// delivery of the same event, so the log keeps every attempt's outcome.
/// </summary>
public sealed class WebhookDelivery : OutboxItem
{
    public const int PayloadMaxLength = 8000;

    private WebhookDelivery()
    {
        Payload = "";
    }

    internal WebhookDelivery(int endpointId, WebhookEvent @event, Guid eventId, Func<string> payload, bool payloadKnown, DateTime nowUtc)
        : this()
    {
        EndpointId = endpointId;
        Event = @event;
        EventId = eventId;
        DeliveryId = Guid.NewGuid();
        CreatedAtUtc = nowUtc;
        DueAt(nowUtc);
        if (payloadKnown)
        {
            Payload = payload();
        }
        else
        {
            FillInAfterInsert(() => Payload = payload());
        }
    }

    public int EndpointId { get; private set; }

    public WebhookEvent Event { get; private set; }

    /// <summary>The same for every endpoint told of the event, and for a delivery sent again: receivers de-duplicate by it.</summary>
    public Guid EventId { get; private set; }

    /// <summary>This delivery's own id, sent in the <c>X-QualityGates-Delivery</c> header.</summary>
    public Guid DeliveryId { get; private set; }

    /// <summary>The JSON body, exactly as it is signed and sent.</summary>
    public string Payload { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>The HTTP status of the last attempt; null when no answer came (refused address, timeout, connection).</summary>
    public int? LastStatusCode { get; private set; }

    /// <summary>How long the last attempt took, in milliseconds.</summary>
    public int? LastDurationMs { get; private set; }

    /// <summary>A new delivery of the same event and body to the same endpoint, due now.</summary>
    public WebhookDelivery Again(DateTime nowUtc)
    {
        var payload = Payload;
        return new WebhookDelivery(EndpointId, Event, EventId, () => payload, payloadKnown: true, nowUtc);
    }
}
