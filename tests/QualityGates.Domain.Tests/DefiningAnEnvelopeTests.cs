using QualityGates.Domain.Departments;
using QualityGates.Domain.Promises;

namespace QualityGates.Domain.Tests;

public sealed class DefiningAnEnvelopeTests
{
    [Fact]
    public void A_new_envelope_is_active_and_belongs_to_its_delivering_department()
    {
        var envelope = new EnvelopeBuilder().Build();

        Assert.True(envelope.IsActive);
        Assert.Equal("On-site within 48 h in Germany", envelope.Name.English);
        Assert.Equal(EnvelopeBuilder.ResponseTime, envelope.CategoryId);
        Assert.Equal(TargetComparator.AtMost, envelope.Comparator);
        Assert.Equal(48, envelope.Bound);
        Assert.Equal(EnvelopeBuilder.Now, envelope.CreatedAtUtc);
    }

    [Fact]
    public void Names_metrics_and_units_are_stored_without_surrounding_spaces()
    {
        var terms = new EnvelopeBuilder().Terms() with
        {
            Name = new LocalizedText("  On-site  ", " Vor Ort "), Metric = new LocalizedText(" Time to on-site ", " Zeit bis vor Ort "),
            Unit = new LocalizedText(" h "),
        };

        var envelope = new EnvelopeBuilder().With(terms).Build();

        Assert.Equal(new LocalizedText("On-site", "Vor Ort"), envelope.Name);
        Assert.Equal(new LocalizedText("Time to on-site", "Zeit bis vor Ort"), envelope.Metric);
        Assert.Equal(new LocalizedText("h"), envelope.Unit);
    }

    [Theory]
    [InlineData(DepartmentKind.Promising)]
    [InlineData(DepartmentKind.AfterSales)]
    [InlineData(DepartmentKind.Management)]
    public void Only_a_delivering_department_defines_envelopes(DepartmentKind kind)
    {
        var error = Assert.Throws<DomainException>(() => new EnvelopeBuilder().Of(new Department(new LocalizedText("Sales"), kind)).Build());

        Assert.Equal("NotADeliveringDepartment", error.Code);
        Assert.Equal([new LocalizedText("Sales")], error.Arguments);
    }

    [Fact]
    public void An_envelope_never_guarantees_a_date()
    {
        var error = Assert.Throws<DomainException>(() =>
            new EnvelopeBuilder().Guaranteeing("Delivery", TargetComparator.ByDate, 0, "date").Build());

        Assert.Equal("EnvelopeCannotBeByDate", error.Code);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void An_envelope_needs_a_metric_and_a_unit(bool hasMetric, bool hasUnit)
    {
        var terms = new EnvelopeBuilder().Terms() with
        {
            Metric = hasMetric ? new LocalizedText("Time to on-site") : null!,
            Unit = hasUnit ? new LocalizedText("h") : null!,
        };

        var error = Assert.Throws<DomainException>(() => new EnvelopeBuilder().With(terms).Build());

        Assert.Equal("EnvelopeIncomplete", error.Code);
    }
}
