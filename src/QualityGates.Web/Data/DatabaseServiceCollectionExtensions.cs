using Microsoft.EntityFrameworkCore;
using QualityGates.Web.Data.Auditing;

namespace QualityGates.Web.Data;

public static class DatabaseServiceCollectionExtensions
{
    public const string ConnectionStringName = "QualityGates";

    /// <summary>
    /// Registers <see cref="QualityGatesDbContext"/> for the provider named by <c>Database:Provider</c>
    /// (default SQLite in <c>App_Data/qualitygates.db</c> under the content root), with its audit trail.
    /// </summary>
    public static IServiceCollection AddQualityGatesDatabase(
        this IServiceCollection services, IConfiguration configuration, string contentRootPath)
    {
        var provider = configuration.GetValue("Database:Provider", DatabaseProvider.Sqlite);
        var connectionString = configuration.GetConnectionString(ConnectionStringName);

        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                connectionString ??= DefaultSqliteConnectionString(contentRootPath);
                services.AddDbContext<QualityGatesDbContext, SqliteQualityGatesDbContext>(o => o.UseSqlite(connectionString));
                break;
            case DatabaseProvider.SqlServer:
                services.AddDbContext<QualityGatesDbContext, SqlServerQualityGatesDbContext>(
                    o => o.UseSqlServer(Required(connectionString, provider)));
                break;
            case DatabaseProvider.PostgreSql:
                services.AddDbContext<QualityGatesDbContext, PostgreSqlQualityGatesDbContext>(
                    o => o.UseNpgsql(Required(connectionString, provider)));
                break;
            default:
                throw new InvalidOperationException($"Unknown Database:Provider '{provider}'.");
        }

        services.AddHttpContextAccessor();
        services.AddScoped<AuditContext>();
        return services;
    }

    private static string DefaultSqliteConnectionString(string contentRootPath)
    {
        var folder = Path.Combine(contentRootPath, "App_Data");
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, "qualitygates.db")}";
    }

    private static string Required(string? connectionString, DatabaseProvider provider) =>
        string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException(
                $"Database:Provider is {provider} but ConnectionStrings:{ConnectionStringName} is not set " +
                $"(environment variable ConnectionStrings__{ConnectionStringName}).")
            : connectionString;
}
