using QualityGates.Domain.Promises;

namespace QualityGates.Domain.Tests;

public sealed class ChangingAnEnvelopeTests
{
    [Fact]
    public void New_terms_replace_the_old_ones_and_the_department_stays()
    {
        var envelope = new EnvelopeBuilder().Build();
        var department = envelope.DeliveringDepartmentId;

        envelope.Change(new(new LocalizedText("First response within 4 h"), 2, new LocalizedText("First response"), TargetComparator.AtMost, 4, new LocalizedText("h")));

        Assert.Equal("First response within 4 h", envelope.Name.English);
        Assert.Equal(2, envelope.CategoryId);
        Assert.Equal("First response", envelope.Metric.English);
        Assert.Equal(4, envelope.Bound);
        Assert.Equal(department, envelope.DeliveringDepartmentId);
    }

    [Fact]
    public void An_inactive_envelope_can_be_changed_and_stays_inactive()
    {
        var envelope = new EnvelopeBuilder().BuildInactive();

        envelope.Change(new EnvelopeBuilder().Terms() with { Bound = 72 });

        Assert.Equal(72, envelope.Bound);
        Assert.False(envelope.IsActive);
    }

    [Fact]
    public void A_change_to_a_date_is_refused_and_changes_nothing()
    {
        var envelope = new EnvelopeBuilder().Build();

        var error = Assert.Throws<DomainException>(() =>
            envelope.Change(new EnvelopeBuilder().Terms() with { Name = new LocalizedText("By date"), Comparator = TargetComparator.ByDate }));

        Assert.Equal("EnvelopeCannotBeByDate", error.Code);
        Assert.Equal("On-site within 48 h in Germany", envelope.Name.English);
        Assert.Equal(TargetComparator.AtMost, envelope.Comparator);
    }

    [Fact]
    public void An_unknown_comparator_is_refused()
    {
        var envelope = new EnvelopeBuilder().Build();

        Assert.Throws<ArgumentOutOfRangeException>(() =>
            envelope.Change(new EnvelopeBuilder().Terms() with { Comparator = (TargetComparator)42 }));
    }
}
