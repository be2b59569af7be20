using Microsoft.Extensions.Options;

namespace QualityGates.Web.Notifications;

/// <summary>
/// Polls the outbox and runs the daily reminders in every app instance; the claims and the reminder keys make
/// that safe. A failing pass (database down) is logged and tried again at the next tick.
/// </summary>
public sealed class NotificationBackgroundService(
    OutboxDispatcher dispatcher, ReminderJob reminders, IOptions<NotificationOptions> options, TimeProvider time, ILogger<NotificationBackgroundService> logger)
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
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.PassFailed(e, options.Value.PollInterval);
        }
    }
}
