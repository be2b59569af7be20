using Microsoft.EntityFrameworkCore;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;
using QualityGates.Web.Webhooks;

namespace QualityGates.Web.Notifications;

/// <summary>
/// Who hears of what happens at the gates: people by e-mail, receivers by webhook. Call before SaveChanges; the
/// messages and deliveries commit with the change.
/// </summary>
public sealed class GateNotifications(QualityGatesDbContext db, Notifier notifier, WebhookEvents webhooks)
{
    /// <summary>
    /// A promise went to the feasibility review (first submission or a change after it); a capability envelope may have
    /// passed the review at once, which is a decision too.
    /// </summary>
    public async Task SubmittedAsync(Promise promise, IEnumerable<GateReview> reviews, CancellationToken ct = default)
    {
        await webhooks.PromiseSubmittedAsync(promise, ct);
        foreach (var review in reviews.Where(r => r.PassedByEnvelope))
        {
            await webhooks.GateDecidedAsync(review, promise, ct);
        }
    }

    /// <summary>A review waits for the deciding department: its service managers, or AfterSales for the closure review.</summary>
    public async Task ReviewWaitingAsync(GateReview review, Promise promise, CancellationToken ct = default)
    {
        var deciders = await UsersInRolesAsync(review.DecidingDepartmentId, [Roles.ServiceManager, Roles.AfterSales], ct);
        await notifier.EnqueueAsync(NotificationKind.ReviewWaiting, deciders.Where(id => id != promise.OwnerId),
            NotificationLink.ToReview(review), [review.GateCode, promise.Number, promise.Title], ct);
    }

    /// <summary>A decision on a promise reaches its owner.</summary>
    public async Task DecidedAsync(GateReview review, Promise promise, GateDecision decision, CancellationToken ct = default)
    {
        await notifier.EnqueueAsync(NotificationKind.DecisionOnYourPromise, [promise.OwnerId], NotificationLink.ToReview(review),
            [review.GateCode, promise.Number, promise.Title, new NotificationText($"{DecisionKeyPrefix(review.Stage)}.{decision}")], ct);
        await webhooks.GateDecidedAsync(review, promise, ct);
    }

    /// <summary>An at-risk signal reaches the promise's owner.</summary>
    public async Task AtRiskAsync(Promise promise, string reason, CancellationToken ct = default)
    {
        await notifier.EnqueueAsync(NotificationKind.AtRiskOnYourPromise, [promise.OwnerId], NotificationLink.ToPromise(promise),
            [promise.Number, promise.Title, reason, promise.RiskRaisedAtUtc ?? throw new InvalidOperationException("No risk raised.")], ct);
        await webhooks.PromiseAtRiskAsync(promise, ct);
    }

    /// <summary>An outcome was recorded: a broken promise is an event for the receivers (its closure review is announced apart).</summary>
    public Task OutcomeRecordedAsync(Promise promise, CancellationToken ct = default) =>
        promise.Outcome == OutcomeKind.Broken ? webhooks.PromiseBrokenAsync(promise, ct) : Task.CompletedTask;

    /// <summary>The resource key prefix of a stage's decision names, as on the review page.</summary>
    public static string DecisionKeyPrefix(GateStage stage) => stage switch
    {
        GateStage.Handover => "Handover.Decision",
        GateStage.Closure => "Closure.Decision",
        _ => "Decision",
    };

    private Task<List<string>> UsersInRolesAsync(int departmentId, string[] roles, CancellationToken ct)
    {
        var roleIds = db.Roles.Where(r => roles.Contains(r.Name!)).Select(r => r.Id);
        return db.Users.Where(u => u.DepartmentId == departmentId
                                   && db.UserRoles.Any(ur => ur.UserId == u.Id && roleIds.Contains(ur.RoleId)))
            .Select(u => u.Id).ToListAsync(ct);
    }
}
