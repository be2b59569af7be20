using System.Data;
using Microsoft.EntityFrameworkCore;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Improvement;
using QualityGates.Domain.Promises;

namespace QualityGates.Web.Data.Summaries;

/// <summary>
/// Recounts every summary from the base tables with the same facts and rows as <see cref="SummaryChanges"/>, and
/// every promise's <see cref="OpenConditionDates">open-conditions date</see>:
/// after a bulk load or an import around the app (<c>dotnet QualityGates.Web.dll rebuild-summaries</c>), and by
/// itself on the first start after the migration that added them. Safe while users write: it reads one
/// snapshot and replaces the summaries in one transaction; a writer that commits in between makes it start
/// again (PostgreSQL: serialization failure, retried), and later changes add to what it wrote.
/// </summary>
public static class SummaryRebuild
{
    /// <summary>Every promise counts once in <see cref="Summaries.PromiseCounts"/>: empty counts beside promises mean never built.</summary>
    public static async Task<bool> IsMissingAsync(QualityGatesDbContext db, CancellationToken ct = default) =>
        !await db.PromiseCounts.AnyAsync(ct) && await db.Promises.AnyAsync(ct);

    public static async Task RunAsync(QualityGatesDbContext db, bool onlyIfMissing = false, CancellationToken ct = default)
    {
        var isolation = db.Database.IsNpgsql() ? IsolationLevel.RepeatableRead : IsolationLevel.Serializable;
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(isolation, ct);
            if (onlyIfMissing && !await IsMissingAsync(db, ct))
            {
                return;
            }

            await db.PromiseMonthFigures.ExecuteDeleteAsync(ct);
            await db.CustomerMonthFigures.ExecuteDeleteAsync(ct);
            await db.DecisionMonthFigures.ExecuteDeleteAsync(ct);
            await db.DurationHistograms.ExecuteDeleteAsync(ct);
            await db.PromiseCounts.ExecuteDeleteAsync(ct);
            await db.ActionMonthFigures.ExecuteDeleteAsync(ct);
            await db.OpenReviewCounts.ExecuteDeleteAsync(ct);
            await db.OwnerDecisionDays.ExecuteDeleteAsync(ct);
            await db.HandoverPairMonthFigures.ExecuteDeleteAsync(ct);
            await db.BreakMonthFigures.ExecuteDeleteAsync(ct);

            await OpenConditionDates.RebuildAsync(db, ct);
            var delta = new SummaryDelta();
            await foreach (var facts in db.Promises.AsNoTracking().Select(Facts<Promise, PromiseFacts>.Projection).AsAsyncEnumerable().WithCancellation(ct))
            {
                delta.Add(db.Model, facts.Rows(), +1);
            }

            await foreach (var facts in db.PromiseLinks.AsNoTracking().Where(l => l.HandedOnAtUtc != null)
                               .Select(Facts<PromiseLink, LinkFacts>.Projection).AsAsyncEnumerable().WithCancellation(ct))
            {
                delta.Add(db.Model, facts.Rows(), +1);
            }

            await foreach (var facts in db.GateReviews.AsNoTracking().Where(ReviewFacts.Counted)
                               .Select(Facts<GateReview, ReviewFacts>.Projection).AsAsyncEnumerable().WithCancellation(ct))
            {
                delta.Add(db.Model, facts.Rows(), +1);
            }

            var decisions = from d in db.Set<ReviewDecision>().AsNoTracking()
                            where d.DeciderId != null
                            join r in db.GateReviews on EF.Property<int>(d, "GateReviewId") equals r.Id
                            select new DecisionFacts(r.PromiseOwnerId, d.DecidedAtUtc, d.DeciderId);
            await foreach (var facts in decisions.AsAsyncEnumerable().WithCancellation(ct))
            {
                delta.Add(db.Model, facts.Rows(), +1);
            }

            await foreach (var facts in db.ImprovementActions.AsNoTracking().Select(Facts<ImprovementAction, ActionFacts>.Projection).AsAsyncEnumerable().WithCancellation(ct))
            {
                delta.Add(db.Model, facts.Rows(), +1);
            }

            await delta.WriteAsync(db, ct);
            await transaction.CommitAsync(ct);
        });
    }
}
