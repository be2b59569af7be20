using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace QualityGates.Web.Data.Backup;

/// <summary>
/// Backs up an installation's database into one file while the app runs, and restores such a file into a new
/// installation's empty database (docs/databases.md). SQLite through its online backup API, PostgreSQL through
/// pg_dump and pg_restore, taken from <paramref name="postgreSqlBinFolder"/> or else from PATH. SQL Server has
/// BACKUP DATABASE of its own.
/// </summary>
public sealed class DatabaseBackup(DatabaseProvider provider, string connectionString, string? postgreSqlBinFolder = null)
{
    private const string MigrationsHistoryTable = "__EFMigrationsHistory";

    /// <summary>Writes the backup to <paramref name="file"/> (replacing it), or throws <see cref="BackupException"/>.</summary>
    public async Task BackupAsync(string file, CancellationToken ct = default)
    {
        var target = Path.GetFullPath(file);
        if (!Directory.Exists(Path.GetDirectoryName(target)))
        {
            throw new BackupException($"Backup failed: the folder {Path.GetDirectoryName(target)} does not exist.");
        }

        // Written beside the target and moved into place: a failed backup never leaves a file that looks whole.
        var partial = target + ".partial";
        try
        {
            switch (provider)
            {
                case DatabaseProvider.Sqlite:
                    BackUpSqlite(partial);
                    break;
                case DatabaseProvider.PostgreSql:
                    // pg_dump reads everything in one repeatable-read transaction: the database as of its start.
                    var dump = await RunPostgreSqlToolAsync("pg_dump", ["--format=custom", $"--file={partial}", $"--dbname={PostgreSqlDatabase}"], ct);
                    dump.ThrowIfFailed("Backup failed");
                    break;
                default:
                    throw SqlServerHasItsOwn();
            }

            File.Move(partial, target, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>
    /// Restores <paramref name="file"/> into the configured database, which must hold no tables yet (a new
    /// installation before its first start), or throws <see cref="BackupException"/>. Migrations come afterwards.
    /// </summary>
    public async Task RestoreAsync(string file, CancellationToken ct = default)
    {
        var source = Path.GetFullPath(file);
        if (!File.Exists(source))
        {
            throw new BackupException($"Restore failed: there is no backup file {source}.");
        }

        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                RestoreSqlite(source);
                break;
            case DatabaseProvider.PostgreSql:
                await RestorePostgreSqlAsync(source, ct);
                break;
            default:
                throw SqlServerHasItsOwn();
        }
    }

    private void BackUpSqlite(string partial)
    {
        var database = SqliteFile();
        if (!File.Exists(database))
        {
            throw new BackupException($"Backup failed: there is no SQLite database {database} (check ConnectionStrings__QualityGates).");
        }

        using var source = OpenSqlite(connectionString, SqliteOpenMode.ReadWrite);
        using var copy = OpenSqlite(FileConnection(partial), SqliteOpenMode.ReadWriteCreate);
        // All pages in one step under one read transaction: in WAL mode the app's writers go on meanwhile, and the
        // copy is the database as of the moment that transaction began, never half of a later write.
        source.BackupDatabase(copy);
        // The copy inherits the WAL mode; a rollback journal makes it one self-contained file.
        Execute(copy, "PRAGMA journal_mode = DELETE");
    }

    private void RestoreSqlite(string file)
    {
        using var backup = OpenSqlite(FileConnection(file), SqliteOpenMode.ReadOnly);
        try
        {
            var check = Convert.ToString(Scalar(backup, "PRAGMA quick_check"), CultureInfo.InvariantCulture);
            if (check != "ok" || Convert.ToInt64(Scalar(backup, $"SELECT count(*) FROM sqlite_master WHERE name = '{MigrationsHistoryTable}'"), CultureInfo.InvariantCulture) == 0)
            {
                throw new BackupException($"Restore failed: {file} is not a QualityGates SQLite backup ({check}).");
            }
        }
        catch (SqliteException e)
        {
            throw new BackupException($"Restore failed: {file} is not a QualityGates SQLite backup ({e.Message}).");
        }

        var database = SqliteFile();
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        using var target = OpenSqlite(connectionString, SqliteOpenMode.ReadWriteCreate);
        RefuseIfHoldsData(Convert.ToInt64(Scalar(target, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"), CultureInfo.InvariantCulture), database);
        backup.BackupDatabase(target);
        // As EF Core creates a SQLite database: readers and the writer do not block each other.
        Execute(target, "PRAGMA journal_mode = WAL");
    }

    private async Task RestorePostgreSqlAsync(string file, CancellationToken ct)
    {
        var contents = await RunPostgreSqlToolAsync("pg_restore", ["--list", file], ct);
        if (contents.ExitCode != 0 || !contents.Output.Contains(MigrationsHistoryTable, StringComparison.Ordinal))
        {
            throw new BackupException(
                $"Restore failed: {file} is not a QualityGates PostgreSQL backup ({contents.LastError ?? $"it has no {MigrationsHistoryTable} table"}).");
        }

        var settings = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        var where = $"{PostgreSqlDatabase} on {settings.Host}";
        long tables;
        try
        {
            await using var connection = new NpgsqlConnection(settings.ConnectionString);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand(
                """
                SELECT count(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
                """, connection);
            tables = (long)(await command.ExecuteScalarAsync(ct))!;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            throw new BackupException(
                $"Restore failed: the database {where} does not exist; create it empty and restore again.");
        }

        RefuseIfHoldsData(tables, where);
        // One transaction: a restore that fails half-way leaves the database empty, ready for another attempt.
        // Owners and grants belong to the old server's roles; here everything belongs to the configured user.
        var restore = await RunPostgreSqlToolAsync(
            "pg_restore", ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", $"--dbname={PostgreSqlDatabase}", file], ct);
        restore.ThrowIfFailed("Restore failed");
    }

    private static void RefuseIfHoldsData(long tables, string where)
    {
        if (tables > 0)
        {
            throw new BackupException(
                $"Restore refused: the database {where} already holds data ({tables} tables); restore only into a new installation's empty database.");
        }
    }

    /// <summary>Runs pg_dump or pg_restore against the configured server: its exit code, its output and its last error line.</summary>
    private async Task<ToolRun> RunPostgreSqlToolAsync(string tool, IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(postgreSqlBinFolder is null ? tool : Path.Combine(postgreSqlBinFolder, tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // The server as Npgsql reaches it (pg_restore --list ignores it); never the password on the command line.
        start.ArgumentList.Add("--no-password");
        start.ArgumentList.Add($"--host={settings.Host}");
        start.ArgumentList.Add($"--port={settings.Port.ToString(CultureInfo.InvariantCulture)}");
        if (!string.IsNullOrEmpty(settings.Username))
        {
            start.ArgumentList.Add($"--username={settings.Username}");
        }

        if (!string.IsNullOrEmpty(settings.Password))
        {
            start.Environment["PGPASSWORD"] = settings.Password;
        }

        start.Environment["PGSSLMODE"] = settings.SslMode switch
        {
            SslMode.Disable => "disable",
            SslMode.Allow => "allow",
            SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca",
            SslMode.VerifyFull => "verify-full",
            _ => "prefer",
        };

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception)
        {
            throw new BackupException(
                $"{(tool == "pg_dump" ? "Backup" : "Restore")} failed: {tool} was not found {(postgreSqlBinFolder is null ? "on PATH" : $"in {postgreSqlBinFolder}")}; install the " +
                "PostgreSQL client tools (the server's version or newer) and put their folder on PATH.");
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(ct);
            var error = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            var lastError = (await error).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
            return new ToolRun(tool, process.ExitCode, await output, lastError);
        }
    }

    private sealed record ToolRun(string Tool, int ExitCode, string Output, string? LastError)
    {
        public void ThrowIfFailed(string failed)
        {
            if (ExitCode != 0)
            {
                throw new BackupException($"{failed}: {Tool} exited with code {ExitCode}: {LastError}");
            }
        }
    }

    // Npgsql's default when the connection string names no database: the user's name.
    private string PostgreSqlDatabase
    {
        get
        {
            var settings = new NpgsqlConnectionStringBuilder(connectionString);
            return settings.Database ?? settings.Username ?? Environment.UserName;
        }
    }

    private string SqliteFile() => Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);

    private static string FileConnection(string path) => new SqliteConnectionStringBuilder { DataSource = path }.ConnectionString;

    private static SqliteConnection OpenSqlite(string settings, SqliteOpenMode mode)
    {
        // Unpooled: the files are let go as soon as the work is done (a restored installation starts right after).
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(settings) { Mode = mode, Pooling = false }.ConnectionString);
        connection.Open();
        return connection;
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Execute(SqliteConnection connection, string sql) => Scalar(connection, sql);

    private static BackupException SqlServerHasItsOwn() => new(BackupCommand.SqlServerMessage);
}

/// <summary>A backup or restore that cannot go on; the message is one line for the operator.</summary>
public sealed class BackupException(string message) : Exception(message);
