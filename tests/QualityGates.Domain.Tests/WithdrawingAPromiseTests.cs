using QualityGates.Domain.Promises;

namespace QualityGates.Domain.Tests;

public sealed class WithdrawingAPromiseTests
{
    [Fact]
    public void A_draft_is_withdrawn_with_its_reason_and_time()
    {
        var promise = new PromiseBuilder().Build();

        promise.Withdraw("  Customer cancelled the tender.  ", PromiseBuilder.Now.AddDays(2));

        Assert.Equal(PromiseStatus.Withdrawn, promise.Status);
        Assert.Equal("Customer cancelled the tender.", promise.WithdrawalReason);
        Assert.Equal(PromiseBuilder.Now.AddDays(2), promise.WithdrawnAtUtc);
    }

    [Fact]
    public void A_promise_under_review_can_be_withdrawn()
    {
        var promise = new PromiseBuilder().BuildSubmitted();

        promise.Withdraw("Offer replaced", PromiseBuilder.Now);

        Assert.Equal(PromiseStatus.Withdrawn, promise.Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_withdrawal_needs_a_reason(string reason)
    {
        var promise = new PromiseBuilder().Build();

        Assert.Throws<DomainException>(() => promise.Withdraw(reason, PromiseBuilder.Now));
        Assert.Equal(PromiseStatus.Draft, promise.Status);
    }

    [Fact]
    public void A_withdrawn_promise_cannot_be_withdrawn_again()
    {
        var promise = new PromiseBuilder().Build();
        promise.Withdraw("First reason", PromiseBuilder.Now);

        var error = Assert.Throws<DomainException>(() => promise.Withdraw("Second reason", PromiseBuilder.Now.AddDays(1)));

        Assert.Contains("can no longer be withdrawn", error.Message);
        Assert.Equal("First reason", promise.WithdrawalReason);
    }

    [Theory]
    [InlineData(PromiseStatus.Kept, true)]
    [InlineData(PromiseStatus.Broken, true)]
    [InlineData(PromiseStatus.Withdrawn, true)]
    [InlineData(PromiseStatus.Draft, false)]
    [InlineData(PromiseStatus.InDelivery, false)]
    [InlineData(PromiseStatus.Rejected, false)]
    public void Outcomes_and_withdrawal_end_the_lifecycle(PromiseStatus status, bool final)
    {
        Assert.Equal(final, status.IsFinal());
    }
}
