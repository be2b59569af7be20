using Microsoft.Extensions.Options;

namespace QualityGates.Web.Notifications;

/// <summary>
/// Polls the outbox, runs the daily reminders and removes expired messages in every app instance; the claims,
/// the reminder keys and the set-based delete make that safe. A failing pass (database down) is logged and tried
/// again at the next tick.
/// </summary>
public sealed class NotificationBackgroundService(
    OutboxDispatcher dispatcher,
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
            // A full batch means more may be due: deliver on without waiting for the next tick.
            int handled;
            do
            {
                handled = await dispatcher.DeliverDueAsync(ct);
            }
            while (handled == options.Value.BatchSize);
            await retention.RunIfDueAsync(ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.PassFailed(e, options.Value.PollInterval);
        }
    }
}
