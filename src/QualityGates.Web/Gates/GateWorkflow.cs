using Microsoft.EntityFrameworkCore;
using QualityGates.Domain;
using QualityGates.Domain.Departments;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;
using QualityGates.Web.Data;
using QualityGates.Web.Notifications;

namespace QualityGates.Web.Gates;

/// <summary>
/// The promise's lifecycle steps that open gate reviews, in the same unit of work: submitting opens G1 for every link of
/// the value chain (a link passed at once when an active capability envelope covers its part), committing opens the G2
/// handover to the first link, each link hands over to the next, recording the outcome opens the G3 closure review.
/// The deciding department hears of every review that waits for it, and webhook receivers of submissions, envelope
/// decisions and broken promises (unless <paramref name="notifications"/> is left out, as by the demo data). The caller
/// saves.
/// </summary>
public sealed class GateWorkflow(QualityGatesDbContext db, TimeProvider time, GateNotifications? notifications = null)
{
    public async Task<IReadOnlyList<GateReview>> SubmitAsync(Promise promise, string submitterId, CancellationToken ct = default)
    {
        db.PromiseRevisions.Add(promise.Submit(time.GetUtcNow().UtcDateTime, submitterId));
        return await OpenFeasibilityReviewsAsync(promise, ct);
    }

    /// <summary>
    /// A change after submission is a new revision with a reason; the reviews of the old text are superseded and G1
    /// opens again (moving target) for the links that have to answer again (<see cref="Promise.ChangeAfterSubmission"/>).
    /// </summary>
    public async Task<IReadOnlyList<GateReview>> ReviseAsync(
        Promise promise, PromiseDetails details, Department promisingDepartment, RevisionReason reason, string? reasonText, string authorId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        db.PromiseRevisions.Add(promise.ChangeAfterSubmission(details, promisingDepartment, reason, reasonText, authorId, now));
        await SupersedeRunningReviewsAsync(promise, now, ct);
        return await OpenFeasibilityReviewsAsync(promise, ct);
    }

    /// <summary>
    /// After a feasibility decision of one link: a No-Go or Recycle ended the round for the whole promise, so the other
    /// links' reviews have nothing left to decide and leave the work lists, and the conditions another link set in this
    /// round are resolved with it (the next submission asks every link again), by the decider.
    /// </summary>
    public async Task FeasibilityDecidedAsync(Promise promise, string deciderId, CancellationToken ct = default)
    {
        if (promise.Status is not (PromiseStatus.Rejected or PromiseStatus.Draft))
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        await SupersedeRunningReviewsAsync(promise, now, ct);
        var withOpenConditions = await db.GateReviews.Include(r => r.Conditions)
            .Where(r => r.PromiseId == promise.Id && r.Stage == GateStage.Feasibility && r.Conditions.Any(c => c.ResolvedAtUtc == null))
            .ToListAsync(ct);
        withOpenConditions.ForEach(r => r.ResolveOpenConditions(deciderId, null, now));
    }

    /// <summary>The link that holds a promise in delivery hands it over to the next link, which reviews the handover.</summary>
    public async Task<GateReview> HandOnAsync(Promise promise, CancellationToken ct = default)
    {
        if (await db.GateReviews.AnyAsync(r => r.PromiseId == promise.Id && r.Stage == GateStage.Handover
                && (r.State == GateReviewState.Open || r.State == GateReviewState.OnHold || r.State == GateReviewState.Returned), ct))
        {
            throw new DomainException("HandoverRunning", "A handover of this promise is already waiting for its receiving side.");
        }

        if (promise.Status != PromiseStatus.InDelivery)
        {
            throw new DomainException("HandOnOnlyInDelivery", $"Only a promise in delivery is handed on; this promise is {promise.Status}.", promise.Status);
        }

        var review = GateReview.OpenHandover(promise, await ActiveGateAsync(GateStage.Handover, ct), time.GetUtcNow().UtcDateTime);
        db.GateReviews.Add(review);
        await NotifyWaitingAsync(review, promise, ct);
        return review;
    }

    /// <summary>
    /// A withdrawn promise leaves nothing to decide or fulfil: its running reviews are superseded and its open
    /// conditions resolved with the withdrawal's reason, so no work list or figure keeps them as open work.
    /// </summary>
    public async Task WithdrawAsync(Promise promise, string reason, string userId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        promise.Withdraw(reason, now);
        await SupersedeRunningReviewsAsync(promise, now, ct);
        var withOpenConditions = await db.GateReviews.Include(r => r.Conditions)
            .Where(r => r.PromiseId == promise.Id && r.Conditions.Any(c => c.ResolvedAtUtc == null))
            .ToListAsync(ct);
        withOpenConditions.ForEach(r => r.ResolveOpenConditions(userId, promise.WithdrawalReason, now));
    }

    private async Task SupersedeRunningReviewsAsync(Promise promise, DateTime now, CancellationToken ct)
    {
        var running = await db.GateReviews.Where(r => r.PromiseId == promise.Id
                && r.State != GateReviewState.Decided && r.State != GateReviewState.Superseded)
            .ToListAsync(ct);
        running.ForEach(r => r.Supersede(now));
    }

    private async Task<IReadOnlyList<GateReview>> OpenFeasibilityReviewsAsync(Promise promise, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var gate = await ActiveGateAsync(GateStage.Feasibility, ct);
        var asked = promise.LinksToAsk;
        var departments = asked.Select(l => l.DepartmentId).ToList();

        // The fast lane: a few envelopes per department and category, so the coverage rule runs in memory.
        var envelopes = await db.CapabilityEnvelopes
            .Where(e => e.IsActive && departments.Contains(e.DeliveringDepartmentId) && e.CategoryId == promise.CategoryId)
            .OrderBy(e => e.Id).ToListAsync(ct);
        var reviews = new List<GateReview>();
        foreach (var link in asked)
        {
            var review = GateReview.OpenFeasibility(promise, gate, now, link.Position);
            db.GateReviews.Add(review);
            reviews.Add(review);
            if (envelopes.FirstOrDefault(e => e.Covers(promise.CategoryId, link.DepartmentId, promise.Target)) is { } envelope)
            {
                review.PassByEnvelope(promise, envelope.Id, envelope.Name.English, now);
            }
            else
            {
                await NotifyWaitingAsync(review, promise, ct);
            }
        }

        await (notifications?.SubmittedAsync(promise, reviews, ct) ?? Task.CompletedTask);
        return reviews;
    }

    public async Task<GateReview> CommitAsync(Promise promise, DateOnly committedOn, CommitChannel channel, CancellationToken ct = default)
    {
        var gate = await ActiveGateAsync(GateStage.Handover, ct);
        promise.Commit(committedOn, channel);
        var review = GateReview.OpenHandover(promise, gate, time.GetUtcNow().UtcDateTime);
        db.GateReviews.Add(review);
        await NotifyWaitingAsync(review, promise, ct);
        return review;
    }

    /// <summary>
    /// Promises imported as already given to the customer are handed over as any commitment is: one G2 review each.
    /// No e-mail per review — a file of thousands would flood the delivering department —; their My work counts them.
    /// </summary>
    public async Task OpenImportedHandoversAsync(IEnumerable<Promise> committed, CancellationToken ct = default)
    {
        var gate = await ActiveGateAsync(GateStage.Handover, ct);
        var now = time.GetUtcNow().UtcDateTime;
        db.GateReviews.AddRange(committed.Select(promise => GateReview.OpenHandover(promise, gate, now)));
    }

    public async Task<GateReview> RecordOutcomeAsync(
        Promise promise, OutcomeKind outcome, decimal? actualValue, DateOnly date, string evidence, BreachCause? cause,
        int? brokenAtDepartmentId = null, CancellationToken ct = default)
    {
        var gate = await ActiveGateAsync(GateStage.Closure, ct);
        promise.RecordOutcome(outcome, actualValue, date, evidence, cause, brokenAtDepartmentId);
        var review = GateReview.OpenClosure(promise, gate, time.GetUtcNow().UtcDateTime);
        db.GateReviews.Add(review);
        await NotifyWaitingAsync(review, promise, ct);
        await (notifications?.OutcomeRecordedAsync(promise, ct) ?? Task.CompletedTask);
        return review;
    }

    private Task NotifyWaitingAsync(GateReview review, Promise promise, CancellationToken ct) =>
        notifications?.ReviewWaitingAsync(review, promise, ct) ?? Task.CompletedTask;

    /// <summary>Whether conditions a link set at the feasibility gate are still open: they block its acceptance of the handover.</summary>
    public Task<bool> FeasibilityConditionsOpenAsync(int promiseId, int? linkPosition, CancellationToken ct = default) =>
        db.GateReviews.Where(r => r.PromiseId == promiseId && r.Stage == GateStage.Feasibility && r.LinkPosition == linkPosition)
            .SelectMany(r => r.Conditions).AnyAsync(c => c.ResolvedAtUtc == null, ct);

    // The first active gate of a stage, in gate order: G1 for feasibility, G2 for the handover.
    // An administrator may have deactivated every gate of the stage: that refuses the step, it does not crash.
    private async Task<GateDefinition> ActiveGateAsync(GateStage stage, CancellationToken ct) =>
        await db.GateDefinitions.Include(g => g.Checkpoints)
            .Where(g => g.Stage == stage && g.IsActive).OrderBy(g => g.Order).FirstOrDefaultAsync(ct)
        ?? throw new DomainException("NoActiveGate", $"No active gate of stage {stage}.");
}
