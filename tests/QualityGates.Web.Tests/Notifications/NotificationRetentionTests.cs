using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using QualityGates.Web.Data;
using QualityGates.Web.Notifications;

namespace QualityGates.Web.Tests.Notifications;

/// <summary>The app with the default retention (90 days) and a mail server that a test can take down.</summary>
public sealed class RetentionFactory : NotificationFactory
{
    /// <summary>While set, every e-mail fails as if the mail server refused the connection.</summary>
    public bool MailServerDown { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IEmailSender>(
            provider => new SwitchedMailServer(this, ActivatorUtilities.CreateInstance<MailKitEmailSender>(provider))));
    }

    private sealed class SwitchedMailServer(RetentionFactory factory, IEmailSender pickupFolder) : IEmailSender
    {
        public Task SendAsync(MimeMessage message, CancellationToken ct) => factory.MailServerDown
            ? throw new IOException("Connection refused by smtp.example.com:587")
            : pickupFolder.SendAsync(message, ct);
    }
}

/// <summary>The app with <c>Notifications:RetainSentFor</c> set to a week.</summary>
public sealed class WeekRetentionFactory : NotificationFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Notifications:RetainSentFor", "7.00:00:00");
    }
}

/// <summary>Puts messages into the outbox and through delivery, as the app's pages and background job do.</summary>
internal static class Outbox
{
    public static async Task<(long Id, string Subject)> QueueAsync(NotificationFactory factory, string recipientEmail, string title)
    {
        var recipientId = await factory.UserIdAsync(recipientEmail);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QualityGatesDbContext>();
        await scope.ServiceProvider.GetRequiredService<Notifier>()
            .EnqueueAsync(NotificationKind.ActionAssigned, [recipientId], NotificationLink.ToPath("/Actions"), [title, new DateOnly(2027, 1, 31)]);
        await db.SaveChangesAsync();
        var message = db.ChangeTracker.Entries<NotificationMessage>().Single().Entity;
        return (message.Id, message.Subject);
    }

    public static async Task<(long Id, string Subject)> SendAsync(NotificationFactory factory, string recipientEmail, string title)
    {
        var message = await QueueAsync(factory, recipientEmail, title);
        await factory.DeliverAsync();
        Assert.Equal(NotificationState.Sent, await StateAsync(factory, message.Id));
        return message;
    }

    public static Task<NotificationState?> StateAsync(NotificationFactory factory, long id) =>
        factory.WithDbAsync(db => db.NotificationMessages.Where(m => m.Id == id).Select(m => (NotificationState?)m.State).SingleOrDefaultAsync());

    public static Task<int> AuditEntriesAsync(NotificationFactory factory) => factory.WithDbAsync(db => db.AuditEntries.CountAsync());
}

/// <summary>
/// Sent e-mails leave the outbox once <c>Notifications:RetainSentFor</c> (90 days) has passed; what still needs
/// someone — a message waiting, or one given up — stays, and the audit trail is never touched.
/// </summary>
public sealed class NotificationRetentionTests(RetentionFactory factory) : IClassFixture<RetentionFactory>
{
    [Fact]
    public async Task A_message_sent_91_days_ago_leaves_the_outbox_and_one_sent_89_days_ago_stays()
    {
        var old = await Outbox.SendAsync(factory, "sales@demo.local", "Retention: sent 91 days ago");
        factory.Clock.Advance(TimeSpan.FromDays(2));
        var recent = await Outbox.SendAsync(factory, "sales@demo.local", "Retention: sent 89 days ago");
        factory.Clock.Advance(TimeSpan.FromDays(89));
        var auditEntries = await Outbox.AuditEntriesAsync(factory);

        await factory.RemoveExpiredAsync();

        Assert.Equal(auditEntries, await Outbox.AuditEntriesAsync(factory));
        using var admin = factory.CreateTestClient();
        await admin.SignInSuccessfullyAsync("admin@demo.local");
        var sent = (await admin.GetPageAsync("/Admin/Outbox?state=Sent")).QuerySelectorAll("table.outbox tbody tr").Select(r => r.TextContent).ToList();
        Assert.DoesNotContain(sent, row => row.Contains(old.Subject, StringComparison.Ordinal));
        Assert.Contains(sent, row => row.Contains(recent.Subject, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_and_a_waiting_message_stay_however_old_and_a_suppressed_one_goes_like_a_sent_one()
    {
        (long Id, string Subject) failed;
        factory.MailServerDown = true;
        try
        {
            failed = await Outbox.QueueAsync(factory, "sales@demo.local", "Retention: given up");
            await factory.DeliverAsync();
            factory.Clock.Advance(TimeSpan.FromMinutes(1));
            await factory.DeliverAsync();
            factory.Clock.Advance(TimeSpan.FromMinutes(2));
            await factory.DeliverAsync();
        }
        finally
        {
            factory.MailServerDown = false;
        }

        await SetEmailAsync("marketing@demo.local", on: false);
        (long Id, string Subject) suppressed;
        try
        {
            suppressed = await Outbox.QueueAsync(factory, "marketing@demo.local", "Retention: not e-mailed");
            await factory.DeliverAsync();
        }
        finally
        {
            await SetEmailAsync("marketing@demo.local", on: true);
        }

        var sent = await Outbox.SendAsync(factory, "sales@demo.local", "Retention: sent");
        // Still waiting (say, delivery was switched off on every instance): never delivered, so never removed.
        var waiting = await Outbox.QueueAsync(factory, "sales@demo.local", "Retention: waiting");
        Assert.Equal(NotificationState.Failed, await Outbox.StateAsync(factory, failed.Id));
        Assert.Equal(NotificationState.Suppressed, await Outbox.StateAsync(factory, suppressed.Id));
        factory.Clock.Advance(TimeSpan.FromDays(91));

        await factory.RemoveExpiredAsync();

        Assert.Null(await Outbox.StateAsync(factory, sent.Id));
        Assert.Null(await Outbox.StateAsync(factory, suppressed.Id));
        Assert.Equal(NotificationState.Failed, await Outbox.StateAsync(factory, failed.Id));
        Assert.Equal(NotificationState.Pending, await Outbox.StateAsync(factory, waiting.Id));
        using var admin = factory.CreateTestClient();
        await admin.SignInSuccessfullyAsync("admin@demo.local");
        var outbox = await admin.GetPageAsync("/Admin/Outbox?state=Failed");
        var row = Assert.Single(outbox.QuerySelectorAll("table.outbox tbody tr"), r => r.TextContent.Contains(failed.Subject, StringComparison.Ordinal));
        Assert.Contains("Connection refused by smtp.example.com:587", row.TextContent);
    }

    [Fact]
    public async Task The_background_job_looks_once_an_hour_so_a_message_leaves_within_the_hour_after_it_expires()
    {
        var retention = factory.Services.GetRequiredService<NotificationRetention>();
        var message = await Outbox.SendAsync(factory, "sales@demo.local", "Retention: removed within the hour");
        factory.Clock.Advance(TimeSpan.FromDays(90) - TimeSpan.FromMinutes(10));
        await retention.RunIfDueAsync(CancellationToken.None);
        Assert.Equal(NotificationState.Sent, await Outbox.StateAsync(factory, message.Id));

        factory.Clock.Advance(TimeSpan.FromMinutes(20));
        await retention.RunIfDueAsync(CancellationToken.None);
        Assert.Equal(NotificationState.Sent, await Outbox.StateAsync(factory, message.Id));

        factory.Clock.Advance(TimeSpan.FromMinutes(40));
        await retention.RunIfDueAsync(CancellationToken.None);
        Assert.Null(await Outbox.StateAsync(factory, message.Id));
    }

    private Task<int> SetEmailAsync(string email, bool on) => factory.WithDbAsync(async db =>
    {
        (await db.Users.SingleAsync(u => u.Email == email)).EmailNotifications = on;
        return await db.SaveChangesAsync();
    });
}

/// <summary>The retention period is the operator's: <c>Notifications:RetainSentFor</c>.</summary>
public sealed class CustomRetentionTests(WeekRetentionFactory factory) : IClassFixture<WeekRetentionFactory>
{
    [Fact]
    public async Task With_RetainSentFor_set_to_a_week_a_message_sent_8_days_ago_goes_and_one_sent_6_days_ago_stays()
    {
        var old = await Outbox.SendAsync(factory, "sales@demo.local", "Retention: sent 8 days ago");
        factory.Clock.Advance(TimeSpan.FromDays(2));
        var recent = await Outbox.SendAsync(factory, "sales@demo.local", "Retention: sent 6 days ago");
        factory.Clock.Advance(TimeSpan.FromDays(6));

        await factory.RemoveExpiredAsync();

        Assert.Null(await Outbox.StateAsync(factory, old.Id));
        Assert.Equal(NotificationState.Sent, await Outbox.StateAsync(factory, recent.Id));
    }
}

/// <summary>Several app instances on one database remove the same expired messages at the same time.</summary>
public sealed class RetentionInstanceTests : SeveralInstancesTests
{
    [Fact]
    public async Task Two_instances_removing_at_once_remove_each_expired_message_once_without_errors_and_leave_the_audit_trail_alone()
    {
        await using var first = new AppInstance(Database, PickupFolder);
        await using var second = new AppInstance(Database, PickupFolder);
        _ = first.Services;
        _ = second.Services;
        // More than two batches, so that the instances' deletes interleave.
        await QueueAsync(first, rounds: (2 * NotificationRetention.BatchSize / 9) + 50);
        // As the dispatcher records a delivery; e-mailing thousands of messages would only slow the test down.
        var expired = await first.WithDbAsync(db => db.NotificationMessages.ExecuteUpdateAsync(s => s
            .SetProperty(m => m.State, NotificationState.Sent)
            .SetProperty(m => m.SentAtUtc, m => m.CreatedAtUtc)));
        foreach (var instance in new[] { first, second })
        {
            instance.Clock.Advance(TimeSpan.FromDays(91));
        }

        var waiting = await QueueAsync(first, rounds: 1);
        var auditEntries = await Outbox.AuditEntriesAsync(first);

        var removed = await Task.WhenAll(Task.Run(first.RemoveExpiredAsync), Task.Run(second.RemoveExpiredAsync));

        Assert.True(expired > 2 * NotificationRetention.BatchSize, $"{expired} expired");
        Assert.Equal(expired, removed.Sum());
        var left = await first.MessagesAsync(q => q);
        Assert.Equal(waiting, left.Count);
        Assert.All(left, m => Assert.Equal(NotificationState.Pending, m.State));
        Assert.Equal(auditEntries, await Outbox.AuditEntriesAsync(first));
    }

    /// <summary>One action-assigned message to every user per round; returns how many.</summary>
    private static async Task<int> QueueAsync(AppInstance instance, int rounds)
    {
        await using var scope = instance.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QualityGatesDbContext>();
        var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
        var everyone = await db.Users.Select(u => u.Id).ToListAsync();
        for (var round = 0; round < rounds; round++)
        {
            await notifier.EnqueueAsync(NotificationKind.ActionAssigned, everyone, NotificationLink.ToPath("/Actions"), [$"Action {round}", new DateOnly(2027, 1, 31)]);
        }

        return await db.SaveChangesAsync();
    }
}
