using Microsoft.EntityFrameworkCore;
using QualityGates.Domain;
using QualityGates.Domain.Feedback;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Improvement;
using QualityGates.Domain.Lessons;
using QualityGates.Web.Data;
using QualityGates.Web.Notifications;

namespace QualityGates.Web.Improvement;

/// <summary>
/// The steps of the improvement loop that touch more than one aggregate: opening an action from feedback,
/// its Act step's upstream changes, and closing feedback when its last action is done (ADR 0011).
/// Callers authorize first; every method saves.
/// </summary>
public sealed class ImprovementWorkflow(QualityGatesDbContext db, ImprovementNotifications notifications, TimeProvider time)
{
    private DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    public DateOnly Today => DateOnly.FromDateTime(UtcNow);

    /// <summary>Opens an action from the given feedback, which goes into improvement.</summary>
    public async Task<ImprovementAction> OpenAsync(ActionPlan plan, IReadOnlyCollection<int> feedbackIds, string userId)
    {
        var feedback = await db.Feedback.Where(f => feedbackIds.Contains(f.Id)).ToListAsync();
        var action = ImprovementAction.Open(plan, feedback, userId, UtcNow);
        db.ImprovementActions.Add(action);
        await notifications.ActionAssignedAsync(action);
        await db.SaveChangesAsync();
        return action;
    }

    /// <summary>
    /// Moves the action on. When it is done, each of its feedback items whose actions are now all done
    /// closes with it (ADR 0011).
    /// </summary>
    public async Task MoveAsync(ImprovementAction action, PdcaPhase next, string? effectivenessResult)
    {
        action.MoveTo(next, effectivenessResult, UtcNow);
        if (action.IsDone)
        {
            var feedbackIds = action.FeedbackLinks.Select(l => l.FeedbackId).ToList();
            var stillOpen = await (from link in db.ActionFeedbackLinks
                                   join other in db.ImprovementActions on link.ImprovementActionId equals other.Id
                                   where feedbackIds.Contains(link.FeedbackId) && other.Id != action.Id && other.Phase != PdcaPhase.Done
                                   select link.FeedbackId).Distinct().ToListAsync();
            var completed = await db.Feedback
                .Where(f => feedbackIds.Contains(f.Id) && !stillOpen.Contains(f.Id) && f.Status == FeedbackStatus.InImprovement)
                .ToListAsync();
            foreach (var feedback in completed)
            {
                feedback.CompleteImprovement(UtcNow);
            }
        }

        await db.SaveChangesAsync();
    }

    /// <summary>The Act step writes a lesson learned; it is shown where promises of its category are made.</summary>
    public async Task<Lesson> LearnAsync(ImprovementAction action, string text, int categoryId, int? customerId, string userId)
    {
        var lesson = Lesson.Learn(text, categoryId, customerId, userId, UtcNow);
        // The change names the lesson's id, known after its insert: both in one transaction, at most once
        // under a retrying execution strategy (ADR 0015).
        return await db.Database.ExecuteOnceAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Lessons.Add(lesson);
            await db.SaveChangesAsync();
            action.RecordUpstreamChange(UpstreamChange.NewLesson(lesson.Id, userId, UtcNow));
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return lesson;
        });
    }

    /// <summary>
    /// The Act step adds a checkpoint to a gate: a new checklist version through the gate's own versioning,
    /// so running reviews keep theirs (ADR 0010 says who may).
    /// </summary>
    public async Task AddCheckpointAsync(ImprovementAction action, GateDefinition gate, CheckpointSpec checkpoint, string userId)
    {
        // Checked before the gate changes, so a refusal leaves the gate as it was.
        if (action.Phase != PdcaPhase.Act)
        {
            throw new DomainException("UpstreamChangeOnlyInAct", $"Upstream changes are recorded in the Act step; this action is in {action.Phase}.", action.Phase);
        }

        gate.ChangeChecklist([], [checkpoint]);
        action.RecordUpstreamChange(UpstreamChange.NewCheckpoint(gate.Id, gate.ChecklistVersion, checkpoint.Text.English, userId, UtcNow));
        await db.SaveChangesAsync();
    }

    /// <summary>The Act step names an envelope its department changed, and how.</summary>
    public async Task LinkEnvelopeAsync(ImprovementAction action, int envelopeId, string note, string userId)
    {
        action.RecordUpstreamChange(UpstreamChange.ChangedEnvelope(envelopeId, note, userId, UtcNow));
        await db.SaveChangesAsync();
    }

    /// <summary>Open actions past their due date, oldest due first: the daily reminder's list.</summary>
    public IQueryable<ImprovementAction> Overdue() =>
        db.ImprovementActions.Where(a => a.Phase != PdcaPhase.Done && a.DueDate < Today).OrderBy(a => a.DueDate).ThenBy(a => a.Id);
}
