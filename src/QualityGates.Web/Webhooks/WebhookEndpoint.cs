using QualityGates.Domain;

namespace QualityGates.Web.Webhooks;

/// <summary>
/// A receiver an administrator registered: where to send (<see cref="Url"/>), which events, and the secret each
/// request is signed with. The secret is kept protected by ASP.NET Core Data Protection (the app must read it to sign,
/// so it cannot be only hashed); its plain value is shown once, when it is made. A paused endpoint gets nothing.
/// </summary>
public sealed class WebhookEndpoint : IVersioned
{
    public const int NameMaxLength = 100;
    public const int UrlMaxLength = 500;
    public const int ProtectedSecretMaxLength = 1000;
    public const int EventsMaxLength = 200;

    private WebhookEndpoint()
    {
        Name = "";
        Url = "";
        ProtectedSecret = "";
    }

    public WebhookEndpoint(string name, Uri url, WebhookEvent events, bool isActive, string protectedSecret, DateTime nowUtc)
        : this()
    {
        Change(name, url, events, isActive);
        ProtectedSecret = protectedSecret;
        CreatedAtUtc = nowUtc;
    }

    public int Id { get; private set; }

    public string Name { get; private set; }

    /// <summary>An absolute https address (http only for loopback where the settings allow it, i.e. tests).</summary>
    public string Url { get; private set; }

    public WebhookEvent Events { get; private set; }

    /// <summary>Active endpoints get deliveries; paused ones get none, and their waiting deliveries are left unsent.</summary>
    public bool IsActive { get; private set; }

    /// <summary>The signing secret, protected by Data Protection (<see cref="WebhookSecrets"/>).</summary>
    public string ProtectedSecret { get; private set; }

    /// <summary>The secret before the last rotation: requests are signed with it as well until <see cref="PreviousSecretUntilUtc"/>.</summary>
    public string? PreviousProtectedSecret { get; private set; }

    public DateTime? PreviousSecretUntilUtc { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public int Version { get; private set; }

    public void Change(string name, Uri url, WebhookEvent events, bool isActive)
    {
        if (events == WebhookEvent.None)
        {
            throw new DomainException("WebhookWithoutEvents", "An endpoint subscribes to at least one event.");
        }

        Name = name.Trim();
        Url = url.AbsoluteUri;
        Events = events;
        IsActive = isActive;
    }

    public void Pause() => IsActive = false;

    public void Resume() => IsActive = true;

    /// <summary>
    /// From now on requests are signed with the new secret, and with the old one beside it until
    /// <paramref name="previousUntilUtc"/>, so the receiver switches to the new one without refusing a delivery.
    /// </summary>
    public void RotateSecret(string protectedSecret, DateTime previousUntilUtc)
    {
        PreviousProtectedSecret = ProtectedSecret;
        PreviousSecretUntilUtc = previousUntilUtc;
        ProtectedSecret = protectedSecret;
    }

    /// <summary>The (protected) secrets a request sent at <paramref name="nowUtc"/> is signed with: the current one first.</summary>
    public IEnumerable<string> SigningSecrets(DateTime nowUtc) =>
        PreviousProtectedSecret is not null && nowUtc < PreviousSecretUntilUtc ? [ProtectedSecret, PreviousProtectedSecret] : [ProtectedSecret];

    public bool Wants(WebhookEvent eventType) => IsActive && Events.HasFlag(eventType);
}
