using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;

namespace QualityGates.Domain.Tests;

public sealed class DeliveringAPromiseTests
{
    private static readonly DateOnly _today = new(2026, 11, 27);

    private static Promise InDelivery()
    {
        var g = new GateBuilder();
        var g1 = g.OpenReview();
        g1.Decide(g.Promise, g.Checklist(g1), GateBuilder.Decision(GateDecision.Go, g.AllMet()), PromiseBuilder.Now);
        g.Promise.Commit(_today, CommitChannel.Contract);
        var handover = GateDefinition.Define("G2", new LocalizedText("Handover"), 2, GateStage.Handover, GateDecider.DeliveringDepartment, null);
        handover.AddInitialCheckpoint(new LocalizedText("Customer contacts"), isMandatory: false);
        var g2 = GateReview.OpenHandover(g.Promise, handover, PromiseBuilder.Now);
        g2.Decide(g.Promise, GateChecklist.Of(handover, g2, g.Promise), GateBuilder.Decision(GateDecision.Go, new Dictionary<int, AnswerInput>()), PromiseBuilder.Now);
        return g.Promise;
    }

    [Fact]
    public void A_kept_promise_records_its_evidence_and_ends_the_lifecycle()
    {
        var promise = InDelivery();

        promise.RecordOutcome(OutcomeKind.Kept, 3.5m, _today, "Ticket statistics November", null);

        Assert.Equal(PromiseStatus.Kept, promise.Status);
        Assert.Equal((3.5m, "Ticket statistics November"), (promise.ActualValue!.Value, promise.Evidence!));
        Assert.True(promise.Status.IsFinal());
    }

    [Fact]
    public void A_broken_promise_names_its_breach_cause()
    {
        var promise = InDelivery();

        Assert.Equal("BreachCauseForBrokenOnly", Assert.Throws<DomainException>(() =>
            promise.RecordOutcome(OutcomeKind.Broken, 9, _today, "Ticket statistics", null)).Code);
        promise.RecordOutcome(OutcomeKind.Broken, 9, _today, "Ticket statistics", BreachCause.Execution);

        Assert.Equal((PromiseStatus.Broken, BreachCause.Execution), (promise.Status, promise.BreachCause!.Value));
    }

    [Fact]
    public void An_outcome_needs_evidence_and_a_promise_in_delivery()
    {
        var draft = new PromiseBuilder().Build();

        Assert.Equal("OutcomeOnlyInDelivery", Assert.Throws<DomainException>(() =>
            draft.RecordOutcome(OutcomeKind.Kept, null, _today, "Report", null)).Code);
        Assert.Equal("OutcomeNeedsEvidence", Assert.Throws<DomainException>(() =>
            InDelivery().RecordOutcome(OutcomeKind.Kept, null, _today, " ", null)).Code);
    }

    [Fact]
    public void An_at_risk_signal_needs_a_reason_and_a_promise_under_way()
    {
        var promise = InDelivery();

        promise.RaiseRisk("Supplier late", "Second supplier asked", PromiseBuilder.Now);

        Assert.True(promise.AtRisk);
        Assert.Equal("RiskNeedsReason", Assert.Throws<DomainException>(() => promise.RaiseRisk(" ", null, PromiseBuilder.Now)).Code);
        Assert.Equal("RiskOnlyWhileDelivering", Assert.Throws<DomainException>(() =>
            new PromiseBuilder().Build().RaiseRisk("Too early", null, PromiseBuilder.Now)).Code);
    }

    [Theory]
    [InlineData(false, false, 0, 0, 10, TrafficLight.Green)]
    [InlineData(true, true, 0, 0, 10, TrafficLight.Yellow)]
    [InlineData(false, false, 1, 0, 10, TrafficLight.Yellow)]
    [InlineData(true, false, 0, 0, 10, TrafficLight.Red)]
    [InlineData(false, false, 1, 1, 10, TrafficLight.Red)]
    [InlineData(false, false, 0, 0, -1, TrafficLight.Red)]
    public void The_traffic_light_follows_risks_conditions_and_the_due_date(
        bool atRisk, bool measure, int open, int overdue, int dueInDays, TrafficLight expected)
    {
        var light = Promise.Light(PromiseStatus.InDelivery, _today.AddDays(dueInDays), atRisk, measure, open, overdue, _today);

        Assert.Equal(expected, light);
    }

    [Theory]
    [InlineData(PromiseStatus.Draft)]
    [InlineData(PromiseStatus.Kept)]
    [InlineData(PromiseStatus.Withdrawn)]
    public void Promises_not_under_way_have_no_traffic_light(PromiseStatus status)
    {
        Assert.Null(Promise.Light(status, _today, true, false, 1, 1, _today));
    }
}
