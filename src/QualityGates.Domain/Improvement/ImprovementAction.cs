using QualityGates.Domain.Feedback;

namespace QualityGates.Domain.Improvement;

/// <summary>
/// An improvement action (KVP) opened from one or more feedback items. It runs through Plan → Do →
/// Check → Act → Done one phase at a time, and cannot be done until its Act step changed something
/// upstream (<see cref="UpstreamChanges"/>): that is how AfterSales experience reaches the sales phase.
/// </summary>
public sealed class ImprovementAction : IVersioned
{
    public const int TitleMaxLength = 200;
    public const int RootCauseMaxLength = 2000;
    public const int EffectivenessMaxLength = 1000;
    public const int UserIdMaxLength = 450;

    private readonly List<ActionFeedbackLink> _feedbackLinks = [];
    private readonly List<UpstreamChange> _upstreamChanges = [];

    private ImprovementAction()
    {
        Title = "";
        RootCause = "";
        OwnerId = "";
        EffectivenessMeasure = "";
        CreatedById = "";
    }

    public int Id { get; private set; }

    public string Title { get; private set; }

    public string RootCause { get; private set; }

    public string OwnerId { get; private set; }

    public int ResponsibleDepartmentId { get; private set; }

    public DateOnly DueDate { get; private set; }

    /// <summary>What will be measured to see whether the action worked; set at Plan.</summary>
    public string EffectivenessMeasure { get; private set; }

    /// <summary>By when the effectiveness is checked; set at Plan.</summary>
    public DateOnly EffectivenessCheckDate { get; private set; }

    /// <summary>What the Check step found; required to move on to Act.</summary>
    public string? EffectivenessResult { get; private set; }

    public PdcaPhase Phase { get; private set; }

    public string CreatedById { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime? DoStartedAtUtc { get; private set; }

    public DateTime? CheckStartedAtUtc { get; private set; }

    public DateTime? ActStartedAtUtc { get; private set; }

    public DateTime? DoneAtUtc { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<ActionFeedbackLink> FeedbackLinks => _feedbackLinks;

    public IReadOnlyList<UpstreamChange> UpstreamChanges => _upstreamChanges;

    public bool IsDone => Phase == PdcaPhase.Done;

    /// <summary>Opens an action in Plan; its feedback goes into improvement.</summary>
    public static ImprovementAction Open(ActionPlan plan, IReadOnlyCollection<FeedbackItem> feedback, string createdById, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        ArgumentException.ThrowIfNullOrWhiteSpace(createdById);
        if (feedback.Count == 0)
        {
            throw new DomainException("ActionNeedsFeedback", "An improvement action is opened from at least one feedback item.");
        }

        if (feedback.Any(f => f.Status == FeedbackStatus.Closed))
        {
            throw new DomainException("FeedbackClosed", "Closed feedback is no longer changed.");
        }

        var action = new ImprovementAction
        {
            Phase = PdcaPhase.Plan,
            CreatedById = createdById,
            CreatedAtUtc = nowUtc,
        };
        action.Apply(plan);
        foreach (var item in feedback.DistinctBy(f => f.Id))
        {
            item.StartImprovement(createdById, nowUtc);
            action._feedbackLinks.Add(new ActionFeedbackLink(item.Id));
        }

        return action;
    }

    /// <summary>Changes the plan. The effectiveness check is fixed once the action left Plan.</summary>
    public void ChangePlan(ActionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (IsDone)
        {
            throw new DomainException("ActionDone", "A done action is no longer changed.");
        }

        if (Phase != PdcaPhase.Plan
            && (!string.Equals(plan.EffectivenessMeasure.Trim(), EffectivenessMeasure, StringComparison.Ordinal)
                || plan.EffectivenessCheckDate != EffectivenessCheckDate))
        {
            throw new DomainException("EffectivenessCheckFixed", "The effectiveness check is set at Plan and not changed after the fact.");
        }

        Apply(plan);
    }

    /// <summary>
    /// Moves to the next phase, never skipping one. Leaving Check needs the result of the effectiveness
    /// check; reaching Done needs at least one upstream change.
    /// </summary>
    public void MoveTo(PdcaPhase next, string? effectivenessResult, DateTime nowUtc)
    {
        if (IsDone)
        {
            throw new DomainException("ActionDone", "A done action is no longer changed.");
        }

        if (next != Phase + 1)
        {
            throw new DomainException("PhaseOrder", $"An action in {Phase} moves on to {Phase + 1}, not to {next}.", Phase, Phase + 1);
        }

        switch (next)
        {
            case PdcaPhase.Do:
                DoStartedAtUtc = nowUtc;
                break;
            case PdcaPhase.Check:
                CheckStartedAtUtc = nowUtc;
                break;
            case PdcaPhase.Act:
                if (string.IsNullOrWhiteSpace(effectivenessResult))
                {
                    throw new DomainException("CheckNeedsResult", "Record what the effectiveness check found before moving on to Act.");
                }

                EffectivenessResult = effectivenessResult.Trim();
                ActStartedAtUtc = nowUtc;
                break;
            case PdcaPhase.Done:
                if (_upstreamChanges.Count == 0)
                {
                    throw new DomainException("DoneNeedsUpstreamChange", "An action is done only once its Act step changed something upstream: a lesson, a gate checkpoint or a capability envelope.");
                }

                DoneAtUtc = nowUtc;
                break;
        }

        Phase = next;
    }

    /// <summary>The Act step records what it changed upstream; an action may change several things.</summary>
    public void RecordUpstreamChange(UpstreamChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (Phase != PdcaPhase.Act)
        {
            throw new DomainException("UpstreamChangeOnlyInAct", $"Upstream changes are recorded in the Act step; this action is in {Phase}.", Phase);
        }

        if (_upstreamChanges.Any(c => c.SameTargetAs(change)))
        {
            throw new DomainException("UpstreamChangeAlreadyRecorded", "This change is already recorded on the action.");
        }

        _upstreamChanges.Add(change);
    }

    public bool IsOverdue(DateOnly today) => !IsDone && DueDate < today;

    private void Apply(ActionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (string.IsNullOrWhiteSpace(plan.Title) || string.IsNullOrWhiteSpace(plan.RootCause) || string.IsNullOrWhiteSpace(plan.EffectivenessMeasure))
        {
            throw new DomainException("ActionPlanIncomplete", "An action needs a title, a root cause and an effectiveness check.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(plan.OwnerId);
        Title = plan.Title.Trim();
        RootCause = plan.RootCause.Trim();
        OwnerId = plan.OwnerId;
        ResponsibleDepartmentId = plan.ResponsibleDepartmentId;
        DueDate = plan.DueDate;
        EffectivenessMeasure = plan.EffectivenessMeasure.Trim();
        EffectivenessCheckDate = plan.EffectivenessCheckDate;
    }
}
