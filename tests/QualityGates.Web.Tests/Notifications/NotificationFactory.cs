using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using QualityGates.Web.Notifications;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests.Notifications;

/// <summary>The app with its e-mails going to a pickup folder of its own; deliveries only when a test asks.</summary>
public class NotificationFactory : QualityGatesFactory
{
    public const string BaseUrl = "https://qualitygates.test";

    private readonly bool _ownsPickupFolder = true;

    public NotificationFactory()
    {
        PickupFolder = Directory.CreateTempSubdirectory("qualitygates-mail-").FullName;
    }

    protected NotificationFactory(TestDatabase database, string pickupFolder)
        : base(database)
    {
        PickupFolder = pickupFolder;
        _ownsPickupFolder = false;
    }

    public string PickupFolder { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Notifications:PickupFolder", PickupFolder);
        builder.UseSetting("Notifications:BaseUrl", BaseUrl);
        builder.UseSetting("Notifications:MaxAttempts", "3");
    }

    /// <summary>One delivery pass of this instance, as the background service runs it.</summary>
    public Task<int> DeliverAsync() => Services.GetRequiredService<OutboxDispatcher>().DeliverDueAsync();

    /// <summary>One retention run of this instance, as the background service runs it once an hour.</summary>
    public Task<int> RemoveExpiredAsync() => Services.GetRequiredService<NotificationRetention>().RemoveExpiredAsync();

    /// <summary>The e-mails in the pickup folder, parsed back.</summary>
    public IReadOnlyList<MimeMessage> Mails() =>
        Directory.GetFiles(PickupFolder, "*.eml").Select(path => MimeMessage.Load(path)).ToList();

    public MimeMessage? MailFor(long notificationId) =>
        Mails().SingleOrDefault(m => m.Headers[OutboxDispatcher.NotificationIdHeader] == notificationId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public Task<string> UserIdAsync(string email) =>
        WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    public Task<List<NotificationMessage>> MessagesAsync(Func<IQueryable<NotificationMessage>, IQueryable<NotificationMessage>> filter) =>
        WithDbAsync(db => filter(db.NotificationMessages.AsNoTracking()).OrderBy(m => m.Id).ToListAsync());

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsPickupFolder && Directory.Exists(PickupFolder))
        {
            Directory.Delete(PickupFolder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>One more app instance on a shared database and pickup folder (restarts, several instances).</summary>
public sealed class AppInstance(TestDatabase database, string pickupFolder) : NotificationFactory(database, pickupFolder);

/// <summary>Tests that start several app instances on one database and pickup folder of their own.</summary>
public abstract class SeveralInstancesTests : IAsyncLifetime
{
    protected TestDatabase Database { get; private set; } = null!;

    protected string PickupFolder { get; } = Directory.CreateTempSubdirectory("qualitygates-mail-shared-").FullName;

    public async ValueTask InitializeAsync() => Database = await TestDatabase.CreateAsync();

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        Directory.Delete(PickupFolder, recursive: true);
        GC.SuppressFinalize(this);
    }
}
