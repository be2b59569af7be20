using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;

namespace QualityGates.Domain.Tests;

public sealed class DecidingTheFeasibilityGateTests
{
    private readonly GateBuilder _g = new();

    [Fact]
    public void A_go_with_every_mandatory_checkpoint_met_approves_the_promise()
    {
        var review = _g.OpenReview();

        review.Decide(_g.Promise, _g.Checklist(review), GateBuilder.Decision(GateDecision.Go, _g.AllMet()), PromiseBuilder.Now);

        Assert.Equal(PromiseStatus.Approved, _g.Promise.Status);
        Assert.Equal(GateReviewState.Decided, review.State);
        Assert.Equal(GateDecision.Go, review.Outcome);
        Assert.Equal(GateBuilder.ManagerId, Assert.Single(review.Decisions).DeciderId);
    }

    [Fact]
    public void A_mandatory_checkpoint_not_met_prevents_a_go()
    {
        var review = _g.OpenReview();
        var answers = _g.AllMet();
        answers[2] = new AnswerInput(CheckpointAnswer.NotMet, "No team free in Q1");

        var error = Assert.Throws<DomainException>(() =>
            review.Decide(_g.Promise, _g.Checklist(review), GateBuilder.Decision(GateDecision.Go, answers), PromiseBuilder.Now));

        Assert.Equal("MandatoryCheckpointsNotMet", error.Code);
        Assert.Equal(PromiseStatus.UnderReview, _g.Promise.Status);
        Assert.Empty(review.Decisions);
    }

    [Fact]
    public void An_optional_checkpoint_not_met_and_a_mandatory_one_not_applicable_allow_a_go()
    {
        var review = _g.OpenReview();
        var answers = _g.AllMet();
        answers[1] = new AnswerInput(CheckpointAnswer.NotApplicable, null);
        answers[3] = new AnswerInput(CheckpointAnswer.NotMet, null);

        review.Decide(_g.Promise, _g.Checklist(review), GateBuilder.Decision(GateDecision.Go, answers), PromiseBuilder.Now);

        Assert.Equal(PromiseStatus.Approved, _g.Promise.Status);
    }

    [Fact]
    public void Nobody_decides_on_a_promise_they_own()
    {
        var review = _g.OpenReview();

        var error = Assert.Throws<DomainException>(() => review.Decide(_g.Promise, _g.Checklist(review),
            GateBuilder.Decision(GateDecision.Go, _g.AllMet(), decider: _g.Promise.OwnerId), PromiseBuilder.Now));

        Assert.Equal("FourEyes", error.Code);
    }

    [Fact]
    public void Only_the_deciding_department_decides()
    {
        var review = _g.OpenReview();

        var error = Assert.Throws<DomainException>(() => review.Decide(_g.Promise, _g.Checklist(review),
            GateBuilder.Decision(GateDecision.Go, _g.AllMet(), department: 99), PromiseBuilder.Now));

        Assert.Equal("NotTheDecidingDepartment", error.Code);
    }

    [Fact]
    public void A_conditional_go_approves_with_open_conditions_owned_and_due()
    {
        var review = _g.OpenReview();
        var condition = new ConditionInput("Confirm stock", "owner-2", new DateOnly(2026, 12, 15));

        review.Decide(_g.Promise, _g.Checklist(review), GateBuilder.Decision(GateDecision.ConditionalGo, _g.AllMet(), conditions: [condition]), PromiseBuilder.Now);

        Assert.Equal(PromiseStatus.Approved, _g.Promise.Status);
        var stored = Assert.Single(review.Conditions);
        Assert.Equal(("Confirm stock", "owner-2"), (stored.Text, stored.OwnerId));
        Assert.True(review.HasOpenConditions);
        Assert.True(stored.IsOverdue(new DateOnly(2026, 12, 16)));
    }

    [Fact]
    public void A_conditional_go_without_conditions_is_refused()
    {
        var review = _g.OpenReview();

        var error = Assert.Throws<DomainException>(() => review.Decide(_g.Promise, _g.Checklist(review),
            GateBuilder.Decision(GateDecision.ConditionalGo, _g.AllMet()), PromiseBuilder.Now));

        Assert.Equal("ConditionsRequired", error.Code);
    }

    [Fact]
    public void A_recycle_sends_the_promise_back_to_draft_and_a_resubmission_opens_a_new_review()
    {
        var review = _g.OpenReview();

        review.Decide(_g.Promise, _g.Checklist(review), GateBuilder.Decision(GateDecision.Recycle, new Dictionary<int, AnswerInput>(), "Target unclear"), PromiseBuilder.Now);
        _g.Promise.Submit(PromiseBuilder.Now.AddDays(1), "owner-id");
        var second = _g.OpenReview();

        Assert.Equal(GateDecision.Recycle, review.Outcome);
        Assert.Equal(GateReviewState.Open, second.State);
        Assert.Equal(PromiseStatus.UnderReview, _g.Promise.Status);
    }

    [Fact]
    public void A_no_go_rejects_the_promise_and_the_owner_may_revise_it()
    {
        var review = _g.OpenReview();

        review.Decide(_g.Promise, _g.Checklist(review), GateBuilder.Decision(GateDecision.NoGo, new Dictionary<int, AnswerInput>(), "No capacity"), PromiseBuilder.Now);
        Assert.Equal(PromiseStatus.Rejected, _g.Promise.Status);

        _g.Promise.Revise();
        Assert.Equal(PromiseStatus.Draft, _g.Promise.Status);
    }

    [Theory]
    [InlineData(GateDecision.Recycle)]
    [InlineData(GateDecision.NoGo)]
    [InlineData(GateDecision.Hold)]
    public void Recycle_no_go_and_hold_need_a_reason(GateDecision decision)
    {
        var review = _g.OpenReview();

        var error = Assert.Throws<DomainException>(() => review.Decide(_g.Promise, _g.Checklist(review),
            GateBuilder.Decision(decision, _g.AllMet(), reason: " ", reReview: new DateOnly(2027, 1, 10)), PromiseBuilder.Now));

        Assert.Equal("DecisionNeedsReason", error.Code);
        Assert.Equal(PromiseStatus.UnderReview, _g.Promise.Status);
    }

    [Fact]
    public void A_hold_keeps_the_promise_under_review_until_it_is_decided_again()
    {
        var review = _g.OpenReview();

        review.Decide(_g.Promise, _g.Checklist(review), GateBuilder.Decision(GateDecision.Hold, _g.AllMet(), "Waiting for the supplier", new DateOnly(2027, 1, 10)), PromiseBuilder.Now);
        Assert.Equal(GateReviewState.OnHold, review.State);
        Assert.Equal(PromiseStatus.UnderReview, _g.Promise.Status);

        review.Decide(_g.Promise, _g.Checklist(review), GateBuilder.Decision(GateDecision.Go, _g.AllMet()), PromiseBuilder.Now.AddDays(30));
        Assert.Equal(PromiseStatus.Approved, _g.Promise.Status);
        Assert.Equal([GateDecision.Hold, GateDecision.Go], review.Decisions.Select(d => d.Decision));
    }

    [Fact]
    public void A_hold_needs_a_re_review_date()
    {
        var review = _g.OpenReview();

        var error = Assert.Throws<DomainException>(() => review.Decide(_g.Promise, _g.Checklist(review),
            GateBuilder.Decision(GateDecision.Hold, _g.AllMet(), "Supplier"), PromiseBuilder.Now));

        Assert.Equal("HoldNeedsDate", error.Code);
    }

    [Fact]
    public void A_decided_review_is_not_decided_again()
    {
        var review = _g.OpenReview();
        review.Decide(_g.Promise, _g.Checklist(review), GateBuilder.Decision(GateDecision.Go, _g.AllMet()), PromiseBuilder.Now);

        var error = Assert.Throws<DomainException>(() => review.Decide(_g.Promise, _g.Checklist(review),
            GateBuilder.Decision(GateDecision.NoGo, _g.AllMet(), "Changed my mind"), PromiseBuilder.Now));

        Assert.Equal("ReviewClosed", error.Code);
        Assert.Equal(PromiseStatus.Approved, _g.Promise.Status);
    }

    [Fact]
    public void A_withdrawn_promise_cannot_be_decided()
    {
        var review = _g.OpenReview();
        _g.Promise.Withdraw("Lost the tender", PromiseBuilder.Now);

        var error = Assert.Throws<DomainException>(() => review.Decide(_g.Promise, _g.Checklist(review),
            GateBuilder.Decision(GateDecision.Go, _g.AllMet()), PromiseBuilder.Now));

        Assert.Equal("PromiseNotUnderReview", error.Code);
    }

    [Fact]
    public void An_envelope_passes_the_gate_at_once_and_is_named()
    {
        var review = _g.OpenReview();

        review.PassByEnvelope(_g.Promise, 5, "On-site within 48 h", PromiseBuilder.Now);

        Assert.Equal(PromiseStatus.Approved, _g.Promise.Status);
        var decision = Assert.Single(review.Decisions);
        Assert.True(decision.ByEnvelope);
        Assert.Null(decision.DeciderId);
        Assert.Equal("On-site within 48 h", decision.Reason);
    }

    [Fact]
    public void A_condition_is_resolved_once()
    {
        var review = _g.OpenReview();
        review.Decide(_g.Promise, _g.Checklist(review), GateBuilder.Decision(GateDecision.ConditionalGo, _g.AllMet(),
            conditions: [new ConditionInput("Confirm stock", "owner-2", new DateOnly(2026, 12, 15))]), PromiseBuilder.Now);
        var condition = review.Conditions[0];

        review.ResolveCondition(condition.Id, "owner-2", "Stock confirmed", PromiseBuilder.Now);

        Assert.False(review.HasOpenConditions);
        Assert.Throws<DomainException>(() => review.ResolveCondition(condition.Id, "owner-2", null, PromiseBuilder.Now));
    }
}
