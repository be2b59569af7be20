namespace QualityGates.Web.Webhooks;

/// <summary>
/// What a webhook endpoint can be told of. An endpoint subscribes to a set of them (stored by name, like every enum);
/// on the wire each has its dotted name (<see cref="WebhookEventNames.Of"/>), which receivers switch on.
/// </summary>
[Flags]
public enum WebhookEvent
{
    None = 0,

    /// <summary>A promise was submitted for the feasibility review (G1).</summary>
    PromiseSubmitted = 1,

    /// <summary>A gate review (G1, G2 or G3) was decided, also by a capability envelope.</summary>
    GateDecided = 2,

    /// <summary>The delivering department raised an at-risk signal.</summary>
    PromiseAtRisk = 4,

    /// <summary>The outcome was recorded as broken (not kept).</summary>
    PromiseBroken = 8,

    /// <summary>AfterSales filed feedback.</summary>
    FeedbackFiled = 16,
}

public static class WebhookEventNames
{
    /// <summary>Every single event, in the order the pages list them.</summary>
    public static IReadOnlyList<WebhookEvent> All { get; } =
        [WebhookEvent.PromiseSubmitted, WebhookEvent.GateDecided, WebhookEvent.PromiseAtRisk, WebhookEvent.PromiseBroken, WebhookEvent.FeedbackFiled];

    /// <summary>The event's name in the payload and the <c>X-QualityGates-Event</c> header.</summary>
    public static string Of(WebhookEvent eventType) => eventType switch
    {
        WebhookEvent.PromiseSubmitted => "promise.submitted",
        WebhookEvent.GateDecided => "gate.decided",
        WebhookEvent.PromiseAtRisk => "promise.at_risk",
        WebhookEvent.PromiseBroken => "promise.broken",
        WebhookEvent.FeedbackFiled => "feedback.filed",
        _ => throw new ArgumentOutOfRangeException(nameof(eventType), eventType, "Not a single event."),
    };

    /// <summary>The single events in a set.</summary>
    public static IEnumerable<WebhookEvent> In(WebhookEvent events) => All.Where(e => events.HasFlag(e));
}
