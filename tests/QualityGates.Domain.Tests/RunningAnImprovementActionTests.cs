using QualityGates.Domain.Feedback;
using QualityGates.Domain.Improvement;

namespace QualityGates.Domain.Tests;

public sealed class RunningAnImprovementActionTests
{
    private static readonly DateTime _later = ImprovementBuilder.Now.AddDays(10);

    [Fact]
    public void Opening_an_action_puts_its_feedback_into_improvement()
    {
        var triaged = ImprovementBuilder.Feedback(1);
        triaged.Triage(FeedbackSeverity.High, null, "triager", ImprovementBuilder.Now);
        var fresh = ImprovementBuilder.Feedback(2);

        var action = ImprovementBuilder.Open(triaged, fresh);

        Assert.Equal(PdcaPhase.Plan, action.Phase);
        Assert.Equal([1, 2], action.FeedbackLinks.Select(l => l.FeedbackId));
        Assert.All([triaged, fresh], f => Assert.Equal(FeedbackStatus.InImprovement, f.Status));
        Assert.Equal(ImprovementBuilder.Now, action.CreatedAtUtc);
    }

    [Fact]
    public void An_action_needs_feedback_that_is_still_open()
    {
        var closed = ImprovementBuilder.Feedback();
        closed.Close("Duplicate", ImprovementBuilder.Now);

        Assert.Equal("ActionNeedsFeedback", Assert.Throws<DomainException>(
            () => ImprovementAction.Open(ImprovementBuilder.Plan(), [], "a", ImprovementBuilder.Now)).Code);
        Assert.Equal("FeedbackClosed", Assert.Throws<DomainException>(() => ImprovementBuilder.Open(closed)).Code);
    }

    [Fact]
    public void An_action_moves_through_the_phases_in_order_without_skipping()
    {
        var action = ImprovementBuilder.Open();

        var error = Assert.Throws<DomainException>(() => action.MoveTo(PdcaPhase.Check, null, _later));
        Assert.Equal("PhaseOrder", error.Code);

        action.MoveTo(PdcaPhase.Do, null, _later);
        Assert.Equal(PdcaPhase.Do, action.Phase);
        Assert.Equal(_later, action.DoStartedAtUtc);
        Assert.Equal("PhaseOrder", Assert.Throws<DomainException>(() => action.MoveTo(PdcaPhase.Plan, null, _later)).Code);
    }

    [Fact]
    public void Leaving_check_needs_the_result_of_the_effectiveness_check()
    {
        var action = ImprovementBuilder.Open();
        action.MoveTo(PdcaPhase.Do, null, _later);
        action.MoveTo(PdcaPhase.Check, null, _later);

        Assert.Equal("CheckNeedsResult", Assert.Throws<DomainException>(() => action.MoveTo(PdcaPhase.Act, " ", _later)).Code);
        action.MoveTo(PdcaPhase.Act, "92 % within 4 h", _later);

        Assert.Equal("92 % within 4 h", action.EffectivenessResult);
    }

    [Fact]
    public void Done_is_refused_until_the_act_step_changed_something_upstream()
    {
        var action = ImprovementBuilder.InAct();

        var error = Assert.Throws<DomainException>(() => action.MoveTo(PdcaPhase.Done, null, _later));

        Assert.Equal("DoneNeedsUpstreamChange", error.Code);
        Assert.Equal(PdcaPhase.Act, action.Phase);
        Assert.Null(action.DoneAtUtc);
    }

    [Fact]
    public void With_an_upstream_change_the_action_is_done_and_knows_when()
    {
        var action = ImprovementBuilder.InAct();
        action.RecordUpstreamChange(ImprovementBuilder.Lesson());
        action.RecordUpstreamChange(UpstreamChange.NewCheckpoint(1, 2, "Hotline staffing checked", "a", _later));

        action.MoveTo(PdcaPhase.Done, null, _later);

        Assert.True(action.IsDone);
        Assert.Equal(_later, action.DoneAtUtc);
        Assert.Equal([UpstreamChangeKind.Lesson, UpstreamChangeKind.GateCheckpoint], action.UpstreamChanges.Select(c => c.Kind));
    }

    [Fact]
    public void Upstream_changes_are_recorded_in_the_act_step_only_and_once_each()
    {
        var planned = ImprovementBuilder.Open();
        Assert.Equal("UpstreamChangeOnlyInAct", Assert.Throws<DomainException>(() => planned.RecordUpstreamChange(ImprovementBuilder.Lesson())).Code);

        var acting = ImprovementBuilder.InAct();
        acting.RecordUpstreamChange(ImprovementBuilder.Lesson(5));

        Assert.Equal("UpstreamChangeAlreadyRecorded", Assert.Throws<DomainException>(() => acting.RecordUpstreamChange(ImprovementBuilder.Lesson(5))).Code);
    }

    [Fact]
    public void A_changed_envelope_says_what_changed()
    {
        var error = Assert.Throws<DomainException>(() => UpstreamChange.ChangedEnvelope(3, "", "a", _later));

        Assert.Equal("EnvelopeChangeNeedsNote", error.Code);
    }

    [Fact]
    public void The_effectiveness_check_is_fixed_once_the_action_left_plan()
    {
        var action = ImprovementBuilder.Open();
        action.ChangePlan(ImprovementBuilder.Plan("Tickets answered within 4 h, per week"));
        action.MoveTo(PdcaPhase.Do, null, _later);

        var error = Assert.Throws<DomainException>(() => action.ChangePlan(ImprovementBuilder.Plan("Something else")));

        Assert.Equal("EffectivenessCheckFixed", error.Code);
        Assert.Equal("Tickets answered within 4 h, per week", action.EffectivenessMeasure);
    }

    [Fact]
    public void A_done_action_is_no_longer_changed()
    {
        var action = ImprovementBuilder.InAct();
        action.RecordUpstreamChange(ImprovementBuilder.Lesson());
        action.MoveTo(PdcaPhase.Done, null, _later);

        Assert.Equal("ActionDone", Assert.Throws<DomainException>(() => action.ChangePlan(ImprovementBuilder.Plan())).Code);
        Assert.Equal("ActionDone", Assert.Throws<DomainException>(() => action.MoveTo(PdcaPhase.Done + 1, null, _later)).Code);
    }

    [Fact]
    public void An_open_action_past_its_due_date_is_overdue_and_a_done_one_never()
    {
        var action = ImprovementBuilder.InAct();

        Assert.False(action.IsOverdue(action.DueDate));
        Assert.True(action.IsOverdue(action.DueDate.AddDays(1)));

        action.RecordUpstreamChange(ImprovementBuilder.Lesson());
        action.MoveTo(PdcaPhase.Done, null, _later);
        Assert.False(action.IsOverdue(action.DueDate.AddDays(1)));
    }

    [Fact]
    public void Feedback_completes_its_improvement_and_closes()
    {
        var feedback = ImprovementBuilder.Feedback();
        ImprovementBuilder.Open(feedback);

        feedback.CompleteImprovement(_later);

        Assert.Equal(FeedbackStatus.Closed, feedback.Status);
        Assert.Equal(_later, feedback.ClosedAtUtc);
        Assert.Null(feedback.ClosingNote);
    }
}
