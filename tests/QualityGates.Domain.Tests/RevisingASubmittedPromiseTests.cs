using QualityGates.Domain.Departments;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;

namespace QualityGates.Domain.Tests;

public sealed class RevisingASubmittedPromiseTests
{
    private static readonly Department _sales = new(new LocalizedText("Sales"), DepartmentKind.Promising);

    private static PromiseDetails Changed() => new PromiseBuilder().Details() with
    {
        Target = new MeasurableTarget("First response", TargetComparator.AtMost, 2, "h", null),
    };

    [Fact]
    public void Each_submission_is_a_revision_of_the_text_as_submitted()
    {
        var promise = new PromiseBuilder().Build();

        var first = promise.Submit(PromiseBuilder.Now, "owner-id");

        Assert.Equal((1, 1), (promise.Revision, first.Number));
        Assert.Equal(promise.Target, first.Target);
        Assert.Null(first.Reason);
    }

    [Fact]
    public void A_change_of_an_approved_promise_is_a_new_revision_that_goes_back_under_review()
    {
        var g = new GateBuilder();
        var review = g.OpenReview();
        review.Decide(g.Promise, g.Checklist(review), GateBuilder.Decision(GateDecision.Go, g.AllMet()), PromiseBuilder.Now);

        var revision = g.Promise.ChangeAfterSubmission(Changed(), _sales, RevisionReason.CustomerRequest, "Customer wants 2 h", "owner-id", PromiseBuilder.Now.AddDays(3));

        Assert.Equal(PromiseStatus.UnderReview, g.Promise.Status);
        Assert.Equal((2, 2), (g.Promise.Revision, revision.Number));
        Assert.Equal((RevisionReason.CustomerRequest, "Customer wants 2 h"), (revision.Reason!.Value, revision.ReasonText!));
        Assert.Equal(2m, g.Promise.Target.Value);
    }

    [Fact]
    public void A_new_revision_supersedes_the_running_review()
    {
        var g = new GateBuilder();
        var running = g.OpenReview();

        g.Promise.ChangeAfterSubmission(Changed(), _sales, RevisionReason.Correction, null, "owner-id", PromiseBuilder.Now);
        running.Supersede(PromiseBuilder.Now);

        Assert.Equal(GateReviewState.Superseded, running.State);
        Assert.Equal("ReviewClosed", Assert.Throws<DomainException>(() =>
            running.Decide(g.Promise, g.Checklist(running), GateBuilder.Decision(GateDecision.Go, g.AllMet()), PromiseBuilder.Now)).Code);
    }

    [Fact]
    public void Drafts_are_edited_and_outcomes_are_final_so_neither_is_revised()
    {
        var draft = new PromiseBuilder().Build();
        var withdrawn = new PromiseBuilder().BuildSubmitted();
        withdrawn.Withdraw("Lost", PromiseBuilder.Now);

        Assert.Equal("RevisionNotPossible", Assert.Throws<DomainException>(() =>
            draft.ChangeAfterSubmission(Changed(), _sales, RevisionReason.Internal, null, "owner-id", PromiseBuilder.Now)).Code);
        Assert.Equal("RevisionNotPossible", Assert.Throws<DomainException>(() =>
            withdrawn.ChangeAfterSubmission(Changed(), _sales, RevisionReason.Internal, null, "owner-id", PromiseBuilder.Now)).Code);
    }
}
