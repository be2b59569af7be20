using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QualityGates.Domain.Promises;
using QualityGates.Web.Data;
using QualityGates.Web.Data.Auditing;
using QualityGates.Web.Gates;

namespace QualityGates.Web.Imports;

/// <summary>
/// Imports an upload all or nothing, in one transaction: the rows are checked again (the register may have changed
/// since the preview), numbered in one step, made promises by <see cref="Promise.Import"/> and saved in batches — each
/// batch's audit trail and summary counts written by SaveChanges as for any promise (ADRs 0008, 0021) —, committed ones
/// handed over (G2). A problem, or a concurrent import of the same upload, rolls everything back.
/// </summary>
public sealed class ImportWriter(
    QualityGatesDbContext db,
    ImportCheck check,
    PromiseNumberAllocator numbers,
    GateWorkflow gates,
    AuditContext audit,
    TimeProvider time,
    IStringLocalizer<SharedResource> l)
{
    // Large enough to keep round trips few, small enough that the change tracker never holds the whole file.
    private const int BatchSize = 500;

    /// <summary>The plan that was imported, or — with problems — the reason nothing was.</summary>
    public async Task<ImportPlan> ImportAsync(PromiseImport upload, CancellationToken ct = default) =>
        await db.Database.ExecuteOnceAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var plan = await check.CheckAsync(upload, ct);
            if (!plan.CanImport)
            {
                return plan;
            }

            upload.MarkImported(plan.Ready.Count, plan.Skipped.Count, time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);

            audit.Reason = l["Import.AuditReason", upload.FileName];
            var department = await db.Departments.AsNoTracking().SingleAsync(d => d.Id == upload.PromisingDepartmentId, ct);
            var allocated = await numbers.NextAsync(plan.Ready.Count, ct);
            var now = time.GetUtcNow().UtcDateTime;
            // Every save detects its changes once itself (the audit trail needs them); with thousands of entries
            // tracked, the automatic detection on each look at the change tracker would repeat that many times.
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            foreach (var batch in plan.Ready.Select((row, i) => (Row: row, Number: allocated[i])).Chunk(BatchSize))
            {
                var promises = batch.Select(x => Promise.Import(x.Number, x.Row.Details, department, upload.OwnerId, now, upload.Id, x.Row.Commitment)).ToList();
                db.Promises.AddRange(promises);
                await db.SaveChangesAsync(ct);
                if (upload.AsCommitted)
                {
                    await gates.OpenImportedHandoversAsync(promises, ct);
                    await db.SaveChangesAsync(ct);
                }

                db.ChangeTracker.Clear();
            }

            await transaction.CommitAsync(ct);
            return plan;
        });
}
