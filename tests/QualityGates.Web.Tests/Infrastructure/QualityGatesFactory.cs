using Microsoft.AspNetCore.Hosting;
using System.Globalization;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using QualityGates.Tests;
using QualityGates.Web.Data;

namespace QualityGates.Web.Tests.Infrastructure;

/// <summary>The real app with demo data on its own database; one per test class (IClassFixture).</summary>
public class QualityGatesFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private TestDatabase? _database;
    private readonly bool _ownsDatabase = true;
    private readonly string _logFolder = Directory.CreateTempSubdirectory("qualitygates-logs-").FullName;

    /// <summary>Where the app writes its JSON log file; deleted with the factory.</summary>
    public string LogFolder => _logFolder;

    /// <summary>Reads the log files; after disposal too, until the folder is deleted.</summary>
    public string ReadLogs() => string.Concat(Directory.GetFiles(_logFolder).Select(path =>
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }));

    /// <summary>Stops the app so every log event is flushed, keeping the database and log folder.</summary>
    public async Task StopAppAsync() => await base.DisposeAsync();

    public QualityGatesFactory()
    {
    }

    /// <summary>Another app instance on a database that the caller creates and disposes (several instances, restarts).</summary>
    protected QualityGatesFactory(TestDatabase database)
    {
        _database = database;
        _ownsDatabase = false;
    }

    /// <summary>The app's clock: stands at <see cref="TestClock.Start"/> until a test of the class moves it.</summary>
    public FakeTimeProvider Clock { get; } = TestClock.Create();

    /// <summary>The app's today.</summary>
    public DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    /// <summary>The app's today plus <paramref name="days"/>, as a date field posts it.</summary>
    public string FormDate(int days) => Today.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialized.");

    public virtual async ValueTask InitializeAsync() => _database ??= await TestDatabase.CreateAsync();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.Provider);
        builder.UseSetting("ConnectionStrings:QualityGates", Database.ConnectionString);
        builder.UseSetting("Demo:Seed", "true");
        // Deliveries and reminders run only when a test asks for them (OutboxDispatcher.DeliverDueAsync, ReminderJob.RunAsync).
        builder.UseSetting("Notifications:BackgroundEnabled", "false");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("LogFile:Path", Path.Combine(_logFolder, "test-.log"));
        // Tests sign in many times from one (absent) address; LoginRateLimitTests checks the real limits.
        builder.UseSetting("RateLimiting:Login:PermitLimitPerAddress", "100000");
        builder.UseSetting("RateLimiting:Login:PermitLimitPerUserName", "100000");
        builder.UseSetting("Database:MaxRetryDelay", "00:00:00.050");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>A browser-like client: cookies kept, redirects not followed (tests check them), HTTPS like production.</summary>
    public TestClient CreateTestClient() =>
        new(CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = true,
            BaseAddress = new Uri("https://localhost"),
        }));

    /// <summary>Runs work against the app's database in a scope of its own, e.g. to check what was saved.</summary>
    public async Task<T> WithDbAsync<T>(Func<QualityGatesDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<QualityGatesDbContext>());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null && _ownsDatabase)
        {
            await _database.DisposeAsync();
        }

        Directory.Delete(_logFolder, recursive: true);
        GC.SuppressFinalize(this);
    }
}
