using Npgsql;

namespace QualityGates.Web.Tests.Infrastructure;

/// <summary>
/// A fresh database for one test class: a SQLite file by default, or a new PostgreSQL database when
/// QUALITYGATES_TEST_POSTGRES holds a connection string to a server (its database is only used to connect).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "QUALITYGATES_TEST_POSTGRES";

    private readonly string? _sqliteFolder;
    private readonly string? _postgresAdminConnection;
    private readonly string? _postgresDatabase;

    private TestDatabase(string provider, string connectionString, string? sqliteFolder, string? adminConnection, string? database)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _sqliteFolder = sqliteFolder;
        _postgresAdminConnection = adminConnection;
        _postgresDatabase = database;
    }

    public string Provider { get; }

    public string ConnectionString { get; }

    public static bool UsesPostgres => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresVariable));

    public static async Task<TestDatabase> CreateAsync()
    {
        var postgres = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(postgres))
        {
            var folder = Directory.CreateTempSubdirectory("qualitygates-test-").FullName;
            return new TestDatabase("Sqlite", $"Data Source={Path.Combine(folder, "test.db")}", folder, null, null);
        }

        var name = $"qg_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(postgres))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(postgres) { Database = name };
        return new TestDatabase("PostgreSql", builder.ConnectionString, null, postgres, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqliteFolder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_sqliteFolder, recursive: true);
        }

        if (_postgresAdminConnection is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_postgresAdminConnection);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
