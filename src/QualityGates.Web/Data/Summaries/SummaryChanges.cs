using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Improvement;
using QualityGates.Domain.Promises;

namespace QualityGates.Web.Data.Summaries;

/// <summary>
/// What one SaveChanges does to the summaries, read from the change tracker as the audit trail is: every
/// promise, value chain link, gate review and improvement action that is added, changed or removed counts its old
/// facts out and its new facts in. No verb has to remember the summaries; the context writes the result in the same
/// transaction as the change (<see cref="QualityGatesDbContext"/>).
/// </summary>
internal static class SummaryChanges
{
    public static SummaryDelta Capture(DbContext db)
    {
        var delta = new SummaryDelta();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            switch (entry.Entity)
            {
                case Promise:
                    Count(db, delta, entry, values => Facts<Promise, PromiseFacts>.From(values).Rows());
                    break;
                case GateReview review:
                    Count(db, delta, entry, values => Facts<GateReview, ReviewFacts>.From(values).Rows());
                    CountNewDecisions(db, delta, review);
                    break;
                case PromiseLink:
                    Count(db, delta, entry, values => Facts<PromiseLink, LinkFacts>.From(values).Rows());
                    break;
                case ImprovementAction:
                    Count(db, delta, entry, values => Facts<ImprovementAction, ActionFacts>.From(values).Rows());
                    break;
            }
        }

        return delta;
    }

    // Decisions are only ever added to a review (which is tracked with them), and count for the promise's owner.
    private static void CountNewDecisions(DbContext db, SummaryDelta delta, GateReview review)
    {
        foreach (var decision in review.Decisions.Where(d => db.Entry(d).State == EntityState.Added))
        {
            delta.Add(db.Model, new DecisionFacts(review.PromiseOwnerId, decision.DecidedAtUtc, decision.DeciderId).Rows(), +1);
        }
    }

    private static void Count(DbContext db, SummaryDelta delta, EntityEntry entry, Func<PropertyValues, IEnumerable<object>> rows)
    {
        if (entry.State is EntityState.Modified or EntityState.Deleted)
        {
            delta.Add(db.Model, rows(entry.OriginalValues), -1);
        }

        if (entry.State is EntityState.Added or EntityState.Modified)
        {
            delta.Add(db.Model, rows(entry.CurrentValues), +1);
        }
    }
}
