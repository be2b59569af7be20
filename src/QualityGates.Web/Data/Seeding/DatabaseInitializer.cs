using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using QualityGates.Web.Data.Summaries;
using QualityGates.Web.Data.Upgrades;

namespace QualityGates.Web.Data.Seeding;

public static class DatabaseInitializer
{
    /// <summary>
    /// Applies migrations (unless Database:MigrateOnStartup is false), runs the data upgrades that have not run
    /// (ADR 0023), fills the summaries when a migration added them to existing data, adds reference data, then
    /// demo data (Demo:Seed, with its history when Demo:History) or the configured first administrator.
    /// </summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<QualityGatesDbContext>();
        var configuration = app.Configuration;

        if (configuration.GetValue("Database:MigrateOnStartup", true))
        {
            await db.Database.MigrateAsync();
        }

        await DataUpgrades.RunPendingAsync(db, services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DataUpgrades)));

        if (await SummaryRebuild.IsMissingAsync(db))
        {
            await SummaryRebuild.RunAsync(db, onlyIfMissing: true);
        }

        await ReferenceData.EnsureAsync(db, services.GetRequiredService<RoleManager<IdentityRole>>());

        var users = services.GetRequiredService<UserManager<AppUser>>();
        if (configuration.GetValue("Demo:Seed", false))
        {
            var history = configuration.GetValue("Demo:History", false)
                ? new DemoHistory(services, services.GetRequiredService<ILogger<DemoHistory>>())
                : null;
            await DemoData.SeedAsync(db, users, services.GetRequiredService<PromiseNumberAllocator>(), services.GetRequiredService<TimeProvider>(), history);
        }

        await FirstAdministrator.EnsureAsync(db, users, configuration);
    }
}
