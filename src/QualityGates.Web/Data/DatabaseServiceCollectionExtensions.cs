using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using QualityGates.Web.Data.Auditing;

namespace QualityGates.Web.Data;

public static class DatabaseServiceCollectionExtensions
{
    public const string ConnectionStringName = "QualityGates";

    /// <summary>
    /// Registers <see cref="QualityGatesDbContext"/> for the provider named by <c>Database:Provider</c>
    /// (default SQLite in <c>App_Data/qualitygates.db</c> under the content root), with its audit trail.
    /// PostgreSQL and SQL Server retry transient errors (<c>Database:MaxRetryCount</c>, default 3, and
    /// <c>Database:MaxRetryDelay</c>, default 2 s: a user waits seconds, not a minute, for the 503 page).
    /// Interceptors registered as <see cref="IInterceptor"/> services are added (tests inject faults so).
    /// </summary>
    public static IServiceCollection AddQualityGatesDatabase(
        this IServiceCollection services, IConfiguration configuration, string contentRootPath)
    {
        var provider = configuration.GetValue("Database:Provider", DatabaseProvider.Sqlite);
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        var maxRetryCount = configuration.GetValue("Database:MaxRetryCount", 3);
        var maxRetryDelay = configuration.GetValue("Database:MaxRetryDelay", TimeSpan.FromSeconds(2));

        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                connectionString ??= DefaultSqliteConnectionString(contentRootPath);
                services.AddDbContext<QualityGatesDbContext, SqliteQualityGatesDbContext>(
                    (sp, o) => Intercepted(sp, o.UseSqlite(connectionString).AddInterceptors(new SqliteMemoryMap())));
                break;
            case DatabaseProvider.SqlServer:
                services.AddDbContext<QualityGatesDbContext, SqlServerQualityGatesDbContext>(
                    (sp, o) => Intercepted(sp, o.UseSqlServer(Required(connectionString, provider), sql =>
                    {
                        if (maxRetryCount > 0)
                        {
                            sql.EnableRetryOnFailure(maxRetryCount, maxRetryDelay, null);
                        }
                    })));
                break;
            case DatabaseProvider.PostgreSql:
                services.AddDbContext<QualityGatesDbContext, PostgreSqlQualityGatesDbContext>(
                    (sp, o) => Intercepted(sp, o.UseNpgsql(Required(connectionString, provider), npgsql =>
                    {
                        if (maxRetryCount > 0)
                        {
                            npgsql.EnableRetryOnFailure(maxRetryCount, maxRetryDelay, null);
                        }
                    })));
                break;
            default:
                throw new InvalidOperationException($"Unknown Database:Provider '{provider}'.");
        }

        services.AddHttpContextAccessor();
        services.AddScoped<AuditContext>();
        return services;
    }

    private static void Intercepted(IServiceProvider services, DbContextOptionsBuilder options)
    {
        var interceptors = services.GetServices<IInterceptor>().ToList();
        if (interceptors.Count > 0)
        {
            options.AddInterceptors(interceptors);
        }
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
