using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using QualityGates.Web.Data;
using QualityGates.Web.Notifications;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests.Notifications;

/// <summary>A mail server that is down: the app's clock is the test's, so retries are due when the test says.</summary>
public sealed class MailServerDownFactory : NotificationFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IEmailSender, MailServerDown>());
    }

    private sealed class MailServerDown : IEmailSender
    {
        public Task SendAsync(MimeMessage message, CancellationToken ct) =>
            throw new IOException("Connection refused by smtp.example.com:587");
    }
}

public sealed class OutboxRetryTests(MailServerDownFactory factory) : IClassFixture<MailServerDownFactory>
{
    [Fact]
    public async Task A_message_that_cannot_be_sent_is_retried_with_growing_pauses_then_given_up_and_shown_to_administrators()
    {
        var salesId = await factory.UserIdAsync("sales@demo.local");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
            await notifier.EnqueueAsync(NotificationKind.FeedbackOnYourPromise, [salesId], NotificationLink.ToPath("/Promises/Details/1"), ["P-2026-00001", "Hotline 24/7"]);
            await scope.ServiceProvider.GetRequiredService<QualityGatesDbContext>().SaveChangesAsync();
        }

        var id = (await factory.MessagesAsync(q => q.Where(m => m.RecipientId == salesId && m.Kind == NotificationKind.FeedbackOnYourPromise))).Single().Id;
        Task<NotificationMessage> StoredAsync() => factory.WithDbAsync(db => db.NotificationMessages.AsNoTracking().SingleAsync(m => m.Id == id));

        // Other tests of the class queue messages too: each pass is judged by this message alone.
        await factory.DeliverAsync();
        var first = await StoredAsync();
        Assert.Equal((NotificationState.Pending, 1, "Connection refused by smtp.example.com:587"), (first.State, first.Attempts, first.LastError));
        Assert.Equal(factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(1), first.NextAttemptAtUtc, TimeSpan.FromMilliseconds(1));
        await factory.DeliverAsync();
        Assert.Equal(1, (await StoredAsync()).Attempts);

        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await factory.DeliverAsync();
        var second = await StoredAsync();
        Assert.Equal((NotificationState.Pending, 2), (second.State, second.Attempts));
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await factory.DeliverAsync();
        Assert.Equal(2, (await StoredAsync()).Attempts);

        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await factory.DeliverAsync();
        var last = await StoredAsync();
        Assert.Equal((NotificationState.Failed, 3), (last.State, last.Attempts));
        factory.Clock.Advance(TimeSpan.FromDays(1));
        await factory.DeliverAsync();
        Assert.Equal(3, (await StoredAsync()).Attempts);
        Assert.Empty(factory.Mails());

        using var admin = factory.CreateTestClient();
        await admin.SignInSuccessfullyAsync("admin@demo.local");
        var outbox = await admin.GetPageAsync("/Admin/Outbox?state=Failed");
        var subject = Texts.English("Notification.FeedbackOnYourPromise.Subject", "P-2026-00001", "Hotline 24/7");
        var row = Assert.Single(outbox.QuerySelectorAll("table.outbox tbody tr"), r => r.TextContent.Contains(subject, StringComparison.Ordinal));
        Assert.Contains("Connection refused by smtp.example.com:587", row.TextContent);
        Assert.Contains(Texts.English("NotificationState.Failed"), row.TextContent);
        Assert.Equal("3", row.QuerySelector("td.attempts")!.TextContent);
        Assert.DoesNotContain(outbox.QuerySelectorAll("table.outbox tbody tr"), r => r.GetAttribute("data-state") != nameof(NotificationState.Failed));
    }

    [Fact]
    public async Task The_users_request_succeeds_while_the_mail_server_is_down()
    {
        using var sales = factory.CreateTestClient();
        await sales.SignInSuccessfullyAsync("sales@demo.local");
        var created = await sales.SubmitAsync("/Promises/Create", await factory.NewPromiseFormAsync("Submitted while mail is down"));
        var details = created.Headers.Location!.PathAndQuery();

        var submitted = await sales.SubmitAsync(details, new Dictionary<string, string>(), "form[action*='handler=Submit']");

        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var promiseId = int.Parse(details.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        var reviewId = await factory.WithDbAsync(db => db.GateReviews.Where(r => r.PromiseId == promiseId).Select(r => r.Id).SingleAsync());
        Assert.NotEmpty(await factory.MessagesAsync(q => q.Where(m => m.LinkPath == $"/Reviews/Details/{reviewId}" && m.State == NotificationState.Pending)));
    }
}

/// <summary>Several app instances on one database: a restart loses nothing, and nothing is sent twice.</summary>
public sealed class OutboxInstanceTests : SeveralInstancesTests
{
    [Fact]
    public async Task The_outbox_delivers_after_a_restart()
    {
        long id;
        string number;
        await using (var before = new AppInstance(Database, PickupFolder))
        {
            using var sales = before.CreateTestClient();
            await sales.SignInSuccessfullyAsync("sales@demo.local");
            var created = await sales.SubmitAsync("/Promises/Create", await before.NewPromiseFormAsync("Submitted before the restart"));
            await sales.SubmitAsync(created.Headers.Location!.PathAndQuery(), new Dictionary<string, string>(), "form[action*='handler=Submit']");
            var managerId = await before.UserIdAsync("service.manager@demo.local");
            var message = (await before.MessagesAsync(q => q.Where(m => m.RecipientId == managerId && m.Kind == NotificationKind.ReviewWaiting))).Single();
            (id, number) = (message.Id, message.Subject);
            Assert.Empty(before.Mails());
        }

        await using var after = new AppInstance(Database, PickupFolder);
        await after.DeliverAsync();

        var mail = after.MailFor(id) ?? throw new InvalidOperationException("Not delivered after the restart");
        Assert.Equal(number, mail.Subject);
        Assert.Equal("service.manager@demo.local", Assert.Single(mail.To.Mailboxes).Address);
    }

    [Fact]
    public async Task Two_instances_delivering_at_the_same_time_send_each_message_exactly_once()
    {
        await using var first = new AppInstance(Database, PickupFolder);
        await using var second = new AppInstance(Database, PickupFolder);
        _ = first.Services;
        _ = second.Services;
        await using (var scope = first.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QualityGatesDbContext>();
            var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
            var everyone = await db.Users.Select(u => u.Id).ToListAsync();
            for (var round = 0; round < 5; round++)
            {
                await notifier.EnqueueAsync(NotificationKind.ActionAssigned, everyone, NotificationLink.ToPath("/"), [$"Action {round}", new DateOnly(2027, 1, 31)]);
            }

            await db.SaveChangesAsync();
        }

        var queued = (await first.MessagesAsync(q => q.Where(m => m.State == NotificationState.Pending))).Count;

        var handled = await Task.WhenAll(Task.Run(() => DrainAsync(first)), Task.Run(() => DrainAsync(second)));

        Assert.True(queued >= 40, $"{queued} messages queued");
        Assert.Equal(queued, handled.Sum());
        var ids = first.Mails().Select(m => m.Headers[OutboxDispatcher.NotificationIdHeader]).ToList();
        Assert.Equal(queued, ids.Count);
        Assert.Equal(queued, ids.Distinct().Count());
        Assert.Empty(await first.MessagesAsync(q => q.Where(m => m.State != NotificationState.Sent)));
    }

    private static async Task<int> DrainAsync(NotificationFactory instance)
    {
        var total = 0;
        for (int handled; (handled = await instance.DeliverAsync()) > 0;)
        {
            total += handled;
        }

        return total;
    }
}
