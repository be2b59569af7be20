using QualityGates.Domain.Departments;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;

namespace QualityGates.Domain.Tests;

/// <summary>The bookkeeping the dashboard reads: the first approved target, changes after it, first decisions.</summary>
public sealed class MeasuringTheMovingTargetTests
{
    private static readonly Department _sales = new(new LocalizedText("Sales"), DepartmentKind.Promising);

    private static PromiseDetails Looser(GateBuilder g, int slipDays) => new PromiseBuilder().Details() with
    {
        Target = new MeasurableTarget("First response", TargetComparator.AtMost, 8, "h", null),
        DueDate = g.Promise.DueDate.AddDays(slipDays),
    };

    [Fact]
    public void The_first_approval_keeps_the_target_and_due_date_as_the_baseline_and_later_changes_count_as_moving_it()
    {
        var g = new GateBuilder();
        var review = g.OpenReview();
        var approvedTarget = g.Promise.Target;
        var approvedDue = g.Promise.DueDate;
        review.Decide(g.Promise, g.Checklist(review), GateBuilder.Decision(GateDecision.Go, g.AllMet()), PromiseBuilder.Now.AddDays(2));

        g.Promise.ChangeAfterSubmission(Looser(g, 14), _sales, RevisionReason.CustomerRequest, null, "owner-id", PromiseBuilder.Now.AddDays(5));

        Assert.Equal((1, approvedTarget, approvedDue), (g.Promise.FirstApprovedRevision!.Value, g.Promise.FirstApprovedTarget, g.Promise.FirstApprovedDueDate!.Value));
        Assert.True(g.Promise.ChangedAfterApproval);
        Assert.Equal(14, g.Promise.DueDateSlipDays);
        Assert.Equal(GateDecision.Go, g.Promise.FirstFeasibilityDecision);
        Assert.Equal(2, review.DaysToDecision);
        Assert.False(review.PassedByEnvelope);
    }

    [Fact]
    public void A_change_before_any_approval_does_not_move_an_approved_target()
    {
        var g = new GateBuilder();
        g.OpenReview();

        g.Promise.ChangeAfterSubmission(Looser(g, 30), _sales, RevisionReason.Internal, null, "owner-id", PromiseBuilder.Now.AddDays(1));

        Assert.Null(g.Promise.FirstApprovedRevision);
        Assert.False(g.Promise.ChangedAfterApproval);
        Assert.Equal(0, g.Promise.DueDateSlipDays);
    }

    [Fact]
    public void A_recycle_at_the_first_review_is_remembered_as_the_first_feasibility_decision()
    {
        var g = new GateBuilder();
        var review = g.OpenReview();

        review.Decide(g.Promise, g.Checklist(review), GateBuilder.Decision(GateDecision.Recycle, g.AllMet(), reason: "Rework the target"), PromiseBuilder.Now);

        Assert.Equal(GateDecision.Recycle, g.Promise.FirstFeasibilityDecision);
    }

    [Theory]
    [InlineData(TargetComparator.AtMost, 4, 3.5, true)]
    [InlineData(TargetComparator.AtMost, 4, 5, false)]
    [InlineData(TargetComparator.AtLeast, 99.5, 99.7, true)]
    [InlineData(TargetComparator.AtLeast, 99.5, 99.1, false)]
    [InlineData(TargetComparator.Exactly, 3, 3, true)]
    public void A_measured_value_meets_a_numeric_target_by_its_comparator(TargetComparator comparator, double bound, double actual, bool met)
    {
        var target = new MeasurableTarget("Metric", comparator, (decimal)bound, "h", null);

        Assert.Equal(met, target.IsMetBy((decimal)actual, new DateOnly(2027, 1, 1), OutcomeKind.Broken));
    }

    [Fact]
    public void A_date_target_is_met_by_an_outcome_on_or_before_its_date_and_without_a_measurement_the_recorded_outcome_counts()
    {
        var byDate = new MeasurableTarget("Delivery", TargetComparator.ByDate, null, null, new DateOnly(2027, 3, 1));
        var numeric = new MeasurableTarget("First response", TargetComparator.AtMost, 4, "h", null);

        Assert.True(byDate.IsMetBy(null, new DateOnly(2027, 3, 1), OutcomeKind.Broken));
        Assert.False(byDate.IsMetBy(null, new DateOnly(2027, 3, 2), OutcomeKind.Kept));
        Assert.True(numeric.IsMetBy(null, new DateOnly(2027, 3, 2), OutcomeKind.Kept));
    }
}
