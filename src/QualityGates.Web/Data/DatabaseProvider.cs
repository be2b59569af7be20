using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using QualityGates.Web.Data.Auditing;

namespace QualityGates.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    PostgreSql,
}

// One context type per provider, so each provider keeps its own migrations (Data/Migrations/<Provider>).

public sealed class SqliteQualityGatesDbContext(DbContextOptions<SqliteQualityGatesDbContext> options, AuditContext auditContext)
    : QualityGatesDbContext(options, auditContext);

public sealed class SqlServerQualityGatesDbContext(DbContextOptions<SqlServerQualityGatesDbContext> options, AuditContext auditContext)
    : QualityGatesDbContext(options, auditContext);

public sealed class PostgreSqlQualityGatesDbContext(DbContextOptions<PostgreSqlQualityGatesDbContext> options, AuditContext auditContext)
    : QualityGatesDbContext(options, auditContext);

// `dotnet ef migrations add` uses these; they never connect, so the connection strings are placeholders.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteQualityGatesDbContext>
{
    public SqliteQualityGatesDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<SqliteQualityGatesDbContext>().UseSqlite("Data Source=design-time.db").Options,
        AuditContext.OutsideRequests());
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerQualityGatesDbContext>
{
    public SqlServerQualityGatesDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<SqlServerQualityGatesDbContext>().UseSqlServer("Server=design-time;Database=QualityGates").Options,
        AuditContext.OutsideRequests());
}

internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlQualityGatesDbContext>
{
    public PostgreSqlQualityGatesDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<PostgreSqlQualityGatesDbContext>().UseNpgsql("Host=design-time;Database=qualitygates").Options,
        AuditContext.OutsideRequests());
}
