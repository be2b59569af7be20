using QualityGates.Domain.Feedback;

namespace QualityGates.Domain.Tests;

public sealed class TriagingFeedbackTests
{
    [Fact]
    public void Filed_feedback_is_new_and_keeps_its_promise_and_customer()
    {
        var feedback = ImprovementBuilder.Feedback();

        Assert.Equal(FeedbackStatus.New, feedback.Status);
        Assert.Equal(42, feedback.PromiseId);
        Assert.Equal(7, feedback.CustomerId);
        Assert.Equal(ImprovementBuilder.Now, feedback.CreatedAtUtc);
        Assert.Null(feedback.ClosedAtUtc);
    }

    [Fact]
    public void Feedback_needs_a_title_and_a_description()
    {
        var error = Assert.Throws<DomainException>(() => FeedbackItem.File(
            new FeedbackDetails(FeedbackType.CustomerComplaint, FeedbackSeverity.Low, "Slow", " ", null, null), "a", ImprovementBuilder.Now));

        Assert.Equal("FeedbackIncomplete", error.Code);
    }

    [Fact]
    public void Triage_confirms_the_severity_and_moves_new_feedback_to_triaged()
    {
        var feedback = ImprovementBuilder.Feedback();

        feedback.Triage(FeedbackSeverity.Critical, "Affects the whole region", "triager", ImprovementBuilder.Now);

        Assert.Equal(FeedbackStatus.Triaged, feedback.Status);
        Assert.Equal(FeedbackSeverity.Critical, feedback.Severity);
        Assert.Equal("triager", feedback.TriagedById);
    }

    [Fact]
    public void Feedback_is_triaged_only_once()
    {
        var feedback = ImprovementBuilder.Feedback();
        feedback.Triage(FeedbackSeverity.High, null, "triager", ImprovementBuilder.Now);

        var error = Assert.Throws<DomainException>(() => feedback.Triage(FeedbackSeverity.Low, null, "triager", ImprovementBuilder.Now));

        Assert.Equal("OnlyNewFeedbackIsTriaged", error.Code);
    }

    [Fact]
    public void Feedback_that_needs_no_action_closes_with_a_note()
    {
        var feedback = ImprovementBuilder.Feedback(type: FeedbackType.CustomerPraise);
        var closedAt = ImprovementBuilder.Now.AddDays(2);

        Assert.Equal("ClosingNeedsNote", Assert.Throws<DomainException>(() => feedback.Close(" ", closedAt)).Code);
        feedback.Close("Passed the praise on to the team", closedAt);

        Assert.Equal(FeedbackStatus.Closed, feedback.Status);
        Assert.Equal(closedAt, feedback.ClosedAtUtc);
    }

    [Fact]
    public void Feedback_in_improvement_is_not_closed_by_hand()
    {
        var feedback = ImprovementBuilder.Feedback();
        ImprovementBuilder.Open(feedback);

        var error = Assert.Throws<DomainException>(() => feedback.Close("Done", ImprovementBuilder.Now));

        Assert.Equal("FeedbackInImprovement", error.Code);
        Assert.Equal(FeedbackStatus.InImprovement, feedback.Status);
    }

    [Fact]
    public void Closed_feedback_is_no_longer_edited()
    {
        var feedback = ImprovementBuilder.Feedback();
        feedback.Close("Duplicate of another item", ImprovementBuilder.Now);

        var error = Assert.Throws<DomainException>(() => feedback.Edit(
            new FeedbackDetails(FeedbackType.CustomerComplaint, FeedbackSeverity.Low, "Other", "Other", null, null)));

        Assert.Equal("FeedbackClosed", error.Code);
    }
}
