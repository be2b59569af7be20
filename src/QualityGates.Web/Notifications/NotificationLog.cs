namespace QualityGates.Web.Notifications;

internal static partial class NotificationLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Background notification delivery is switched off (Notifications:BackgroundEnabled)")]
    public static partial void BackgroundDisabled(this ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Notification pass failed; trying again in {Interval}")]
    public static partial void PassFailed(this ILogger logger, Exception exception, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {NotificationId} failed on attempt {Attempt} (given up: {GivenUp})")]
    public static partial void DeliveryFailed(this ILogger logger, Exception exception, long notificationId, int attempt, bool givenUp);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{OutboxRow} {OutboxId}: the claim ran out before the outcome was recorded")]
    public static partial void ClaimLost(this ILogger logger, string outboxRow, long outboxId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminders for {Day}: {Count} written")]
    public static partial void RemindersWritten(this ILogger logger, DateOnly day, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminders for {Day} were written concurrently; trying again")]
    public static partial void RemindersRaced(this ILogger logger, Exception exception, DateOnly day);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox retention: {Count} sent or suppressed messages from before {CutoffUtc:u} removed")]
    public static partial void ExpiredRemoved(this ILogger logger, int count, DateTime cutoffUtc);
}
