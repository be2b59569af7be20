using QualityGates.Web.Webhooks;

namespace QualityGates.Web.Notifications;

public static class NotificationServiceCollectionExtensions
{
    /// <summary>The outbox, its dispatchers (e-mail, webhooks), retention and background service, e-mail sending and the daily reminders.</summary>
    public static IServiceCollection AddQualityGatesNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<NotificationOptions>(configuration.GetSection(NotificationOptions.Section));
        services.AddScoped<Notifier>();
        services.AddScoped<GateNotifications>();
        services.AddScoped<ImprovementNotifications>();
        services.AddScoped<WorkCounts>();
        services.AddSingleton<IEmailSender, MailKitEmailSender>();
        services.AddSingleton<OutboxClaims>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton<ReminderJob>();
        services.AddSingleton<NotificationRetention>();
        services.AddReminder<ConditionDueReminder>();
        services.AddReminder<ActionOverdueReminder>();
        services.AddReminder<WeeklyDigestReminder>();
        services.AddQualityGatesWebhooks(configuration);
        services.AddHostedService<NotificationBackgroundService>();
        return services;
    }

    /// <summary>Adds a daily reminder query (one small class per kind of reminder).</summary>
    public static IServiceCollection AddReminder<TReminder>(this IServiceCollection services)
        where TReminder : class, IReminder =>
        services.AddScoped<IReminder, TReminder>();
}
