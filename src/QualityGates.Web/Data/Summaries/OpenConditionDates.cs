using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;

namespace QualityGates.Web.Data.Summaries;

/// <summary>
/// Keeps <see cref="Domain.Promises.Promise.OpenConditionsDueOn"/>: after a save that added or resolved conditions,
/// the promises they belong to get the earliest due date of their open conditions again, in the same transaction.
/// Each promise row is locked first (a no-op update), so two saves resolving conditions of one promise at the
/// same moment compute one after the other, each from what the other committed.
/// </summary>
internal static class OpenConditionDates
{
    /// <summary>The promises whose conditions this save adds, resolves or removes (their reviews are tracked with them).</summary>
    public static IReadOnlyList<int> Capture(DbContext db) =>
        db.ChangeTracker.Entries<GateReview>()
            .Where(review => review.Entity.Conditions.Any(c => db.Entry(c).State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
            .Select(review => review.Entity.PromiseId)
            .Distinct().Order().ToList();

    public static async Task WriteAsync(QualityGatesDbContext db, IReadOnlyList<int> promiseIds, CancellationToken ct = default)
    {
        if (promiseIds.Count == 0)
        {
            return;
        }

        var promises = db.Promises.Where(p => promiseIds.Contains(p.Id));
        await promises.ExecuteUpdateAsync(s => s.SetProperty(p => p.OpenConditionsDueOn, p => p.OpenConditionsDueOn), ct);
        await promises.ExecuteUpdateAsync(s => s.SetProperty(p => p.OpenConditionsDueOn, EarliestOpen(db)), ct);
    }

    public static void Write(QualityGatesDbContext db, IReadOnlyList<int> promiseIds)
    {
        if (promiseIds.Count == 0)
        {
            return;
        }

        var promises = db.Promises.Where(p => promiseIds.Contains(p.Id));
        promises.ExecuteUpdate(s => s.SetProperty(p => p.OpenConditionsDueOn, p => p.OpenConditionsDueOn));
        promises.ExecuteUpdate(s => s.SetProperty(p => p.OpenConditionsDueOn, EarliestOpen(db)));
    }

    /// <summary>Recounts every promise that has or had open conditions (a rebuild, a migration of old data).</summary>
    public static Task<int> RebuildAsync(QualityGatesDbContext db, CancellationToken ct = default) =>
        db.Promises
            .Where(p => p.OpenConditionsDueOn != null
                        || db.GateReviews.Any(r => r.PromiseId == p.Id && r.Conditions.Any(c => c.ResolvedAtUtc == null)))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.OpenConditionsDueOn, EarliestOpen(db)), ct);

    private static Expression<Func<Promise, DateOnly?>> EarliestOpen(QualityGatesDbContext db) =>
        p => db.GateReviews.Where(r => r.PromiseId == p.Id).SelectMany(r => r.Conditions)
            .Where(c => c.ResolvedAtUtc == null).Min(c => (DateOnly?)c.DueDate);
}
