namespace QualityGates.Web.Notifications;

/// <summary>
/// What every outbox row has, whatever it carries (an e-mail, a webhook delivery): its state, its attempts and the
/// claim of the instance that is delivering it. <see cref="OutboxClaims"/> works on these alone, so every outbox is
/// claimed, retried and given up by the same rules (ADR 0012).
/// </summary>
public abstract class OutboxItem
{
    private Action? _fillIn;

    public const int ClaimedByMaxLength = 100;
    public const int LastErrorMaxLength = 1000;

    public long Id { get; private set; }

    public NotificationState State { get; private set; } = NotificationState.Pending;

    public int Attempts { get; private set; }

    public DateTime NextAttemptAtUtc { get; private set; }

    public DateTime? SentAtUtc { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>The dispatcher instance that holds the row until <see cref="LeaseUntilUtc"/>.</summary>
    public string? ClaimedBy { get; private set; }

    public DateTime? LeaseUntilUtc { get; private set; }

    /// <summary>Whether part of the row names a record that the database numbers on insert: known only after the insert.</summary>
    internal bool WaitsForDatabaseKeys => _fillIn is not null;

    /// <summary>Called by the context once new records have their database keys; the second save writes what it filled in.</summary>
    internal void FillInDatabaseKeys()
    {
        _fillIn?.Invoke();
        _fillIn = null;
    }

    /// <summary>Due at once.</summary>
    protected void DueAt(DateTime nowUtc) => NextAttemptAtUtc = nowUtc;

    /// <summary>Writes part of the row once new records have their keys (see <see cref="FillInDatabaseKeys"/>).</summary>
    protected void FillInAfterInsert(Action fillIn) => _fillIn = fillIn;

    internal static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
