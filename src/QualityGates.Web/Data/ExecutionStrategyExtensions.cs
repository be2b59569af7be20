using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace QualityGates.Web.Data;

/// <summary>
/// Work that opens its own transaction. A retrying execution strategy (PostgreSQL, SQL Server) refuses
/// user-initiated transactions outside <see cref="IExecutionStrategy.ExecuteAsync"/>; inside it, it would
/// replay the whole delegate after a transient error. That is only safe for work that can run twice, and
/// ours cannot (accepted changes, Identity's side effects). So the work runs inside the strategy but at
/// most once: a transient failure rolls the transaction back and surfaces as
/// <see cref="TransientFailureNotRetriedException"/> (a 503 for the user, who may send again). ADR 0015.
/// </summary>
public static class ExecutionStrategyExtensions
{
    public static async Task<T> ExecuteOnceAsync<T>(this DatabaseFacade database, Func<Task<T>> operation)
    {
        var strategy = database.CreateExecutionStrategy();
        if (!strategy.RetriesOnFailure || database.CurrentTransaction is not null)
        {
            return await operation();
        }

        var attempts = 0;
        return await strategy.ExecuteAsync(async () =>
        {
            if (++attempts > 1)
            {
                throw new TransientFailureNotRetriedException(null);
            }

            try
            {
                return await operation();
            }
            catch (Exception e) when (DatabaseFailures.IsUnavailable(e))
            {
                throw new TransientFailureNotRetriedException(e);
            }
        });
    }

    public static T ExecuteOnce<T>(this DatabaseFacade database, Func<T> operation)
    {
        var strategy = database.CreateExecutionStrategy();
        if (!strategy.RetriesOnFailure || database.CurrentTransaction is not null)
        {
            return operation();
        }

        var attempts = 0;
        return strategy.Execute(() =>
        {
            if (++attempts > 1)
            {
                throw new TransientFailureNotRetriedException(null);
            }

            try
            {
                return operation();
            }
            catch (Exception e) when (DatabaseFailures.IsUnavailable(e))
            {
                throw new TransientFailureNotRetriedException(e);
            }
        });
    }
}

/// <summary>A transaction failed on a transient database error and was rolled back rather than replayed.</summary>
public sealed class TransientFailureNotRetriedException(Exception? inner)
    : Exception("A transaction failed on a transient database error; it was rolled back and not retried.", inner);
