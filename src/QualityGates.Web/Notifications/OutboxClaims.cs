using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.Options;
using QualityGates.Web.Data;

namespace QualityGates.Web.Notifications;

/// <summary>
/// How every outbox of the app is delivered by several instances at once (ADR 0012): each due row is first claimed
/// with a conditional UPDATE (only if it is still pending and nobody holds an unexpired lease), so two instances
/// never deliver the same row; an instance that dies mid-delivery loses its claim when the lease runs out, and another
/// delivers the row (at least once, never silently lost). The outcome is written only while the claim is still held.
/// A failure waits <see cref="NotificationOptions.RetryDelay"/> · 2^(attempts − 1), and the row is given up (Failed)
/// after <see cref="NotificationOptions.MaxAttempts"/>. What a row carries and how it is sent is the caller's.
/// </summary>
public sealed class OutboxClaims(IOptions<NotificationOptions> options, TimeProvider time, ILogger<OutboxClaims> logger)
{
    /// <summary>Names this instance's claims: machine, process and a random part (two apps in one process differ).</summary>
    public string InstanceId { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>
    /// One delivery pass over the rows of <typeparamref name="TItem"/> that are due now: claims each and hands it to
    /// <paramref name="deliver"/>, which reports the outcome through <see cref="FinishAsync{TItem}"/> or
    /// <see cref="FailAsync{TItem}"/>. Returns how many rows this instance handled.
    /// </summary>
    public async Task<int> DeliverDueAsync<TItem>(
        QualityGatesDbContext db, Func<TItem, CancellationToken, Task> deliver, CancellationToken ct)
        where TItem : OutboxItem
    {
        var now = time.GetUtcNow().UtcDateTime;
        var due = await db.Set<TItem>().AsNoTracking()
            .Where(m => m.State == NotificationState.Pending && m.NextAttemptAtUtc <= now && (m.LeaseUntilUtc == null || m.LeaseUntilUtc < now))
            .OrderBy(m => m.NextAttemptAtUtc).ThenBy(m => m.Id)
            .Select(m => m.Id).Take(options.Value.BatchSize).ToListAsync(ct);

        var handled = 0;
        foreach (var id in due)
        {
            if (await TryClaimAsync<TItem>(db, id, ct))
            {
                await deliver(await db.Set<TItem>().AsNoTracking().SingleAsync(m => m.Id == id, ct), ct);
                handled++;
            }
        }

        return handled;
    }

    /// <summary>
    /// Records a final outcome (Sent, Suppressed) and whatever else the caller sets; false when the claim was lost
    /// (logged): then the instance that took the row over records and counts it.
    /// </summary>
    public async Task<bool> FinishAsync<TItem>(
        QualityGatesDbContext db, TItem item, NotificationState state, Action<UpdateSettersBuilder<TItem>>? also = null)
        where TItem : OutboxItem
    {
        var now = time.GetUtcNow().UtcDateTime;
        var updated = await Claimed(db, item).ExecuteUpdateAsync(s =>
        {
            s.SetProperty(m => m.State, state)
                .SetProperty(m => m.SentAtUtc, state == NotificationState.Sent ? now : null)
                .SetProperty(m => m.Attempts, m => m.Attempts + (state == NotificationState.Sent ? 1 : 0))
                .SetProperty(m => m.ClaimedBy, (string?)null)
                .SetProperty(m => m.LeaseUntilUtc, (DateTime?)null);
            also?.Invoke(s);
        }, CancellationToken.None);
        return Held(updated, item);
    }

    /// <summary>
    /// Records a failed attempt: due again after the growing pause, or given up after the last attempt. Returns whether
    /// it gave up, or null when the claim was lost.
    /// </summary>
    public async Task<bool?> FailAsync<TItem>(
        QualityGatesDbContext db, TItem item, string error, Action<UpdateSettersBuilder<TItem>>? also = null)
        where TItem : OutboxItem
    {
        var attempts = item.Attempts + 1;
        var givesUp = attempts >= options.Value.MaxAttempts;
        var next = time.GetUtcNow().UtcDateTime + (options.Value.RetryDelay * Math.Pow(2, attempts - 1));
        var updated = await Claimed(db, item).ExecuteUpdateAsync(s =>
        {
            s.SetProperty(m => m.State, givesUp ? NotificationState.Failed : NotificationState.Pending)
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.NextAttemptAtUtc, next)
                .SetProperty(m => m.LastError, OutboxItem.Truncate(error, OutboxItem.LastErrorMaxLength))
                .SetProperty(m => m.ClaimedBy, (string?)null)
                .SetProperty(m => m.LeaseUntilUtc, (DateTime?)null);
            also?.Invoke(s);
        }, CancellationToken.None);
        return Held(updated, item) ? givesUp : null;
    }

    private async Task<bool> TryClaimAsync<TItem>(QualityGatesDbContext db, long id, CancellationToken ct)
        where TItem : OutboxItem
    {
        var now = time.GetUtcNow().UtcDateTime;
        var leaseUntil = now + options.Value.Lease;
        var claimed = await db.Set<TItem>()
            .Where(m => m.Id == id && m.State == NotificationState.Pending && (m.LeaseUntilUtc == null || m.LeaseUntilUtc < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, InstanceId).SetProperty(m => m.LeaseUntilUtc, leaseUntil), ct);
        return claimed == 1;
    }

    // Only while this instance still holds the claim: a lease that ran out belongs to whoever took it next.
    private IQueryable<TItem> Claimed<TItem>(QualityGatesDbContext db, TItem item)
        where TItem : OutboxItem =>
        db.Set<TItem>().Where(m => m.Id == item.Id && m.ClaimedBy == InstanceId);

    private bool Held(int updated, OutboxItem item)
    {
        if (updated == 0)
        {
            logger.ClaimLost(item.GetType().Name, item.Id);
        }

        return updated == 1;
    }
}
