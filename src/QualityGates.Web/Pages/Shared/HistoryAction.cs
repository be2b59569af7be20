using QualityGates.Domain.Feedback;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Improvement;
using QualityGates.Domain.Lessons;
using QualityGates.Domain.Promises;
using QualityGates.Web.Data.Auditing;

namespace QualityGates.Web.Pages.Shared;

/// <summary>A step of a sentence: a text key with at most one argument, a literal or the new value of an entry.</summary>
public sealed record HistoryPhrase(string Key, string? Literal = null, AuditEntry? ValueOf = null);

/// <summary>
/// One change of a record as its history tells it: who, when, what they did (the step, derived from the fields
/// the verb set), the other fields they changed, and the reason given. Built from the audit entries of one save.
/// </summary>
public sealed class HistoryAction
{
    private const string True = "True";
    private const string False = "False";

    private readonly IReadOnlyList<AuditEntry> _entries;
    private readonly HashSet<AuditEntry> _told = [];
    private readonly List<HistoryPhrase> _phrases = [];

    private readonly IReadOnlyList<AuditEntry> _creation;

    // Entries of records created as a step on this one (a review's decision), not of the record itself.
    private readonly IReadOnlyList<AuditEntry> _parts;

    private HistoryAction(IReadOnlyList<AuditEntry> entries, IReadOnlyList<AuditEntry> parts, IReadOnlyList<AuditEntry> creation)
    {
        _entries = entries;
        _parts = parts;
        _creation = creation;
    }

    /// <summary>The first entry of the change: its time and its author.</summary>
    public AuditEntry Author => _entries[0];

    public IReadOnlyList<HistoryPhrase> Phrases => _phrases;

    /// <summary>The fields changed besides the step the sentence names, bookkeeping left out, in the order recorded.</summary>
    public IReadOnlyList<AuditEntry> Changes { get; private set; } = [];

    /// <summary>The reason given for the change, unless a field shown already says it (a withdrawal's reason).</summary>
    public string? Reason { get; private set; }

    /// <summary>
    /// The entries of one record saved together (one time, one author), in the order recorded; with the record's
    /// creation entries where they were loaded too, which say what kind of record it is (a review's gate stage).
    /// </summary>
    public static HistoryAction From(string entityType, IReadOnlyList<AuditEntry> entries, IReadOnlyList<AuditEntry> creation)
    {
        var own = entries.Where(e => e.EntityType == entityType).ToList();
        var action = new HistoryAction(own.Count > 0 ? own : entries, entries.Where(e => e.EntityType != entityType).ToList(), creation);
        action.Tell(entityType);
        var bookkeeping = AuditRules.BookkeepingFields(entityType);
        action.Changes = own
            .Where(e => e.Action == AuditAction.Changed && e.Field is not null && !bookkeeping.Contains(e.Field) && !action._told.Contains(e))
            .Concat(action.ChainChanges(entityType))
            .ToList();
        var reason = action.Part(nameof(ReviewDecision.Reason))?.NewValue ?? entries.Select(e => e.Reason).FirstOrDefault(r => r is not null);
        action.Reason = action.Changes.Any(c => c.NewValue == reason) ? null : reason;
        return action;
    }

    // A promise's value chain as the promising side wrote it: links added to it or changed later. A new promise's links are
    // part of its creation, the first link's department is the promise's delivering department (listed already), and the
    // links' answers and receipts are told by the reviews' histories.
    private IEnumerable<AuditEntry> ChainChanges(string entityType)
    {
        if (entityType != nameof(Promise) || _creation.Any(e => e.EntityType == nameof(Promise) && e.AtUtc == Author.AtUtc))
        {
            return [];
        }

        var delivering = _entries.LastOrDefault(e => e.Field == nameof(Promise.DeliveringDepartmentId))?.NewValue;
        return _parts.Where(e => e.EntityType == nameof(PromiseLink) && e.NewValue is not null
                                 && e.Field is nameof(PromiseLink.DepartmentId) or nameof(PromiseLink.Part) or nameof(PromiseLink.ReceiveBy)
                                 && e.Action is AuditAction.Changed or AuditAction.Created
                                 && !(e.Field == nameof(PromiseLink.DepartmentId) && e.NewValue == delivering));
    }

    private void Tell(string entityType)
    {
        var created = _entries.Where(e => e.Action == AuditAction.Created && e.EntityType == entityType).ToList();
        if (created.Count > 0)
        {
            _told.UnionWith(created);
            _phrases.Add(Creation(entityType, created));
        }

        switch (entityType)
        {
            case nameof(Promise):
                TellPromise();
                break;
            case nameof(GateReview):
                TellReview();
                break;
            case nameof(FeedbackItem):
                TellFeedback();
                break;
            case nameof(ImprovementAction):
                TellImprovement();
                break;
            case nameof(Lesson):
                TellLesson();
                break;
        }

        if (_entries.Any(e => e.Action == AuditAction.Deleted))
        {
            _phrases.Add(new("History.Deleted"));
        }

        if (_phrases.Count == 0)
        {
            _phrases.Add(new(Known(entityType) ? $"History.{entityType}.Changed" : "History.Changed"));
        }
    }

    private static bool Known(string entityType) =>
        entityType is nameof(Promise) or nameof(GateReview) or nameof(FeedbackItem) or nameof(ImprovementAction) or nameof(Lesson);

    private static HistoryPhrase Creation(string entityType, List<AuditEntry> created)
    {
        AuditEntry? Set(string field) => created.Find(e => e.Field == field);
        switch (entityType)
        {
            case nameof(Promise) when Set(nameof(Promise.Status)) is { } status && status.NewValue != nameof(PromiseStatus.Draft):
                return new("History.Promise.CreatedAs", ValueOf: status);
            case nameof(GateReview):
                var gate = Set(nameof(GateReview.GateCode))?.NewValue ?? "";
                return Set(nameof(GateReview.PassedByEnvelope))?.NewValue == True
                    ? new("History.GateReview.OpenedAndPassed", gate)
                    : new("History.GateReview.Opened", gate);
            default:
                return new(Known(entityType) ? $"History.{entityType}.Created" : "History.Created");
        }
    }

    /// <summary>The change of a field in this save, if it changed; it is then told by the sentence, not listed.</summary>
    private AuditEntry? Take(string field)
    {
        var change = _entries.LastOrDefault(e => e.Action == AuditAction.Changed && e.Field == field);
        if (change is not null)
        {
            _told.Add(change);
        }

        return change;
    }

    private AuditEntry? Peek(string field) => _entries.LastOrDefault(e => e.Action == AuditAction.Changed && e.Field == field);

    /// <summary>A field of a record created in this save as a step on this one, e.g. the decision's reason.</summary>
    private AuditEntry? Part(string field) => _parts.FirstOrDefault(e => e.Action == AuditAction.Created && e.Field == field && e.NewValue is not null);

    private void TellPromise()
    {
        var revision = Peek(nameof(Promise.Revision))?.NewValue;
        if (Take(nameof(Promise.Status)) is { } status)
        {
            _ = Enum.TryParse<PromiseStatus>(status.OldValue, out var from);
            _ = Enum.TryParse<PromiseStatus>(status.NewValue, out var to);
            _phrases.Add((from, to) switch
            {
                (PromiseStatus.Draft, PromiseStatus.UnderReview) when revision is null or "1" => new("History.Promise.Submitted"),
                (PromiseStatus.Draft, PromiseStatus.UnderReview) => new("History.Promise.SubmittedRevision", revision),
                (PromiseStatus.Draft, PromiseStatus.Approved) => new("History.Promise.SubmittedAndPassed"),
                (_, PromiseStatus.UnderReview) when revision is not null => new("History.Promise.Revised", revision),
                (PromiseStatus.UnderReview, PromiseStatus.Approved) => new("History.Promise.Approved"),
                (PromiseStatus.UnderReview, PromiseStatus.Rejected) => new("History.Promise.Rejected"),
                (PromiseStatus.UnderReview, PromiseStatus.Draft) => new("History.Promise.Recycled"),
                (PromiseStatus.Rejected, PromiseStatus.Draft) => new("History.Promise.Reopened"),
                (PromiseStatus.Approved, PromiseStatus.Committed) => new("History.Promise.Committed"),
                (PromiseStatus.Committed, PromiseStatus.InDelivery) => new("History.Promise.HandedOver"),
                (PromiseStatus.InDelivery, PromiseStatus.Kept or PromiseStatus.Broken) when Take(nameof(Promise.Outcome)) is not null =>
                    new($"History.Promise.Outcome.{to}"),
                (_, PromiseStatus.Withdrawn) => new("History.Promise.Withdrawn"),
                _ => new("History.StatusSet", ValueOf: status),
            });
        }
        else if (revision is not null)
        {
            // A change after submission while the promise is still under review: a new revision, the same status.
            _phrases.Add(new("History.Promise.Revised", revision));
        }

        if (Peek(nameof(Promise.AtRisk))?.NewValue == True)
        {
            Take(nameof(Promise.AtRisk));
            _phrases.Add(new("History.Promise.AtRisk"));
        }
    }

    private void TellReview()
    {
        var state = Peek(nameof(GateReview.State));
        if (Peek(nameof(GateReview.PassedByEnvelope))?.NewValue == True)
        {
            Take(nameof(GateReview.PassedByEnvelope));
            Take(nameof(GateReview.State));
            Take(nameof(GateReview.Outcome));
            _phrases.Add(new("History.GateReview.PassedByEnvelope"));
            return;
        }

        var holdUntil = Part(nameof(ReviewDecision.ReReviewDate));
        if (state is null)
        {
            // Another Hold of a review on hold: only the decision is new.
            if (Part(nameof(ReviewDecision.Decision))?.NewValue == nameof(GateDecision.Hold))
            {
                _phrases.Add(OnHold(holdUntil));
            }

            return;
        }

        Take(nameof(GateReview.State));
        _ = Enum.TryParse<GateReviewState>(state.OldValue, out var from);
        _ = Enum.TryParse<GateReviewState>(state.NewValue, out var to);
        var decision = to is GateReviewState.Decided or GateReviewState.OnHold or GateReviewState.Returned
            ? Take(nameof(GateReview.Outcome))?.NewValue
            : null;
        var stage = _creation.FirstOrDefault(e => e.Field == nameof(GateReview.Stage))?.NewValue;
        _phrases.Add((from, to) switch
        {
            (_, GateReviewState.Decided) when decision == nameof(GateDecision.Go) && stage is nameof(GateStage.Handover) or nameof(GateStage.Closure) =>
                new($"History.GateReview.{stage}.Go"),
            (_, GateReviewState.Decided) when Enum.TryParse<GateDecision>(decision, out var made) => new($"History.GateReview.Decided.{made}"),
            (_, GateReviewState.OnHold) => OnHold(holdUntil),
            (_, GateReviewState.Returned) => new("History.GateReview.Returned"),
            (GateReviewState.Returned, GateReviewState.Open) => new("History.GateReview.HandedOverAgain"),
            (_, GateReviewState.Superseded) => new("History.GateReview.Superseded"),
            _ => new("History.StatusSet", ValueOf: state),
        });
    }

    private static HistoryPhrase OnHold(AuditEntry? until) =>
        until is null ? new("History.GateReview.OnHold") : new("History.GateReview.OnHoldUntil", ValueOf: until);

    private void TellFeedback()
    {
        if (Take(nameof(FeedbackItem.Status)) is not { } status)
        {
            return;
        }

        _ = Enum.TryParse<FeedbackStatus>(status.NewValue, out var to);
        _phrases.Add(to switch
        {
            FeedbackStatus.Triaged => new("History.FeedbackItem.Triaged"),
            FeedbackStatus.InImprovement => new("History.FeedbackItem.InImprovement"),
            FeedbackStatus.Closed when Peek(nameof(FeedbackItem.ClosingNote)) is not null => new("History.FeedbackItem.Closed"),
            FeedbackStatus.Closed => new("History.FeedbackItem.ClosedByActions"),
            _ => new("History.StatusSet", ValueOf: status),
        });
    }

    private void TellImprovement()
    {
        if (Take(nameof(ImprovementAction.Phase)) is { } phase)
        {
            _phrases.Add(Enum.TryParse<PdcaPhase>(phase.NewValue, out var to) && to != PdcaPhase.Plan
                ? new($"History.ImprovementAction.Phase.{to}")
                : new("History.StatusSet", ValueOf: phase));
        }
    }

    private void TellLesson()
    {
        if (Take(nameof(Lesson.IsActive)) is { } active)
        {
            _phrases.Add(new(active.NewValue == False ? "History.Lesson.Retired" : "History.Lesson.Reinstated"));
        }
    }
}
