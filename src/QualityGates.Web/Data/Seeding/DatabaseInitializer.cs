using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace QualityGates.Web.Data.Seeding;

public static class DatabaseInitializer
{
    /// <summary>
    /// Applies migrations (unless Database:MigrateOnStartup is false), adds reference data, then demo data
    /// (Demo:Seed) or the configured first administrator.
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

        await ReferenceData.EnsureAsync(db, services.GetRequiredService<RoleManager<IdentityRole>>());

        var users = services.GetRequiredService<UserManager<AppUser>>();
        if (configuration.GetValue("Demo:Seed", false))
        {
            await DemoData.SeedAsync(db, users, services.GetRequiredService<PromiseNumberAllocator>(), services.GetRequiredService<TimeProvider>());
        }

        await FirstAdministrator.EnsureAsync(db, users, configuration);
    }
}
