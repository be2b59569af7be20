using Microsoft.Extensions.Options;
using QualityGates.Web.Webhooks;

namespace QualityGates.Web.Notifications;

/// <summary>
/// Polls the outbox (e-mails and webhook deliveries), runs the daily reminders and removes expired messages in every app instance; the claims,
/// the reminder keys and the set-based delete make that safe. A failing pass (database down) is logged and tried
/// again at the next tick.
/// </summary>
public sealed class NotificationBackgroundService(
    OutboxDispatcher dispatcher,
    WebhookDispatcher webhooks,
    ReminderJob reminders,
    NotificationRetention retention,
    IOptions<NotificationOptions> options,
    TimeProvider time,
    ILogger<NotificationBackgroundService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.BackgroundEnabled)
        {
            logger.BackgroundDisabled();
            return;
        }

        using var timer = new PeriodicTimer(options.Value.PollInterval, time);
        try
        {
            do
            {
                await RunOnceAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunOnceAsync(CancellationToken ct)
    {
        try
        {
            await reminders.RunIfDueAsync(ct);
            await DeliverAllDueAsync(dispatcher.DeliverDueAsync, ct);
            await DeliverAllDueAsync(webhooks.DeliverDueAsync, ct);
            await retention.RunIfDueAsync(ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.PassFailed(e, options.Value.PollInterval);
        }
    }

    // A full batch means more may be due: deliver on without waiting for the next tick.
    private async Task DeliverAllDueAsync(Func<CancellationToken, Task<int>> deliverDue, CancellationToken ct)
    {
        while (await deliverDue(ct) == options.Value.BatchSize)
        {
        }
    }
}
