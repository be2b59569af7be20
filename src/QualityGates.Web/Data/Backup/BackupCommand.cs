using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace QualityGates.Web.Data.Backup;

/// <summary>
/// <c>backup &lt;file&gt;</c> and <c>restore &lt;file&gt;</c> from the command line, with the installation's own settings
/// (docs/databases.md). They run before the database is migrated or seeded: a backup leaves the database exactly as
/// it is, and a restore needs it still empty. A restore migrates afterwards, as a start would.
/// Exit codes: 0 done, 1 failed (one line on standard error), 2 not for this provider (SQL Server).
/// </summary>
public static class BackupCommand
{
    public const string Backup = "backup";

    public const string Restore = "restore";

    public const string SqlServerMessage =
        "SQL Server: back up with BACKUP DATABASE and restore with RESTORE DATABASE (docs/databases.md, \"Backup and restore\").";

    public static async Task<int> RunAsync(IServiceProvider services, string command, string file, TextWriter output, TextWriter error)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QualityGatesDbContext>();
        DatabaseProvider? provider = db switch
        {
            SqliteQualityGatesDbContext => DatabaseProvider.Sqlite,
            PostgreSqlQualityGatesDbContext => DatabaseProvider.PostgreSql,
            _ => null,
        };
        if (provider is null)
        {
            await error.WriteLineAsync(SqlServerMessage);
            return 2;
        }

        var backup = new DatabaseBackup(provider.Value, db.Database.GetConnectionString()!);
        try
        {
            if (command == Backup)
            {
                await backup.BackupAsync(file);
                await output.WriteLineAsync($"Backed up the {provider} database to {Path.GetFullPath(file)}.");
                return 0;
            }

            await backup.RestoreAsync(file);
            if (scope.ServiceProvider.GetRequiredService<IConfiguration>().GetValue("Database:MigrateOnStartup", true))
            {
                await db.Database.MigrateAsync();
            }

            await output.WriteLineAsync($"Restored {Path.GetFullPath(file)} into the {provider} database.");
            return 0;
        }
        catch (BackupException e)
        {
            await error.WriteLineAsync(e.Message);
        }
        catch (Exception e) when (e is DbException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"{(command == Backup ? "Backup" : "Restore")} failed: {e.Message}");
        }

        return 1;
    }
}
