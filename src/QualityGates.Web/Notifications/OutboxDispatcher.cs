using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MimeKit;
using QualityGates.Web.Data;
using QualityGates.Web.Telemetry;

namespace QualityGates.Web.Notifications;

/// <summary>
/// Delivers what is due in the outbox. Each message is first claimed with a conditional UPDATE (only if it is
/// still pending and nobody holds an unexpired lease), so two instances polling the same database never send
/// the same message; an instance that dies mid-send loses its claim when the lease runs out, and another one
/// delivers the message (at least once, never silently lost). Failures are retried with a doubling delay
/// until <see cref="NotificationOptions.MaxAttempts"/>, then the message is marked Failed.
/// </summary>
public sealed class OutboxDispatcher(
    IServiceScopeFactory scopes,
    IEmailSender sender,
    IOptions<NotificationOptions> options,
    IStringLocalizer<SharedResource> l,
    TimeProvider time,
    QualityGatesMetrics metrics,
    ILogger<OutboxDispatcher> logger)
{
    /// <summary>Names this instance's claims: machine, process and a random part (two apps in one process differ).</summary>
    public string InstanceId { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>One delivery pass over what is due now; returns how many messages this instance handled.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken ct = default)
    {
        var settings = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QualityGatesDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var due = await db.NotificationMessages.AsNoTracking()
            .Where(m => m.State == NotificationState.Pending && m.NextAttemptAtUtc <= now && (m.LeaseUntilUtc == null || m.LeaseUntilUtc < now))
            .OrderBy(m => m.NextAttemptAtUtc).ThenBy(m => m.Id)
            .Select(m => m.Id).Take(settings.BatchSize).ToListAsync(ct);

        var handled = 0;
        foreach (var id in due)
        {
            if (await TryClaimAsync(db, id, ct))
            {
                await DeliverAsync(db, id, ct);
                handled++;
            }
        }

        metrics.Backlog(await db.NotificationMessages.CountAsync(m => m.State == NotificationState.Pending, ct));
        return handled;
    }

    private async Task<bool> TryClaimAsync(QualityGatesDbContext db, long id, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var leaseUntil = now + options.Value.Lease;
        var claimed = await db.NotificationMessages
            .Where(m => m.Id == id && m.State == NotificationState.Pending && (m.LeaseUntilUtc == null || m.LeaseUntilUtc < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, InstanceId).SetProperty(m => m.LeaseUntilUtc, leaseUntil), ct);
        return claimed == 1;
    }

    private async Task DeliverAsync(QualityGatesDbContext db, long id, CancellationToken ct)
    {
        var message = await db.NotificationMessages.AsNoTracking().SingleAsync(m => m.Id == id, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var recipient = await db.Users.AsNoTracking().Where(u => u.Id == message.RecipientId)
            .Select(u => new { u.Email, u.DisplayName, u.EmailNotifications, u.LockoutEnd })
            .SingleOrDefaultAsync(ct);
        if (recipient is null || !recipient.EmailNotifications || string.IsNullOrWhiteSpace(recipient.Email)
            || recipient.LockoutEnd > time.GetUtcNow())
        {
            // Still on the work list; only the e-mail is left out.
            await FinishAsync(db, message, NotificationState.Suppressed, now);
            return;
        }

        try
        {
            await sender.SendAsync(Compose(message, recipient.DisplayName, recipient.Email), ct);
            await FinishAsync(db, message, NotificationState.Sent, now);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var attempts = message.Attempts + 1;
            var givesUp = attempts >= options.Value.MaxAttempts;
            logger.DeliveryFailed(e, id, attempts, givesUp);
            await FailAsync(db, message, attempts, givesUp, e.Message);
        }
    }

    internal MimeMessage Compose(NotificationMessage message, string displayName, string email)
    {
        var link = string.IsNullOrWhiteSpace(options.Value.BaseUrl) ? message.LinkPath : options.Value.BaseUrl.TrimEnd('/') + message.LinkPath;
        var footer = Notifier.InCulture(message.Culture, () => l["Notification.Footer"].Value);
        var mail = new MimeMessage
        {
            Subject = message.Subject,
            Body = new TextPart("plain") { Text = $"{message.Body}\n\n{link}\n\n-- \n{footer}\n" },
        };
        mail.From.Add(MailboxAddress.Parse(options.Value.Smtp.From));
        mail.To.Add(new MailboxAddress(displayName, email));
        mail.Headers.Add(NotificationIdHeader, message.Id.ToString(CultureInfo.InvariantCulture));
        mail.Headers.Add("Auto-Submitted", "auto-generated");
        mail.Headers.Add("Content-Language", message.Culture);
        return mail;
    }

    /// <summary>Names the outbox message in every e-mail, e.g. to find it again from a bounce.</summary>
    public const string NotificationIdHeader = "X-QualityGates-Notification";

    // Only while this instance still holds the claim: a lease that ran out belongs to whoever took it next.
    private async Task FinishAsync(QualityGatesDbContext db, NotificationMessage message, NotificationState state, DateTime now)
    {
        var updated = await Claimed(db, message.Id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.State, state)
            .SetProperty(m => m.SentAtUtc, state == NotificationState.Sent ? now : null)
            .SetProperty(m => m.Attempts, m => m.Attempts + (state == NotificationState.Sent ? 1 : 0))
            .SetProperty(m => m.ClaimedBy, (string?)null)
            .SetProperty(m => m.LeaseUntilUtc, (DateTime?)null), CancellationToken.None);
        if (!WarnIfLost(updated, message.Id))
        {
            metrics.Delivered(state);
        }
    }

    private async Task FailAsync(QualityGatesDbContext db, NotificationMessage message, int attempts, bool givesUp, string error)
    {
        var next = time.GetUtcNow().UtcDateTime + (options.Value.RetryDelay * Math.Pow(2, attempts - 1));
        var updated = await Claimed(db, message.Id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.State, givesUp ? NotificationState.Failed : NotificationState.Pending)
            .SetProperty(m => m.Attempts, attempts)
            .SetProperty(m => m.NextAttemptAtUtc, next)
            .SetProperty(m => m.LastError, NotificationMessage.Truncate(error, NotificationMessage.LastErrorMaxLength))
            .SetProperty(m => m.ClaimedBy, (string?)null)
            .SetProperty(m => m.LeaseUntilUtc, (DateTime?)null), CancellationToken.None);
        if (!WarnIfLost(updated, message.Id))
        {
            metrics.DeliveryFailed(givesUp);
        }
    }

    private IQueryable<NotificationMessage> Claimed(QualityGatesDbContext db, long id) =>
        db.NotificationMessages.Where(m => m.Id == id && m.ClaimedBy == InstanceId);

    /// <summary>Whether the outcome was lost (logged): then the instance that took the message over counts it.</summary>
    private bool WarnIfLost(int updated, long id)
    {
        if (updated == 0)
        {
            logger.ClaimLost(id);
        }

        return updated == 0;
    }
}
