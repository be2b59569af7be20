using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QualityGates.Web.Data;

namespace QualityGates.Web.Notifications;

/// <summary>
/// Removes delivered e-mails and webhook deliveries from the outbox once <see cref="NotificationOptions.RetainSentFor"/>
/// has passed: Sent ones by their sent time, Suppressed ones (finished too, never sent) by the attempt that suppressed
/// them. Failed ones stay: they are what an administrator must still look at in the outbox. Pending ones are
/// still on their way. The outbox is not audited, and deleting it writes nothing to the audit trail.
/// </summary>
public sealed class NotificationRetention(
    IServiceScopeFactory scopes, IOptions<NotificationOptions> options, TimeProvider time, ILogger<NotificationRetention> logger)
{
    /// <summary>Rows per DELETE: a large backlog (the first run) is removed in short transactions, not one long lock.</summary>
    public const int BatchSize = 1000;

    /// <summary>Retention counts in days; every instance checking once an hour is often enough.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    private DateTime? _nextRunUtc;

    /// <summary>Removes what has expired, unless this instance already did within the last <see cref="Interval"/>.</summary>
    public async Task RunIfDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (now < _nextRunUtc)
        {
            return;
        }

        await RemoveExpiredAsync(ct);
        _nextRunUtc = now + Interval;
    }

    /// <summary>Deletes the expired Sent and Suppressed e-mails and webhook deliveries; returns how many this instance deleted.</summary>
    public async Task<int> RemoveExpiredAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QualityGatesDbContext>();
        var cutoff = time.GetUtcNow().UtcDateTime - options.Value.RetainSentFor;
        var removed = await RemoveExpiredAsync(db.NotificationMessages, cutoff, ct) + await RemoveExpiredAsync(db.WebhookDeliveries, cutoff, ct);
        if (removed > 0)
        {
            logger.ExpiredRemoved(removed, cutoff);
        }

        return removed;
    }

    private static async Task<int> RemoveExpiredAsync<TItem>(DbSet<TItem> items, DateTime cutoff, CancellationToken ct)
        where TItem : OutboxItem
    {
        // A message is sent or suppressed at an attempt that was due, so NextAttemptAtUtc (when its last attempt fell due) is
        // never later than the outcome: bounding it by the cutoff changes nothing, and lets the (State, NextAttemptAtUtc)
        // index read only the expired rows, not every sent one. Suppressed messages have no sent time; that attempt is it.
        var expired = items.Where(m =>
            (m.State == NotificationState.Sent && m.NextAttemptAtUtc < cutoff && m.SentAtUtc < cutoff)
            || (m.State == NotificationState.Suppressed && m.NextAttemptAtUtc < cutoff));

        // Set-based and idempotent: instances that run this at the same time each delete what is still there,
        // so every row goes once, and a row another instance took first is simply no longer matched. A batch cut short
        // that way ends this run early; whatever is left goes at the next one.
        var removed = 0;
        int batch;
        do
        {
            batch = await expired.Take(BatchSize).ExecuteDeleteAsync(ct);
            removed += batch;
        }
        while (batch == BatchSize);

        return removed;
    }
}
