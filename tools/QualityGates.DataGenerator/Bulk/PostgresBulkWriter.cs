using Npgsql;

namespace QualityGates.DataGenerator.Bulk;

/// <summary>
/// Binary COPY per table and batch, typed by the store types of EF's mappings. Foreign-key triggers are
/// switched off for the session when the role may do so (parents are written first anyway, and the keys are
/// checked once at the end); identity sequences are moved past the written ids.
/// </summary>
public sealed class PostgresBulkWriter(string connectionString) : IBulkWriter
{
    private readonly NpgsqlConnection _connection = new(connectionString);
    private readonly List<string> _indexes = [];
    private readonly List<TableMap> _tables = [];

    public async Task BeginAsync(IReadOnlyCollection<TableMap> tables, CancellationToken ct)
    {
        _tables.AddRange(tables);
        await _connection.OpenAsync(ct);
        try
        {
            await ExecuteAsync("SET session_replication_role = replica", ct);
        }
        catch (PostgresException)
        {
            // Not a superuser: foreign keys are checked row by row, which is slower but just as correct.
        }

        foreach (var table in tables)
        {
            await using var query = new NpgsqlCommand(
                """
                SELECT i.indexname, i.indexdef FROM pg_indexes i
                WHERE i.schemaname = current_schema() AND i.tablename = @table
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)
                """, _connection);
            query.Parameters.AddWithValue("table", table.Table);
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
    }

    public async Task WriteAsync(TableMap table, IReadOnlyList<EntityRow> rows, CancellationToken ct)
    {
        var names = string.Join(", ", table.Columns.Select(c => $"\"{c.Name}\""));
        var types = table.Columns.Select(c => c.Mapping.StoreTypeNameBase).ToArray();
        await using var importer = await _connection.BeginBinaryImportAsync($"COPY \"{table.Table}\" ({names}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            importer.StartRow();
            for (var i = 0; i < types.Length; i++)
            {
                if (table.Columns[i].StoreValue(row.Entity, row.Owner) is { } value)
                {
                    importer.Write(value, types[i]);
                }
                else
                {
                    importer.WriteNull();
                }
            }
        }

        await importer.CompleteAsync(ct);
    }

    public async Task CompleteAsync(CancellationToken ct)
    {
        await ExecuteAsync("SET session_replication_role = DEFAULT", ct);
        await ExecuteAsync("SET maintenance_work_mem = '256MB'", ct);
        foreach (var sql in _indexes)
        {
            await ExecuteAsync(sql, ct);
        }

        foreach (var table in _tables)
        {
            var key = table.KeyColumn;
            await ExecuteAsync(
                $"SELECT setval(pg_get_serial_sequence('\"{table.Table}\"', '{key}'), GREATEST((SELECT max(\"{key}\") FROM \"{table.Table}\"), 1))", ct);
        }

        await ExecuteAsync("ANALYZE", ct);
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();

    private async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, _connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
    }
}
