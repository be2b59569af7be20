using System.Data;
using Microsoft.EntityFrameworkCore;
using QualityGates.Web.Data.Summaries;

namespace QualityGates.Web.Data.Upgrades;

/// <summary>
/// Data upgrades that a migration cannot express in SQL (ADR 0023), run once per database at start after the
/// migrations: each in one transaction, then the summaries are recounted from the corrected rows, then its name is
/// recorded in <see cref="QualityGatesDbContext.DataUpgrades"/>. Every step is idempotent, so a start interrupted
/// anywhere repeats it on the next one.
/// </summary>
public static partial class DataUpgrades
{
    /// <summary>Fills the bookkeeping columns that LoopNotificationsDashboard added with constants from the history.</summary>
    public const string BookkeepingFromHistory = "2026-12 bookkeeping columns from history";

    public static async Task<bool> IsPendingAsync(QualityGatesDbContext db, CancellationToken ct = default) =>
        !await db.DataUpgrades.AnyAsync(u => u.Name == BookkeepingFromHistory, ct);

    /// <summary>Runs what has not run yet; returns the names it ran.</summary>
    public static async Task<IReadOnlyList<string>> RunPendingAsync(QualityGatesDbContext db, TimeProvider time, ILogger logger, CancellationToken ct = default)
    {
        if (!await IsPendingAsync(db, ct))
        {
            return [];
        }

        var started = time.GetTimestamp();
        var isolation = db.Database.IsNpgsql() ? IsolationLevel.RepeatableRead : IsolationLevel.Serializable;
        var (promises, reviews) = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(isolation, ct);
            var changed = await BookkeepingBackfill.RunAsync(db, ct);
            await transaction.CommitAsync(ct);
            return changed;
        });

        if (promises + reviews > 0)
        {
            await SummaryRebuild.RunAsync(db, ct: ct);
        }

        db.DataUpgrades.Add(new DataUpgrade(BookkeepingFromHistory, time.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
        var elapsed = time.GetElapsedTime(started);
        Ran(logger, BookkeepingFromHistory, promises, reviews, elapsed);
        return [BookkeepingFromHistory];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Data upgrade '{Name}': {Promises} promises and {Reviews} gate reviews corrected from their history in {Elapsed}")]
    private static partial void Ran(ILogger logger, string name, int promises, int reviews, TimeSpan elapsed);
}
