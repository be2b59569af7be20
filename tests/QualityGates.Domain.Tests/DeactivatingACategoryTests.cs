using QualityGates.Domain.Promises;

namespace QualityGates.Domain.Tests;

public sealed class DeactivatingACategoryTests
{
    private readonly PromiseCategory _category = new(new LocalizedText("Training", "Schulung"));

    [Fact]
    public void A_new_category_is_active_and_an_active_one_is_deactivated_and_activated_again()
    {
        Assert.True(_category.IsActive);

        _category.Deactivate();
        Assert.False(_category.IsActive);

        _category.Activate();
        Assert.True(_category.IsActive);
    }

    [Fact]
    public void An_inactive_category_is_not_deactivated_again_nor_an_active_one_activated()
    {
        Assert.Equal("CategoryAlreadyActive", Assert.Throws<DomainException>(_category.Activate).Code);

        _category.Deactivate();

        Assert.Equal("CategoryAlreadyInactive", Assert.Throws<DomainException>(_category.Deactivate).Code);
        Assert.False(_category.IsActive);
    }

    [Fact]
    public void A_renamed_category_keeps_its_state()
    {
        _category.Deactivate();

        _category.Rename(new LocalizedText("Trainings", "Schulungen"));

        Assert.Equal("Schulungen", _category.Name.In(LocalizedText.GermanLanguage));
        Assert.False(_category.IsActive);
    }
}
