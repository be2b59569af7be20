using System.Data;
using Microsoft.EntityFrameworkCore;
using QualityGates.Web.Data.Summaries;

namespace QualityGates.Web.Data.Upgrades;

/// <summary>
/// Data upgrades that a migration cannot express in SQL (ADR 0023), run once per database at start after the
/// migrations, in the order of <see cref="All"/>: each in one transaction, then (if it changed counted figures) the
/// summaries are recounted from the corrected rows, then its name is recorded in
/// <see cref="QualityGatesDbContext.DataUpgrades"/>. Every step is idempotent, so a start interrupted anywhere repeats
/// it on the next one.
/// </summary>
public static partial class DataUpgrades
{
    /// <summary>Fills the bookkeeping columns that LoopNotificationsDashboard added with constants from the history.</summary>
    public const string BookkeepingFromHistory = "2026-12 bookkeeping columns from history";

    /// <summary>Fills the German names of the seeded reference data that ReferenceNamesPerLanguage added (ADR 0027).</summary>
    public const string GermanReferenceNames = "2026-12 German names of the seeded reference data";

    /// <summary>Counts the value chains' figures (ValueChainFigures added their summaries) from the migrated chains of one.</summary>
    public const string ValueChainFigures = "2026-12 value chain figures";

    public static IReadOnlyList<string> All { get; } = [BookkeepingFromHistory, GermanReferenceNames, ValueChainFigures];

    /// <summary>Runs what has not run yet; returns the names it ran.</summary>
    public static async Task<IReadOnlyList<string>> RunPendingAsync(QualityGatesDbContext db, TimeProvider time, ILogger logger, CancellationToken ct = default)
    {
        var done = await db.DataUpgrades.Select(u => u.Name).ToListAsync(ct);
        var ran = new List<string>();
        if (!done.Contains(BookkeepingFromHistory))
        {
            var started = time.GetTimestamp();
            var (promises, reviews) = await InTransactionAsync(db, () => BookkeepingBackfill.RunAsync(db, ct), ct);
            if (promises + reviews > 0)
            {
                await SummaryRebuild.RunAsync(db, ct: ct);
            }

            await RecordAsync(db, BookkeepingFromHistory, time, ct);
            var elapsed = time.GetElapsedTime(started);
            Ran(logger, BookkeepingFromHistory, promises, reviews, elapsed);
            ran.Add(BookkeepingFromHistory);
        }

        if (!done.Contains(GermanReferenceNames))
        {
            var started = time.GetTimestamp();
            var names = await InTransactionAsync(db, () => GermanNamesBackfill.RunAsync(db, ct), ct);
            await RecordAsync(db, GermanReferenceNames, time, ct);
            var elapsed = time.GetElapsedTime(started);
            NamesFilled(logger, GermanReferenceNames, names, elapsed);
            ran.Add(GermanReferenceNames);
        }

        if (!done.Contains(ValueChainFigures))
        {
            var started = time.GetTimestamp();
            if (await db.Promises.AnyAsync(ct))
            {
                await SummaryRebuild.RunAsync(db, ct: ct);
            }

            await RecordAsync(db, ValueChainFigures, time, ct);
            var elapsed = time.GetElapsedTime(started);
            Recounted(logger, ValueChainFigures, elapsed);
            ran.Add(ValueChainFigures);
        }

        return ran;
    }

    private static Task<T> InTransactionAsync<T>(QualityGatesDbContext db, Func<Task<T>> upgrade, CancellationToken ct)
    {
        var isolation = db.Database.IsNpgsql() ? IsolationLevel.RepeatableRead : IsolationLevel.Serializable;
        return db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(isolation, ct);
            var result = await upgrade();
            await transaction.CommitAsync(ct);
            return result;
        });
    }

    private static async Task RecordAsync(QualityGatesDbContext db, string name, TimeProvider time, CancellationToken ct)
    {
        db.DataUpgrades.Add(new DataUpgrade(name, time.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Data upgrade '{Name}': {Promises} promises and {Reviews} gate reviews corrected from their history in {Elapsed}")]
    private static partial void Ran(ILogger logger, string name, int promises, int reviews, TimeSpan elapsed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Data upgrade '{Name}': summaries recounted in {Elapsed}")]
    private static partial void Recounted(ILogger logger, string name, TimeSpan elapsed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Data upgrade '{Name}': {Names} German names filled in in {Elapsed}")]
    private static partial void NamesFilled(ILogger logger, string name, int names, TimeSpan elapsed);
}
