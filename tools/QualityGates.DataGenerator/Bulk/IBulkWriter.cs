namespace QualityGates.DataGenerator.Bulk;

/// <summary>
/// Writes many rows fast: prepared commands in one transaction on SQLite, binary COPY on PostgreSQL. Secondary
/// indexes are dropped for the load and rebuilt at the end, which is far cheaper than maintaining them row by row.
/// </summary>
public interface IBulkWriter : IAsyncDisposable
{
    Task BeginAsync(IReadOnlyCollection<TableMap> tables, CancellationToken ct);

    Task WriteAsync(TableMap table, IReadOnlyList<EntityRow> rows, CancellationToken ct);

    /// <summary>Commits, rebuilds the indexes, moves identity sequences past the written ids and refreshes statistics.</summary>
    Task CompleteAsync(CancellationToken ct);
}
