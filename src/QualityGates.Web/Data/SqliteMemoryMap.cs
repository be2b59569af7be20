using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace QualityGates.Web.Data;

/// <summary>
/// Reads a large SQLite file through a memory map instead of a read call per page: with a million promises the
/// per-page system calls cost as much as the queries (docs/benchmarks.md). Set once per native connection; the
/// pool hands the same one out again and again.
/// </summary>
internal sealed class SqliteMemoryMap : DbConnectionInterceptor
{
    // SQLite's own ceiling for a memory map (SQLITE_MAX_MMAP_SIZE); address space, not memory.
    private const string Pragma = "PRAGMA mmap_size = 2147418112";

    private static readonly ConditionalWeakTable<object, object> _mapped = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (FirstOpen(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragma;
            command.ExecuteNonQuery();
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (FirstOpen(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragma;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static bool FirstOpen(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || _mapped.TryAdd(handle, handle);
}
