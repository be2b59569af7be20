using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MimeKit;
using QualityGates.Web.Data;
using QualityGates.Web.Telemetry;

namespace QualityGates.Web.Notifications;

/// <summary>
/// Delivers the e-mails that are due in the outbox, claimed, retried and given up by <see cref="OutboxClaims"/>: two
/// instances polling the same database never send the same message, and none is silently lost.
/// </summary>
public sealed class OutboxDispatcher(
    IServiceScopeFactory scopes,
    OutboxClaims claims,
    IEmailSender sender,
    IOptions<NotificationOptions> options,
    IStringLocalizer<SharedResource> l,
    TimeProvider time,
    QualityGatesMetrics metrics,
    ILogger<OutboxDispatcher> logger)
{
    /// <summary>Names this instance's claims.</summary>
    public string InstanceId => claims.InstanceId;

    /// <summary>One delivery pass over what is due now; returns how many messages this instance handled.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QualityGatesDbContext>();
        var handled = await claims.DeliverDueAsync<NotificationMessage>(db, (message, token) => DeliverAsync(db, message, token), ct);
        metrics.Backlog(await db.NotificationMessages.CountAsync(m => m.State == NotificationState.Pending, ct));
        return handled;
    }

    private async Task DeliverAsync(QualityGatesDbContext db, NotificationMessage message, CancellationToken ct)
    {
        var recipient = await db.Users.AsNoTracking().Where(u => u.Id == message.RecipientId)
            .Select(u => new { u.Email, u.DisplayName, u.EmailNotifications, u.LockoutEnd })
            .SingleOrDefaultAsync(ct);
        if (recipient is null || !recipient.EmailNotifications || string.IsNullOrWhiteSpace(recipient.Email)
            || recipient.LockoutEnd > time.GetUtcNow())
        {
            // Still on the work list; only the e-mail is left out.
            await FinishAsync(db, message, NotificationState.Suppressed);
            return;
        }

        try
        {
            await sender.SendAsync(Compose(message, recipient.DisplayName, recipient.Email), ct);
            await FinishAsync(db, message, NotificationState.Sent);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var givenUp = await claims.FailAsync(db, message, e.Message);
            logger.DeliveryFailed(e, message.Id, message.Attempts + 1, givenUp == true);
            if (givenUp is { } counted)
            {
                metrics.DeliveryFailed(counted);
            }
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

    private async Task FinishAsync(QualityGatesDbContext db, NotificationMessage message, NotificationState state)
    {
        if (await claims.FinishAsync(db, message, state))
        {
            metrics.Delivered(state);
        }
    }
}
