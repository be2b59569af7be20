using System.Reflection;
using QualityGates.Domain.Departments;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;

namespace QualityGates.Domain.Tests;

/// <summary>A promise built by Production (6), installed by Projects (7) and run by Service (8).</summary>
public sealed class DeliveringAlongAValueChainTests
{
    private const int Production = 6;
    private const int Projects = 7;
    private const int Service = 8;

    private static readonly Department _sales = new(new LocalizedText("Sales"), DepartmentKind.Promising);
    private static readonly DateOnly _installBy = new(2027, 1, 15);
    private static readonly DateOnly _operateBy = new(2027, 2, 1);

    private readonly GateDefinition _g1 = GateDefinition.Define("G1", new LocalizedText("Feasibility"), 1, GateStage.Feasibility, GateDecider.DeliveringDepartment, null);
    private readonly GateDefinition _handover = GateDefinition.Define("G2", new LocalizedText("Handover"), 2, GateStage.Handover, GateDecider.DeliveringDepartment, null);
    private readonly Promise _promise;

    public DeliveringAlongAValueChainTests()
    {
        _g1.AddInitialCheckpoint(new LocalizedText("Capacity available"), isMandatory: true);
        GateBuilder.AssignIds(_g1.Checkpoints, 1);
        _handover.AddInitialCheckpoint(new LocalizedText("Documents complete"), isMandatory: true);
        GateBuilder.AssignIds(_handover.Checkpoints, 100);
        _promise = Promise.Draft("P-2026-00009", Chain(), _sales, "owner-id", PromiseBuilder.Now);
        typeof(Promise).GetProperty(nameof(Promise.Id), BindingFlags.Public | BindingFlags.Instance)!.SetValue(_promise, 9);
    }

    private static PromiseDetails Chain(string operatePart = "operate") => new PromiseBuilder().Details() with
    {
        DeliveringDepartmentId = Production,
        DeliveringPart = "build",
        FurtherLinks = [new LinkDetails(Projects, "install", _installBy), new LinkDetails(Service, operatePart, _operateBy)],
    };

    private List<GateReview> Submit()
    {
        _promise.Submit(PromiseBuilder.Now, "owner-id");
        return _promise.LinksToAsk.Select(l => GateReview.OpenFeasibility(_promise, _g1, PromiseBuilder.Now, l.Position)).ToList();
    }

    private void Decide(GateReview review, GateDecision decision, string? reason = null, DateOnly? reReview = null)
    {
        var answers = new Dictionary<int, AnswerInput> { [1] = new(CheckpointAnswer.Met, null) };
        IReadOnlyList<ConditionInput> conditions = decision == GateDecision.ConditionalGo ? [new ConditionInput("Spare parts", "manager", new DateOnly(2027, 1, 1))] : [];
        var gate = review.Stage == GateStage.Feasibility ? _g1 : _handover;
        if (review.Stage == GateStage.Handover)
        {
            answers = new Dictionary<int, AnswerInput> { [100] = new(CheckpointAnswer.Met, null) };
        }

        review.Decide(_promise, GateChecklist.Of(gate, review, _promise),
            GateBuilder.Decision(decision, answers, reason, reReview, conditions, department: review.DecidingDepartmentId), PromiseBuilder.Now);
    }

    private void Approve()
    {
        foreach (var review in Submit())
        {
            Decide(review, GateDecision.Go);
        }
    }

    private GateReview HandOver()
    {
        var review = GateReview.OpenHandover(_promise, _handover, PromiseBuilder.Now);
        Decide(review, GateDecision.Go);
        return review;
    }

    [Fact]
    public void A_draft_names_its_links_in_order_and_the_first_is_the_delivering_department()
    {
        Assert.Equal([(1, Production, "build"), (2, Projects, "install"), (3, Service, "operate")],
            _promise.Links.Select(l => (l.Position, l.DepartmentId, l.Part)));
        Assert.Equal((Production, Production), (_promise.DeliveringDepartmentId, _promise.HoldingDepartmentId));
        Assert.Equal([null, _installBy, _operateBy], _promise.Links.Select(l => l.ReceiveBy));
    }

    [Fact]
    public void The_links_stand_by_their_positions_in_whatever_order_a_database_returned_them()
    {
        var loaded = (List<PromiseLink>)typeof(Promise).GetField("_links", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(_promise)!;
        loaded.Reverse();

        Assert.Equal([Production, Projects, Service], _promise.Links.Select(l => l.DepartmentId));
        Assert.Equal(Projects, _promise.LinkAt(2).DepartmentId);
    }

    [Fact]
    public void A_department_appears_once_in_a_chain()
    {
        var twice = Chain() with { FurtherLinks = [new LinkDetails(Projects), new LinkDetails(Production)] };

        Assert.Equal("ChainDepartmentTwice", Assert.Throws<DomainException>(() => _promise.EditDraft(twice, _sales)).Code);
    }

    [Fact]
    public void Submitting_asks_every_link_each_decided_by_its_own_department()
    {
        var reviews = Submit();

        Assert.Equal([(1, Production), (2, Projects), (3, Service)], reviews.Select(r => (r.LinkPosition!.Value, r.DecidingDepartmentId)));
        var error = Assert.Throws<DomainException>(() => reviews[1].Decide(_promise, GateChecklist.Of(_g1, reviews[1], _promise),
            GateBuilder.Decision(GateDecision.Go, new Dictionary<int, AnswerInput> { [1] = new(CheckpointAnswer.Met, null) }, department: Production), PromiseBuilder.Now));
        Assert.Equal("NotTheDecidingDepartment", error.Code);
    }

    [Fact]
    public void The_promise_is_approved_only_when_every_link_says_go_or_conditional_go()
    {
        var reviews = Submit();

        Decide(reviews[0], GateDecision.Go);
        Decide(reviews[2], GateDecision.ConditionalGo);
        Assert.Equal(PromiseStatus.UnderReview, _promise.Status);

        Decide(reviews[1], GateDecision.Go);
        Assert.Equal(PromiseStatus.Approved, _promise.Status);
        Assert.Equal(GateDecision.ConditionalGo, _promise.FirstFeasibilityDecision);
    }

    [Fact]
    public void One_no_go_rejects_the_promise_whatever_the_others_said()
    {
        var reviews = Submit();

        Decide(reviews[0], GateDecision.Go);
        Decide(reviews[1], GateDecision.NoGo, "No installation crew in that region");

        Assert.Equal(PromiseStatus.Rejected, _promise.Status);
        Assert.Equal(GateDecision.NoGo, _promise.FirstFeasibilityDecision);
        Assert.False(reviews[2].IsDecidable(_promise));
    }

    [Fact]
    public void One_recycle_sends_the_promise_back_to_its_owner()
    {
        var reviews = Submit();

        Decide(reviews[2], GateDecision.Recycle, "Which site is to be operated?");

        Assert.Equal(PromiseStatus.Draft, _promise.Status);
        Assert.False(reviews[0].IsDecidable(_promise));
    }

    [Fact]
    public void A_hold_of_one_link_makes_the_promise_wait_for_that_link()
    {
        var reviews = Submit();

        Decide(reviews[1], GateDecision.Hold, "Crew plan for Q1 not out yet", new DateOnly(2026, 12, 10));
        Decide(reviews[0], GateDecision.Go);
        Decide(reviews[2], GateDecision.Go);
        Assert.Equal(PromiseStatus.UnderReview, _promise.Status);

        Decide(reviews[1], GateDecision.Go);
        Assert.Equal(PromiseStatus.Approved, _promise.Status);
    }

    [Fact]
    public void An_envelope_covers_one_link_and_the_others_still_decide()
    {
        var reviews = Submit();

        reviews[2].PassByEnvelope(_promise, envelopeId: 5, "Operation within 48 h", PromiseBuilder.Now);
        Decide(reviews[0], GateDecision.Go);
        Assert.Equal(PromiseStatus.UnderReview, _promise.Status);

        Decide(reviews[1], GateDecision.Go);
        Assert.Equal(PromiseStatus.Approved, _promise.Status);
        Assert.True(reviews[2].PassedByEnvelope);
    }

    [Fact]
    public void A_revision_of_one_links_part_asks_only_that_link_again()
    {
        Approve();

        _promise.ChangeAfterSubmission(Chain(operatePart: "operate and maintain"), _sales, RevisionReason.CustomerRequest, null, "owner-id", PromiseBuilder.Now);

        Assert.Equal(PromiseStatus.UnderReview, _promise.Status);
        Assert.Equal([Service], _promise.LinksToAsk.Select(l => l.DepartmentId));
        var review = GateReview.OpenFeasibility(_promise, _g1, PromiseBuilder.Now, 3);
        Decide(review, GateDecision.Go);
        Assert.Equal(PromiseStatus.Approved, _promise.Status);
    }

    [Fact]
    public void A_revision_of_the_promise_itself_asks_every_link_again()
    {
        Approve();

        var later = Chain() with { DueDate = new DateOnly(2027, 4, 1) };
        _promise.ChangeAfterSubmission(later, _sales, RevisionReason.CustomerRequest, null, "owner-id", PromiseBuilder.Now);

        Assert.Equal([Production, Projects, Service], _promise.LinksToAsk.Select(l => l.DepartmentId));
    }

    [Fact]
    public void A_new_link_is_asked_and_the_others_keep_their_answers()
    {
        Approve();

        var longer = Chain() with { FurtherLinks = [.. Chain().FurtherLinks!, new LinkDetails(9, "recycle", null)] };
        _promise.ChangeAfterSubmission(longer, _sales, RevisionReason.Internal, null, "owner-id", PromiseBuilder.Now);

        Assert.Equal([9], _promise.LinksToAsk.Select(l => l.DepartmentId));
    }

    [Fact]
    public void Each_link_hands_over_to_the_next_and_the_receiving_link_holds_the_promise()
    {
        Approve();
        _promise.Commit(new DateOnly(2026, 11, 27), CommitChannel.Contract);
        Assert.Equal((0, Production), (_promise.CurrentLinkPosition, _promise.HoldingDepartmentId));

        var first = HandOver();
        Assert.Equal((1, Production, PromiseStatus.InDelivery), (first.LinkPosition!.Value, first.DecidingDepartmentId, _promise.Status));
        Assert.Equal((1, Production), (_promise.CurrentLinkPosition, _promise.HoldingDepartmentId));

        var second = HandOver();
        Assert.Equal((2, Projects), (second.LinkPosition!.Value, second.DecidingDepartmentId));
        Assert.Equal((2, Projects), (_promise.CurrentLinkPosition, _promise.HoldingDepartmentId));
        Assert.Equal(PromiseBuilder.Now, _promise.LinkAt(2).ReceivedAtUtc);

        HandOver();
        Assert.Equal(Service, _promise.HoldingDepartmentId);
        var error = Assert.Throws<DomainException>(() => GateReview.OpenHandover(_promise, _handover, PromiseBuilder.Now));
        Assert.Equal("LastLinkKeepsIt", error.Code);
    }

    [Fact]
    public void A_returned_handover_between_links_leaves_the_promise_with_the_link_before()
    {
        Approve();
        _promise.Commit(new DateOnly(2026, 11, 27), CommitChannel.Contract);
        HandOver();
        var toProjects = GateReview.OpenHandover(_promise, _handover, PromiseBuilder.Now);

        Decide(toProjects, GateDecision.Recycle, "Factory acceptance test report missing");
        Assert.Equal((GateReviewState.Returned, Production), (toProjects.State, _promise.HoldingDepartmentId));
        Assert.True(_promise.HandoverAcceptedFirstTime);

        toProjects.HandOverAgain(PromiseBuilder.Now.AddDays(1));
        Decide(toProjects, GateDecision.Go);
        Assert.Equal(Projects, _promise.HoldingDepartmentId);
    }

    [Fact]
    public void A_broken_promise_names_the_link_where_it_broke_by_default_the_holding_one()
    {
        Approve();
        _promise.Commit(new DateOnly(2026, 11, 27), CommitChannel.Contract);
        HandOver();
        HandOver();

        var outside = Assert.Throws<DomainException>(() =>
            _promise.RecordOutcome(OutcomeKind.Broken, 90, new DateOnly(2027, 3, 1), "Availability 90 %", BreachCause.Execution, brokenAtDepartmentId: 42));
        Assert.Equal("BrokenAtNotInChain", outside.Code);

        _promise.RecordOutcome(OutcomeKind.Broken, 90, new DateOnly(2027, 3, 1), "Availability 90 %", BreachCause.LostAtHandover, brokenAtDepartmentId: Production);
        Assert.Equal(Production, _promise.BrokenAtDepartmentId);
    }

    [Fact]
    public void Without_a_named_link_the_holding_link_broke_it()
    {
        Approve();
        _promise.Commit(new DateOnly(2026, 11, 27), CommitChannel.Contract);
        HandOver();
        HandOver();

        _promise.RecordOutcome(OutcomeKind.Broken, 90, new DateOnly(2027, 3, 1), "Availability 90 %", BreachCause.Execution);

        Assert.Equal(Projects, _promise.BrokenAtDepartmentId);
    }
}
