using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;

namespace QualityGates.Web.Telemetry;

/// <summary>
/// Counts gate decisions and promise outcomes when the save that holds them succeeds, whichever page or job made them.
/// The changes are read before the save (QualityGatesDbContext has detected them) and counted after it.
/// </summary>
public sealed class MetricsSaveChangesInterceptor(QualityGatesMetrics metrics) : SaveChangesInterceptor
{
    private sealed record Pending(IReadOnlyList<(GateStage Stage, GateDecision Decision)> Decisions, IReadOnlyList<OutcomeKind> Outcomes);

    private readonly ConditionalWeakTable<DbContext, Pending> _pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Capture(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Capture(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Record(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Record(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Capture(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var decisions = context.ChangeTracker.Entries<GateReview>()
            .Where(e => e.Entity.Outcome is not null && (e.State == EntityState.Added || e.Property(r => r.Outcome).IsModified))
            .Select(e => (e.Entity.Stage, e.Entity.Outcome!.Value)).ToList();
        var outcomes = context.ChangeTracker.Entries<Promise>()
            .Where(e => e.Entity.Outcome is not null && (e.State == EntityState.Added || e.Property(p => p.Outcome).IsModified))
            .Select(e => e.Entity.Outcome!.Value).ToList();
        _pending.AddOrUpdate(context, new Pending(decisions, outcomes));
    }

    private void Record(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending))
        {
            return;
        }

        _pending.Remove(context);
        foreach (var (stage, decision) in pending.Decisions)
        {
            metrics.Decided(stage, decision);
        }

        foreach (var outcome in pending.Outcomes)
        {
            metrics.OutcomeRecorded(outcome);
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _pending.Remove(context);
        }
    }
}
