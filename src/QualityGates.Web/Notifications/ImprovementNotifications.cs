using Microsoft.EntityFrameworkCore;
using QualityGates.Domain.Feedback;
using QualityGates.Domain.Improvement;
using QualityGates.Web.Data;
using QualityGates.Web.Webhooks;

namespace QualityGates.Web.Notifications;

/// <summary>Who hears of the improvement loop. Call before SaveChanges; the messages and webhook deliveries commit with the change.</summary>
public sealed class ImprovementNotifications(QualityGatesDbContext db, Notifier notifier, WebhookEvents webhooks)
{
    /// <summary>Feedback filed on a promise reaches the promise's owner; any feedback reaches the receivers.</summary>
    public async Task FeedbackFiledAsync(FeedbackItem feedback, CancellationToken ct = default)
    {
        await webhooks.FeedbackFiledAsync(feedback, ct);
        if (feedback.PromiseId is not { } promiseId)
        {
            return;
        }

        var promise = await db.Promises.Where(p => p.Id == promiseId).Select(p => new { p.OwnerId, p.Number, p.Title }).SingleAsync(ct);
        await notifier.EnqueueAsync(NotificationKind.FeedbackOnYourPromise, [promise.OwnerId],
            NotificationLink.ToRecord("/Feedback/Details/", () => feedback.Id), [promise.Number, promise.Title], ct);
    }

    /// <summary>A new owner of an action hears that it is theirs.</summary>
    public Task ActionAssignedAsync(ImprovementAction action, CancellationToken ct = default) =>
        notifier.EnqueueAsync(NotificationKind.ActionAssigned, [action.OwnerId],
            NotificationLink.ToRecord("/Actions/Details/", () => action.Id), [action.Title, action.DueDate], ct);
}

/// <summary>Actions past their due date and not done remind their owner every day.</summary>
public sealed class ActionOverdueReminder : IReminder
{
    public async Task<IReadOnlyList<Reminder>> DueAsync(QualityGatesDbContext db, DateOnly today, CancellationToken ct)
    {
        var overdue = await db.ImprovementActions.Where(a => a.Phase != PdcaPhase.Done && a.DueDate < today)
            .Select(a => new { a.Id, a.OwnerId, a.Title, a.DueDate })
            .ToListAsync(ct);
        return overdue.Select(a => new Reminder(
                NotificationKind.ActionOverdue,
                a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                a.OwnerId,
                NotificationLink.ToRecord("/Actions/Details/", () => a.Id),
                [a.Title, a.DueDate]))
            .ToList();
    }
}
