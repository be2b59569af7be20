using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using QualityGates.Tests;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;

namespace QualityGates.Web.Tests;

/// <summary>
/// Each provider's migrations must cover the model the app builds at run time (with Identity's options
/// applied), not only the design-time model: otherwise Migrate() fails on a real server.
/// </summary>
public sealed class MigrationTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=unused.db")]
    [InlineData(DatabaseProvider.SqlServer, "Server=unused;Database=QualityGates")]
    [InlineData(DatabaseProvider.PostgreSql, "Host=unused;Database=qualitygates")]
    public void The_migrations_of_each_serviceProvidermatch_the_runtime_model(DatabaseProvider provider, string connectionString)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = provider.ToString(),
                ["ConnectionStrings:QualityGates"] = connectionString,
            })
            .Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(TestClock.Create())
            .AddQualityGatesDatabase(configuration, Path.GetTempPath())
            .AddQualityGatesSecurity(new HostingEnvironment { EnvironmentName = "Production" });
        using var serviceProvider = services.BuildServiceProvider();
        using var scope = serviceProvider.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QualityGatesDbContext>();

        Assert.True(db.Database.GetMigrations().Any(), $"{provider} has no migrations");
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The {provider} model has changes no migration covers: run scripts/add-migration.sh <Name>.");
    }
}
