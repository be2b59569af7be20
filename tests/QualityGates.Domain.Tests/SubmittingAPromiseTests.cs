using QualityGates.Domain.Promises;

namespace QualityGates.Domain.Tests;

public sealed class SubmittingAPromiseTests
{
    [Fact]
    public void A_complete_draft_goes_under_review()
    {
        var promise = new PromiseBuilder().Build();

        promise.Submit(PromiseBuilder.Now.AddHours(1), "owner-id");

        Assert.Equal(PromiseStatus.UnderReview, promise.Status);
        Assert.Equal(PromiseBuilder.Now.AddHours(1), promise.SubmittedAtUtc);
    }

    public static TheoryData<MeasurableTarget> UnmeasurableTargets => new()
    {
        MeasurableTarget.None,
        new MeasurableTarget("First response", TargetComparator.AtMost, null, "h", null),
        new MeasurableTarget("First response", TargetComparator.AtMost, 4, null, null),
        new MeasurableTarget("Delivery", TargetComparator.ByDate, null, null, null),
        new MeasurableTarget(" ", TargetComparator.AtLeast, 99.5m, "%", null),
    };

    [Theory]
    [MemberData(nameof(UnmeasurableTargets))]
    public void A_draft_without_a_measurable_target_is_not_submitted(MeasurableTarget target)
    {
        var promise = new PromiseBuilder().WithTarget(target).Build();

        var error = Assert.Throws<DomainException>(() => promise.Submit(PromiseBuilder.Now, "owner-id"));

        Assert.Contains("measurable target", error.Message);
        Assert.Equal(PromiseStatus.Draft, promise.Status);
    }

    [Fact]
    public void A_date_is_a_measurable_target()
    {
        var promise = new PromiseBuilder()
            .WithTarget(new MeasurableTarget("Delivery", TargetComparator.ByDate, null, null, new DateOnly(2027, 3, 1)))
            .Build();

        promise.Submit(PromiseBuilder.Now, "owner-id");

        Assert.Equal(PromiseStatus.UnderReview, promise.Status);
        Assert.Equal("Delivery by 2027-03-01", promise.Target.ToString());
    }

    [Fact]
    public void A_promise_under_review_is_not_submitted_again()
    {
        var promise = new PromiseBuilder().BuildSubmitted();

        var error = Assert.Throws<DomainException>(() => promise.Submit(PromiseBuilder.Now.AddDays(1), "owner-id"));

        Assert.Contains("Only a draft can be submitted", error.Message);
        Assert.Equal(PromiseBuilder.Now, promise.SubmittedAtUtc);
    }

    [Fact]
    public void A_withdrawn_promise_is_not_submitted()
    {
        var promise = new PromiseBuilder().Build();
        promise.Withdraw("Tender lost", PromiseBuilder.Now);

        Assert.Throws<DomainException>(() => promise.Submit(PromiseBuilder.Now, "owner-id"));
        Assert.Equal(PromiseStatus.Withdrawn, promise.Status);
    }
}
