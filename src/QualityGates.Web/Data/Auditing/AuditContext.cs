namespace QualityGates.Web.Data.Auditing;

/// <summary>
/// What the audit trail needs to know about the current unit of work (one per request): who acts — the
/// signed-in user, or the system outside a request — and, where the use case asks for one, the reason.
/// A page sets <see cref="Reason"/> before it saves; every audit entry of that request carries it.
/// </summary>
public sealed class AuditContext(IHttpContextAccessor httpContextAccessor, TimeProvider time)
{
    private AuditActor? _actingAs;

    public string? Reason { get; set; }

    public AuditActor Actor => _actingAs
        ?? (httpContextAccessor.HttpContext is { } context ? AuditActor.From(context.User) : AuditActor.System);

    /// <summary>For a change made while nobody is signed in yet on behalf of someone: a single sign-on's user update.</summary>
    public void ActAs(AuditActor actor) => _actingAs = actor;

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    /// <summary>For design-time tools (migrations), which never save.</summary>
    internal static AuditContext OutsideRequests() => new(new HttpContextAccessor(), TimeProvider.System);
}
