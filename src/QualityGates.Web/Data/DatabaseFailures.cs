using System.Net.Sockets;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.SqlServer.Storage.Internal;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace QualityGates.Web.Data;

/// <summary>Tells a database that cannot be reached (a 503, try again later) from a bug (a 500).</summary>
public static class DatabaseFailures
{
    // SQLITE_BUSY, SQLITE_LOCKED, SQLITE_IOERR, SQLITE_CANTOPEN, SQLITE_NOTADB (an unreadable file).
    private static readonly int[] _sqliteUnavailable = [5, 6, 10, 14, 26];

    public static bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case TransientFailureNotRetriedException:
                case RetryLimitExceededException:
                case TimeoutException:
                case SocketException:
                case NpgsqlException { IsTransient: true }:
                case PostgresException { SqlState: "57P01" or "57P02" or "57P03" } :
                case SqliteException sqlite when _sqliteUnavailable.Contains(sqlite.SqliteErrorCode):
#pragma warning disable EF1001 // The provider's own list of transient SQL Server errors.
                case SqlException sql when SqlServerTransientExceptionDetector.ShouldRetryOn(sql):
#pragma warning restore EF1001
                    return true;
                case NpgsqlException npgsql when npgsql is not PostgresException:
                    return true;
            }
        }

        return false;
    }
}
