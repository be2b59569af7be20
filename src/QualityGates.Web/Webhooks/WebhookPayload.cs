using System.Text.Json;
using System.Text.Json.Serialization;

namespace QualityGates.Web.Webhooks;

/// <summary>
/// The JSON body of a delivery (docs/webhooks.md): the event's id, type and time, and the record it is about. Values
/// are invariant (status names as the API spells them, times in UTC), whatever the language of the person who acted.
/// </summary>
public sealed record WebhookPayload(Guid Id, string Type, DateTime OccurredAt, WebhookRecord Data)
{
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, _json);
}

/// <summary>The record an event is about: a promise (submitted, decided at a gate, at risk, broken) or feedback.</summary>
public sealed record WebhookRecord([property: JsonPropertyName("object")] string RecordType, int Id, string? Number, string Title, string Status, string Link)
{
    /// <summary>gate.decided: the review and its decision.</summary>
    public WebhookGate? Gate { get; init; }

    /// <summary>feedback.filed: the promise it is about, if any.</summary>
    public WebhookPromiseReference? Promise { get; init; }
}

public sealed record WebhookGate(int ReviewId, string Code, string Stage, string? Decision, bool PassedByEnvelope, string Link);

public sealed record WebhookPromiseReference(int Id, string Number, string Link);
