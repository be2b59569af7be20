using System.Globalization;
using Microsoft.Data.Sqlite;

namespace QualityGates.DataGenerator.Bulk;

/// <summary>
/// One connection, one transaction, one prepared INSERT per table reused for every row. Parameters are made by
/// EF's type mappings, so values are stored exactly as EF stores them (dates as ISO text, decimals as text).
/// AUTOINCREMENT keys advance by themselves when ids are written explicitly.
/// </summary>
public sealed class SqliteBulkWriter(string connectionString) : IBulkWriter
{
    private readonly SqliteConnection _connection = new(connectionString);
    private readonly Dictionary<TableMap, SqliteCommand> _inserts = [];
    private readonly List<string> _indexes = [];
    private SqliteTransaction? _transaction;

    public async Task BeginAsync(IReadOnlyCollection<TableMap> tables, CancellationToken ct)
    {
        await _connection.OpenAsync(ct);
        await ExecuteAsync("PRAGMA foreign_keys = OFF; PRAGMA synchronous = OFF; PRAGMA journal_mode = MEMORY; PRAGMA cache_size = -262144;", ct);
        foreach (var table in tables)
        {
            await using var query = _connection.CreateCommand();
            query.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name = $table";
            query.Parameters.AddWithValue("$table", table.Table);
            var found = new List<(string Name, string Sql)>();
            await using (var reader = await query.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    found.Add((reader.GetString(0), reader.GetString(1)));
                }
            }

            foreach (var (name, sql) in found)
            {
                _indexes.Add(sql);
                await ExecuteAsync($"DROP INDEX \"{name}\"", ct);
            }
        }

        _transaction = _connection.BeginTransaction();
    }

    public Task WriteAsync(TableMap table, IReadOnlyList<EntityRow> rows, CancellationToken ct)
    {
        var insert = InsertFor(table);
        var parameters = insert.Parameters;
        foreach (var row in rows)
        {
            for (var i = 0; i < table.Columns.Count; i++)
            {
                parameters[i].Value = table.Columns[i].StoreValue(row.Entity, row.Owner) ?? DBNull.Value;
            }

            insert.ExecuteNonQuery();
        }

        return Task.CompletedTask;
    }

    public async Task CompleteAsync(CancellationToken ct)
    {
        await _transaction!.CommitAsync(ct);
        foreach (var sql in _indexes)
        {
            await ExecuteAsync(sql, ct);
        }

        await ExecuteAsync("PRAGMA journal_mode = DELETE; PRAGMA foreign_keys = ON; ANALYZE;", ct);
        var violations = await ScalarAsync("SELECT count(*) FROM pragma_foreign_key_check", ct);
        if (violations != 0)
        {
            throw new InvalidOperationException($"{violations} rows break a foreign key.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _inserts.Values)
        {
            await command.DisposeAsync();
        }

        if (_transaction is not null)
        {
            await _transaction.DisposeAsync();
        }

        await _connection.DisposeAsync();
    }

    private SqliteCommand InsertFor(TableMap table)
    {
        if (_inserts.TryGetValue(table, out var insert))
        {
            return insert;
        }

        insert = _connection.CreateCommand();
        insert.Transaction = _transaction;
        var names = string.Join(", ", table.Columns.Select(c => $"\"{c.Name}\""));
        var placeholders = string.Join(", ", table.Columns.Select((_, i) => string.Create(CultureInfo.InvariantCulture, $"$p{i}")));
        insert.CommandText = $"INSERT INTO \"{table.Table}\" ({names}) VALUES ({placeholders})";
        for (var i = 0; i < table.Columns.Count; i++)
        {
            insert.Parameters.Add(table.Columns[i].Mapping.CreateParameter(insert, string.Create(CultureInfo.InvariantCulture, $"$p{i}"), null));
        }

        insert.Prepare();
        _inserts[table] = insert;
        return insert;
    }

    private async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    private async Task<long> ScalarAsync(string sql, CancellationToken ct)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }
}
