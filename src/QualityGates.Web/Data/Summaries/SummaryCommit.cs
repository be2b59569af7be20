using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace QualityGates.Web.Data.Summaries;

/// <summary>
/// Writes a transaction's summary rows when it commits, all at once and in one fixed order, rather than at each
/// SaveChanges. A request that saves several times (a review decided, then its promise moved on) would otherwise
/// lock summary rows in the order its saves happen, another request in another order, and PostgreSQL would end
/// one of them as a deadlock (a 503 for its user). Taken last and in order, summary-row locks cannot form a cycle.
/// </summary>
internal sealed class SummaryCommit : DbTransactionInterceptor
{
    public static readonly SummaryCommit Instance = new();

    public override InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        (eventData.Context as QualityGatesDbContext)?.WriteUncommittedSummaries();
        return result;
    }

    public override async ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is QualityGatesDbContext db)
        {
            await db.WriteUncommittedSummariesAsync(cancellationToken);
        }

        return result;
    }

    // A transaction disposed without commit raises no event: the next one starts from nothing.
    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        (eventData.Context as QualityGatesDbContext)?.DiscardUncommittedSummaries();
        return result;
    }

    public override ValueTask<DbTransaction> TransactionStartedAsync(
        DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        (eventData.Context as QualityGatesDbContext)?.DiscardUncommittedSummaries();
        return ValueTask.FromResult(result);
    }
}
