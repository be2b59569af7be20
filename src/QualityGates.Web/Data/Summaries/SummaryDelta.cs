using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace QualityGates.Web.Data.Summaries;

/// <summary>
/// Counter changes to summary rows, merged by row key, and written by one atomic upsert per table and batch:
/// "add these amounts, creating the row if it is missing". Concurrent transactions that move the same row
/// therefore never lose a count (no read-modify-write): PostgreSQL and SQLite through INSERT … ON CONFLICT DO
/// UPDATE, SQL Server through MERGE WITH (HOLDLOCK). Tables and rows are written in one fixed order (by name, by
/// key), and a transaction writes all of its rows at once when it commits (<see cref="SummaryCommit"/>), so two
/// writers lock shared rows in the same order and cannot deadlock on them.
/// </summary>
internal sealed class SummaryDelta
{
    // SQL Server takes at most 2 100 parameters per statement.
    private const int ParametersPerStatement = 2000;

    private readonly Dictionary<(SummaryTable Table, string Key), Row> _rows = [];

    public bool IsEmpty => _rows.Values.All(r => r.IsZero);

    /// <summary>Counts <paramref name="rows"/> in (sign +1) or out (-1).</summary>
    public void Add(IModel model, IEnumerable<object> rows, int sign)
    {
        foreach (var row in rows)
        {
            var table = SummaryTable.For(model, row.GetType());
            var keys = table.Keys.Select(k => SummaryTable.ProviderValue(k, row)).ToArray();
            var id = string.Join('\u001f', keys);
            if (!_rows.TryGetValue((table, id), out var merged))
            {
                _rows[(table, id)] = merged = new Row(id, keys, new long[table.Counters.Count]);
            }

            for (var i = 0; i < table.Counters.Count; i++)
            {
                merged.Counters[i] += sign * (long)table.Counters[i].GetGetter().GetClrValue(row)!;
            }
        }
    }

    /// <summary>Adds the counts of <paramref name="other"/>, e.g. of a later SaveChanges in the same transaction.</summary>
    public void Add(SummaryDelta other)
    {
        foreach (var ((table, id), row) in other._rows)
        {
            if (!_rows.TryGetValue((table, id), out var merged))
            {
                _rows[(table, id)] = merged = new Row(id, row.Keys, new long[row.Counters.Length]);
            }

            for (var i = 0; i < row.Counters.Length; i++)
            {
                merged.Counters[i] += row.Counters[i];
            }
        }
    }

    public void Clear() => _rows.Clear();

    public async Task WriteAsync(DbContext db, CancellationToken ct = default)
    {
        foreach (var (sql, parameters) in Statements(db))
        {
            await db.Database.ExecuteSqlRawAsync(sql, parameters, ct);
        }
    }

    public void Write(DbContext db)
    {
        foreach (var (sql, parameters) in Statements(db))
        {
            db.Database.ExecuteSqlRaw(sql, parameters);
        }
    }

    private IEnumerable<(string Sql, object[] Parameters)> Statements(DbContext db)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var sqlServer = db.Database.IsSqlServer();
        var tables = _rows.Where(r => !r.Value.IsZero).GroupBy(r => r.Key.Table, r => r.Value).OrderBy(t => t.Key.Name, StringComparer.Ordinal);
        foreach (var table in tables)
        {
            foreach (var batch in table.OrderBy(r => r.Id, StringComparer.Ordinal).Chunk(ParametersPerStatement / table.Key.Columns.Count))
            {
                var parameters = batch.SelectMany(r => r.Keys.Concat(r.Counters.Cast<object>())).ToArray();
                yield return (sqlServer ? Merge(sql, table.Key, batch.Length) : InsertOnConflict(sql, table.Key, batch.Length), parameters);
            }
        }
    }

    // INSERT INTO "T" ("k", "c") VALUES ({0}, {1}), … ON CONFLICT ("k") DO UPDATE SET "c" = "T"."c" + excluded."c"
    private static string InsertOnConflict(ISqlGenerationHelper sql, SummaryTable table, int rows)
    {
        var name = sql.DelimitIdentifier(table.Name);
        var add = table.CounterColumns.Select(sql.DelimitIdentifier).Select(c => c + " = " + name + "." + c + " + excluded." + c);
        return "INSERT INTO " + name + " (" + string.Join(", ", table.Columns.Select(sql.DelimitIdentifier)) + ") VALUES "
               + Values(table.Columns.Count, rows)
               + " ON CONFLICT (" + string.Join(", ", table.KeyColumns.Select(sql.DelimitIdentifier)) + ") DO UPDATE SET "
               + string.Join(", ", add);
    }

    // HOLDLOCK: the key range stays locked from the match to the insert, so two MERGEs cannot both insert a row.
    private static string Merge(ISqlGenerationHelper sql, SummaryTable table, int rows)
    {
        var columns = table.Columns.Select(sql.DelimitIdentifier).ToList();
        var match = table.KeyColumns.Select(sql.DelimitIdentifier).Select(c => "t." + c + " = s." + c);
        var add = table.CounterColumns.Select(sql.DelimitIdentifier).Select(c => "t." + c + " = t." + c + " + s." + c);
        return "MERGE INTO " + sql.DelimitIdentifier(table.Name) + " WITH (HOLDLOCK) AS t USING (VALUES " + Values(columns.Count, rows)
               + ") AS s (" + string.Join(", ", columns) + ") ON " + string.Join(" AND ", match)
               + " WHEN MATCHED THEN UPDATE SET " + string.Join(", ", add)
               + " WHEN NOT MATCHED THEN INSERT (" + string.Join(", ", columns) + ") VALUES (" + string.Join(", ", columns.Select(c => "s." + c)) + ");";
    }

    // ({0}, {1}), ({2}, {3}): placeholders that EF turns into parameters.
    private static string Values(int columns, int rows) =>
        string.Join(", ", Enumerable.Range(0, rows).Select(row =>
            "(" + string.Join(", ", Enumerable.Range(row * columns, columns).Select(i => "{" + i.ToString(CultureInfo.InvariantCulture) + "}")) + ")"));

    private sealed record Row(string Id, object[] Keys, long[] Counters)
    {
        public bool IsZero => Counters.All(c => c == 0);
    }
}

/// <summary>A summary entity's table: its key columns and its counter columns, from the EF model.</summary>
internal sealed class SummaryTable
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IModel, Dictionary<Type, SummaryTable>> _byModel = [];

    private SummaryTable(IEntityType entityType)
    {
        Name = entityType.GetTableName()!;
        Keys = entityType.FindPrimaryKey()!.Properties;
        Counters = entityType.GetProperties().Where(p => !p.IsPrimaryKey()).ToList();
        var table = StoreObjectIdentifier.Table(Name, entityType.GetSchema());
        KeyColumns = Keys.Select(p => p.GetColumnName(table)!).ToList();
        CounterColumns = Counters.Select(p => p.GetColumnName(table)!).ToList();
        Columns = [.. KeyColumns, .. CounterColumns];
    }

    public string Name { get; }

    public IReadOnlyList<IProperty> Keys { get; }

    public IReadOnlyList<IProperty> Counters { get; }

    public IReadOnlyList<string> KeyColumns { get; }

    public IReadOnlyList<string> CounterColumns { get; }

    public IReadOnlyList<string> Columns { get; }

    public static SummaryTable For(IModel model, Type rowType)
    {
        var tables = _byModel.GetValue(model, _ => []);
        lock (tables)
        {
            if (!tables.TryGetValue(rowType, out var table))
            {
                tables[rowType] = table = new SummaryTable(model.FindEntityType(rowType)
                    ?? throw new InvalidOperationException($"{rowType.Name} is not a summary table of the model."));
            }

            return table;
        }
    }

    /// <summary>A key as the database stores it (enums as their names).</summary>
    public static object ProviderValue(IProperty key, object row)
    {
        var value = key.GetGetter().GetClrValue(row)!;
        return key.GetTypeMapping().Converter is { } converter ? converter.ConvertToProvider(value)! : value;
    }
}
