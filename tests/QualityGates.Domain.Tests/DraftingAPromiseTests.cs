using QualityGates.Domain.Departments;
using QualityGates.Domain.Promises;

namespace QualityGates.Domain.Tests;

public sealed class DraftingAPromiseTests
{
    [Fact]
    public void A_new_promise_is_a_draft_of_its_promising_department_and_owner()
    {
        var promise = new PromiseBuilder().Build();

        Assert.Equal(PromiseStatus.Draft, promise.Status);
        Assert.Equal("owner-id", promise.OwnerId);
        Assert.Equal("P-2026-00001", promise.Number);
        Assert.Equal(PromiseBuilder.Now, promise.CreatedAtUtc);
    }

    [Fact]
    public void A_promise_must_name_its_customer()
    {
        var error = Assert.Throws<DomainException>(() => new PromiseBuilder().WithoutCustomer().Build());

        Assert.Contains("must name its customer", error.Message);
    }

    [Fact]
    public void A_general_claim_of_marketing_applies_to_all_customers()
    {
        var marketing = new Department(new LocalizedText("Marketing"), DepartmentKind.Promising, makesGeneralClaims: true);

        var promise = new PromiseBuilder().From(marketing).WithoutCustomer().Build();

        Assert.Null(promise.CustomerId);
    }

    [Theory]
    [InlineData(DepartmentKind.Delivering)]
    [InlineData(DepartmentKind.AfterSales)]
    [InlineData(DepartmentKind.Management)]
    public void Only_a_promising_department_makes_promises(DepartmentKind kind)
    {
        var department = new Department(new LocalizedText("Somewhere"), kind);

        Assert.Throws<DomainException>(() => new PromiseBuilder().From(department).Build());
    }

    [Fact]
    public void Only_a_promising_department_may_make_general_claims()
    {
        Assert.Throws<DomainException>(() => new Department(new LocalizedText("Service"), DepartmentKind.Delivering, makesGeneralClaims: true));
    }

    [Fact]
    public void A_draft_can_be_edited()
    {
        var promise = new PromiseBuilder().Build();
        var department = new Department(new LocalizedText("Sales"), DepartmentKind.Promising);
        var changed = new PromiseBuilder().Details() with { Title = "Answer in 2 hours" };

        promise.EditDraft(changed, department);

        Assert.Equal("Answer in 2 hours", promise.Title);
    }

    [Fact]
    public void A_submitted_promise_is_no_longer_edited_as_a_draft()
    {
        var promise = new PromiseBuilder().BuildSubmitted();
        var changed = new PromiseBuilder().Details() with { Title = "Quietly changed" };

        var error = Assert.Throws<DomainException>(() => promise.EditDraft(changed, new Department(new LocalizedText("Sales"), DepartmentKind.Promising)));

        Assert.Contains("Only a draft can be edited", error.Message);
        Assert.Equal("Answer in 4 hours", promise.Title);
    }
}
