using Microsoft.EntityFrameworkCore;
using QualityGates.Domain.Gates;

namespace QualityGates.Web.Data.Upgrades;

/// <summary>
/// Sets every promise's and gate review's bookkeeping columns to what <see cref="BookkeepingReplay"/> derives from
/// their history (ADR 0023). Reads the promises in batches by id with their revisions, reviews and decisions, and
/// writes only the rows whose columns differ, around SaveChanges: a derived figure is no change anyone made, so it
/// neither enters the audit trail nor moves the row's version. The caller owns the transaction and recounts the
/// summaries afterwards.
/// </summary>
public static class BookkeepingBackfill
{
    public const int BatchSize = 1000;

    /// <summary>Returns how many promises and reviews it corrected.</summary>
    public static async Task<(int Promises, int Reviews)> RunAsync(QualityGatesDbContext db, CancellationToken ct = default)
    {
        var (promisesChanged, reviewsChanged, afterId) = (0, 0, 0);
        while (true)
        {
            var promises = await db.Promises.AsNoTracking().Where(p => p.Id > afterId).OrderBy(p => p.Id).Take(BatchSize)
                .Select(p => new
                {
                    p.Id, p.Outcome, p.ActualValue, p.OutcomeDate,
                    Stored = new PromiseBookkeeping(p.FirstApprovedRevision, p.FirstApprovedTarget, p.FirstApprovedDueDate, p.ChangedAfterApproval,
                        p.DueDateSlipDays, p.OutcomeAgainstFirstTarget, p.FirstFeasibilityDecision, p.HandoverAcceptedFirstTime),
                })
                .ToListAsync(ct);
            if (promises.Count == 0)
            {
                return (promisesChanged, reviewsChanged);
            }

            var (first, last) = (promises[0].Id, promises[^1].Id);
            var revisions = (await db.PromiseRevisions.AsNoTracking().Where(r => r.PromiseId >= first && r.PromiseId <= last)
                    .Select(r => new { r.PromiseId, Record = new RevisionRecord(r.Number, r.Reason != null, r.Target, r.DueDate, r.CreatedAtUtc) })
                    .ToListAsync(ct))
                .ToLookup(r => r.PromiseId, r => r.Record);
            var reviews = await db.GateReviews.AsNoTracking().Where(r => r.PromiseId >= first && r.PromiseId <= last)
                .Select(r => new { r.Id, r.PromiseId, r.Stage, r.State, r.OpenedAtUtc, r.DecidedAtUtc, r.PassedByEnvelope, r.DaysToDecision })
                .ToListAsync(ct);
            var decisions = (await (from d in db.Set<ReviewDecision>().AsNoTracking()
                        join r in db.GateReviews on EF.Property<int>(d, "GateReviewId") equals r.Id
                        where r.PromiseId >= first && r.PromiseId <= last
                        select new { ReviewId = r.Id, d.Id, d.Decision, d.DecidedAtUtc, d.EnvelopeId })
                    .ToListAsync(ct))
                .ToLookup(d => d.ReviewId, d => new DecisionRecord(d.Id, d.Decision, d.DecidedAtUtc, d.EnvelopeId != null));
            var reviewsOf = reviews.ToLookup(r => r.PromiseId);
            var storedReviews = reviews.ToDictionary(r => r.Id, r => new ReviewBookkeeping(r.Id, r.PassedByEnvelope, r.DaysToDecision));

            foreach (var promise in promises)
            {
                var history = new PromiseHistory(promise.Id, promise.Outcome, promise.ActualValue, promise.OutcomeDate, revisions[promise.Id].ToList(),
                    reviewsOf[promise.Id].Select(r => new ReviewRecord(r.Id, r.Stage, r.State, r.OpenedAtUtc, r.DecidedAtUtc, decisions[r.Id].ToList())).ToList());

                var replayed = BookkeepingReplay.Of(history);
                if (replayed != promise.Stored)
                {
                    await WriteAsync(db, promise.Id, replayed, ct);
                    promisesChanged++;
                }

                foreach (var review in BookkeepingReplay.OfReviews(history).Where(r => r != storedReviews[r.ReviewId]))
                {
                    await db.GateReviews.Where(r => r.Id == review.ReviewId).ExecuteUpdateAsync(s => s
                        .SetProperty(r => r.PassedByEnvelope, review.PassedByEnvelope)
                        .SetProperty(r => r.DaysToDecision, review.DaysToDecision), ct);
                    reviewsChanged++;
                }
            }

            afterId = last;
        }
    }

    private static Task<int> WriteAsync(QualityGatesDbContext db, int promiseId, PromiseBookkeeping b, CancellationToken ct) =>
        db.Promises.Where(p => p.Id == promiseId).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.FirstApprovedRevision, b.FirstApprovedRevision)
            .SetProperty(p => p.FirstApprovedTarget, b.FirstApprovedTarget)
            .SetProperty(p => p.FirstApprovedDueDate, b.FirstApprovedDueDate)
            .SetProperty(p => p.ChangedAfterApproval, b.ChangedAfterApproval)
            .SetProperty(p => p.DueDateSlipDays, b.DueDateSlipDays)
            .SetProperty(p => p.OutcomeAgainstFirstTarget, b.OutcomeAgainstFirstTarget)
            .SetProperty(p => p.FirstFeasibilityDecision, b.FirstFeasibilityDecision)
            .SetProperty(p => p.HandoverAcceptedFirstTime, b.HandoverAcceptedFirstTime), ct);
}
