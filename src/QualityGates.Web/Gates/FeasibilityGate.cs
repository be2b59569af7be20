using Microsoft.EntityFrameworkCore;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;
using QualityGates.Web.Data;
using QualityGates.Web.Data.Seeding;

namespace QualityGates.Web.Gates;

/// <summary>
/// Submission and the feasibility gate belong together: submitting a promise opens its G1 review for the
/// deciding department, in the same unit of work. The caller saves.
/// </summary>
public sealed class FeasibilityGate(QualityGatesDbContext db, TimeProvider time)
{
    public async Task<GateReview> SubmitAsync(Promise promise, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var gate = await db.GateDefinitions.Include(g => g.Checkpoints)
            .SingleAsync(g => g.Code == ReferenceData.FeasibilityGateCode, ct);
        promise.Submit(now);
        var review = GateReview.OpenFeasibility(promise, gate, now);
        db.GateReviews.Add(review);
        return review;
    }
}
