using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;

namespace QualityGates.Domain.Tests;

public sealed class HandingOverAPromiseTests
{
    private readonly GateBuilder _g = new();
    private readonly GateDefinition _handover = GateDefinition.Define("G2", new LocalizedText("Handover"), 2, GateStage.Handover, GateDecider.DeliveringDepartment, null);

    public HandingOverAPromiseTests()
    {
        _handover.AddInitialCheckpoint(new LocalizedText("Customer contacts"), isMandatory: true);
        GateBuilder.AssignIds(_handover.Checkpoints, 100);
        var g1 = _g.OpenReview();
        g1.Decide(_g.Promise, _g.Checklist(g1), GateBuilder.Decision(GateDecision.Go, _g.AllMet()), PromiseBuilder.Now);
    }

    private GateReview Committed()
    {
        _g.Promise.Commit(new DateOnly(2026, 11, 27), CommitChannel.Contract);
        return GateReview.OpenHandover(_g.Promise, _handover, PromiseBuilder.Now);
    }

    private GateChecklist Checklist(GateReview review) => GateChecklist.Of(_handover, review, _g.Promise);

    private static Dictionary<int, AnswerInput> Met() => new() { [100] = new AnswerInput(CheckpointAnswer.Met, null) };

    [Fact]
    public void Only_an_approved_promise_is_committed_and_committing_records_date_and_channel()
    {
        var review = Committed();

        Assert.Equal(PromiseStatus.Committed, _g.Promise.Status);
        Assert.Equal((new DateOnly(2026, 11, 27), CommitChannel.Contract), (_g.Promise.CommittedOn!.Value, _g.Promise.CommitChannel!.Value));
        Assert.Equal(GateReviewState.Open, review.State);
        var error = Assert.Throws<DomainException>(() => _g.Promise.Commit(new DateOnly(2026, 11, 28), CommitChannel.Email));
        Assert.Equal("OnlyApprovedAreCommitted", error.Code);
    }

    [Fact]
    public void Accepting_the_handover_starts_delivery()
    {
        var review = Committed();

        review.Decide(_g.Promise, Checklist(review), GateBuilder.Decision(GateDecision.Go, Met()), PromiseBuilder.Now);

        Assert.Equal(PromiseStatus.InDelivery, _g.Promise.Status);
        Assert.Equal(GateReviewState.Decided, review.State);
    }

    [Fact]
    public void Open_feasibility_conditions_block_the_acceptance()
    {
        var review = Committed();

        var error = Assert.Throws<DomainException>(() =>
            review.Decide(_g.Promise, Checklist(review), GateBuilder.Decision(GateDecision.Go, Met()), PromiseBuilder.Now, earlierConditionsOpen: true));

        Assert.Equal("OpenConditionsBlockHandover", error.Code);
        Assert.Equal(PromiseStatus.Committed, _g.Promise.Status);
    }

    [Fact]
    public void A_returned_handover_waits_for_the_promising_side_and_is_then_decided_again()
    {
        var review = Committed();
        var missing = new Dictionary<int, AnswerInput> { [100] = new AnswerInput(CheckpointAnswer.NotMet, "No contact person") };

        review.Decide(_g.Promise, Checklist(review), GateBuilder.Decision(GateDecision.Recycle, missing, "Customer contacts missing"), PromiseBuilder.Now);
        Assert.Equal(GateReviewState.Returned, review.State);
        Assert.Equal(PromiseStatus.Committed, _g.Promise.Status);
        Assert.Equal("HandoverReturned", Assert.Throws<DomainException>(() =>
            review.Decide(_g.Promise, Checklist(review), GateBuilder.Decision(GateDecision.Go, Met()), PromiseBuilder.Now)).Code);

        review.HandOverAgain(PromiseBuilder.Now.AddDays(1));
        review.Decide(_g.Promise, Checklist(review), GateBuilder.Decision(GateDecision.Go, Met()), PromiseBuilder.Now.AddDays(2));

        Assert.Equal(PromiseStatus.InDelivery, _g.Promise.Status);
        Assert.Equal([GateDecision.Recycle, GateDecision.Go], review.Decisions.Select(d => d.Decision));
    }

    [Theory]
    [InlineData(GateDecision.ConditionalGo)]
    [InlineData(GateDecision.NoGo)]
    [InlineData(GateDecision.Hold)]
    public void A_handover_is_only_accepted_or_returned(GateDecision decision)
    {
        var review = Committed();

        var error = Assert.Throws<DomainException>(() => review.Decide(_g.Promise, Checklist(review),
            GateBuilder.Decision(decision, Met(), "reason", new DateOnly(2027, 1, 1), [new ConditionInput("x", "y", new DateOnly(2027, 1, 1))]), PromiseBuilder.Now));

        Assert.Equal("HandoverAcceptOrReturn", error.Code);
    }
}
