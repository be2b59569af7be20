using QualityGates.Domain.Departments;
using QualityGates.Domain.Promises;

namespace QualityGates.Domain.Tests;

public sealed class ImportingAnExistingPromiseTests
{
    private static readonly Guid _importId = Guid.NewGuid();
    private static readonly Department _sales = new(new LocalizedText("Sales"), DepartmentKind.Promising);
    private static readonly ExistingCommitment _givenLastMonth = new(new DateOnly(2026, 10, 15), CommitChannel.Contract);

    private static Promise Import(PromiseDetails details, ExistingCommitment? commitment) =>
        Promise.Import("P-2026-00001", details, _sales, "owner-id", PromiseBuilder.Now, _importId, commitment);

    [Fact]
    public void An_imported_promise_without_a_commitment_is_a_draft_that_remembers_its_upload()
    {
        var promise = Import(new PromiseBuilder().Details(), commitment: null);

        Assert.Equal(PromiseStatus.Draft, promise.Status);
        Assert.Equal(_importId, promise.ImportId);
        Assert.Null(promise.CommittedOn);
    }

    [Fact]
    public void A_promise_the_customer_already_holds_is_committed_without_any_approval()
    {
        var promise = Import(new PromiseBuilder().Details(), _givenLastMonth);

        Assert.Equal(PromiseStatus.Committed, promise.Status);
        Assert.Equal(new DateOnly(2026, 10, 15), promise.CommittedOn);
        Assert.Equal(CommitChannel.Contract, promise.CommitChannel);
        Assert.Null(promise.FirstApprovedRevision);
        Assert.Equal(0, promise.Revision);
        Assert.Null(promise.FirstFeasibilityDecision);
    }

    [Fact]
    public void A_committed_import_needs_a_measurable_target()
    {
        var details = new PromiseBuilder().WithTarget(MeasurableTarget.None).Details();

        var error = Assert.Throws<DomainException>(() => Import(details, _givenLastMonth));

        Assert.Equal("CommitmentNeedsMeasurableTarget", error.Code);
    }

    [Fact]
    public void A_promise_cannot_have_been_given_after_today()
    {
        var tomorrow = new ExistingCommitment(DateOnly.FromDateTime(PromiseBuilder.Now).AddDays(1), CommitChannel.Email);

        var error = Assert.Throws<DomainException>(() => Import(new PromiseBuilder().Details(), tomorrow));

        Assert.Equal("CommittedOnInFuture", error.Code);
    }

    [Fact]
    public void An_imported_draft_keeps_the_rules_of_any_draft()
    {
        var details = new PromiseBuilder().WithoutCustomer().Details();

        Assert.Throws<DomainException>(() => Import(details, commitment: null));
    }
}
