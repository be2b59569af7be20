namespace QualityGates.Web.Webhooks;

/// <summary>The "Webhooks" section of the configuration. Retries, lease and batch size are the outbox's (Notifications).</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>
    /// Lets endpoints on loopback addresses (127.0.0.0/8, ::1) through, over http as well: for tests and a developer's
    /// receiver only. The settings check refuses it in Production. Private and link-local ranges stay refused.
    /// </summary>
    public bool AllowLoopback { get; set; }

    /// <summary>How long one request may take, connection included; a receiver should answer at once and work later.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>After a secret is rotated, how long requests carry a signature with the old secret as well.</summary>
    public TimeSpan SecretOverlap { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long resolving an endpoint's host name may take, at registration and before each connection.</summary>
    public TimeSpan ResolveTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
