using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace QualityGates.Web.Data;

/// <summary>
/// Reads a large SQLite file through a memory map instead of a read call per page: with a million promises the
/// per-page system calls cost as much as the queries (docs/benchmarks.md). Set on every open; a pooled
/// connection keeps it, and the statement is a no-op then.
/// </summary>
internal sealed class SqliteMemoryMap : DbConnectionInterceptor
{
    // SQLite's own ceiling for a memory map (SQLITE_MAX_MMAP_SIZE); address space, not memory.
    private const string Pragma = "PRAGMA mmap_size = 2147418112";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
