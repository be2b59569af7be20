using QualityGates.Domain.Envelopes;
using QualityGates.Domain.Promises;

namespace QualityGates.Domain.Tests;

/// <summary>A promise lies inside an envelope when it asks no more than the envelope guarantees.</summary>
public sealed class CoveringAPromiseTests
{
    private static readonly DateOnly _someDate = new(2027, 3, 1);

    private static bool Covers(CapabilityEnvelope envelope, MeasurableTarget target) =>
        envelope.Covers(envelope.CategoryId, envelope.DeliveringDepartmentId, target);

    private static MeasurableTarget Target(string metric, TargetComparator comparator, decimal value, string unit) =>
        new(metric, comparator, value, unit, null);

    [Theory]
    [InlineData(48, true)]
    [InlineData(48.0001, true)]
    [InlineData(72, true)]
    [InlineData(47.9999, false)]
    [InlineData(24, false)]
    public void An_at_most_envelope_covers_promises_of_its_bound_or_more(decimal promised, bool covered)
    {
        var envelope = new EnvelopeBuilder().Guaranteeing("Time to on-site", TargetComparator.AtMost, 48, "h").Build();

        Assert.Equal(covered, Covers(envelope, Target("Time to on-site", TargetComparator.AtMost, promised, "h")));
    }

    [Theory]
    [InlineData(99.5, true)]
    [InlineData(99.4999, true)]
    [InlineData(95, true)]
    [InlineData(99.5001, false)]
    [InlineData(99.9, false)]
    public void An_at_least_envelope_covers_promises_of_its_bound_or_less(decimal promised, bool covered)
    {
        var envelope = new EnvelopeBuilder().Guaranteeing("Monthly availability", TargetComparator.AtLeast, 99.5m, "%").Build();

        Assert.Equal(covered, Covers(envelope, Target("Monthly availability", TargetComparator.AtLeast, promised, "%")));
    }

    // 0.0000m has another scale than 0m but the same value.
    public static TheoryData<decimal, bool> ExactlyCases => new()
    {
        { 0m, true },
        { 0.0000m, true },
        { 0.0001m, false },
        { 1m, false },
    };

    [Theory]
    [MemberData(nameof(ExactlyCases))]
    public void An_exactly_envelope_covers_only_promises_of_its_bound(decimal promised, bool covered)
    {
        var envelope = new EnvelopeBuilder().Guaranteeing("Records lost", TargetComparator.Exactly, 0, "records").Build();

        Assert.Equal(covered, Covers(envelope, Target("Records lost", TargetComparator.Exactly, promised, "records")));
    }

    [Theory]
    [InlineData(TargetComparator.AtLeast)]
    [InlineData(TargetComparator.Exactly)]
    public void A_promise_with_another_comparator_is_not_covered(TargetComparator comparator)
    {
        var envelope = new EnvelopeBuilder().Build();

        Assert.False(Covers(envelope, Target("Time to on-site", comparator, 48, "h")));
    }

    [Fact]
    public void A_promise_by_date_is_never_covered()
    {
        var envelope = new EnvelopeBuilder().Build();

        Assert.False(Covers(envelope, new MeasurableTarget("Time to on-site", TargetComparator.ByDate, null, null, _someDate)));
        Assert.False(Covers(envelope, new MeasurableTarget("Time to on-site", TargetComparator.ByDate, 48, "h", _someDate)));
    }

    [Fact]
    public void Metric_and_unit_match_ignoring_case_and_surrounding_spaces()
    {
        var envelope = new EnvelopeBuilder().Build();

        Assert.True(Covers(envelope, Target("  time TO on-site ", TargetComparator.AtMost, 48, " H ")));
    }

    [Theory]
    [InlineData("Time to first response", "h")]
    [InlineData("Time to on site", "h")]
    [InlineData("Time to on-site", "min")]
    [InlineData("Time to on-site", "hours")]
    public void A_promise_measuring_something_else_is_not_covered(string metric, string unit)
    {
        var envelope = new EnvelopeBuilder().Build();

        Assert.False(Covers(envelope, Target(metric, TargetComparator.AtMost, 72, unit)));
    }

    [Fact]
    public void A_promise_of_another_category_is_not_covered()
    {
        var envelope = new EnvelopeBuilder().Build();

        Assert.False(envelope.Covers(envelope.CategoryId + 1, envelope.DeliveringDepartmentId, Target("Time to on-site", TargetComparator.AtMost, 72, "h")));
    }

    [Fact]
    public void A_promise_delivered_by_another_department_is_not_covered()
    {
        var envelope = new EnvelopeBuilder().Build();

        Assert.False(envelope.Covers(envelope.CategoryId, envelope.DeliveringDepartmentId + 1, Target("Time to on-site", TargetComparator.AtMost, 72, "h")));
    }

    [Fact]
    public void An_inactive_envelope_covers_nothing()
    {
        var envelope = new EnvelopeBuilder().BuildInactive();

        Assert.False(Covers(envelope, Target("Time to on-site", TargetComparator.AtMost, 72, "h")));
    }

    [Fact]
    public void A_reactivated_envelope_covers_again()
    {
        var envelope = new EnvelopeBuilder().BuildInactive();

        envelope.Activate();

        Assert.True(Covers(envelope, Target("Time to on-site", TargetComparator.AtMost, 72, "h")));
    }

    public static TheoryData<MeasurableTarget> IncompleteTargets => new()
    {
        MeasurableTarget.None,
        new MeasurableTarget("Time to on-site", TargetComparator.AtMost, null, "h", null),
        new MeasurableTarget("Time to on-site", TargetComparator.AtMost, 72, null, null),
        new MeasurableTarget(null, TargetComparator.AtMost, 72, "h", null),
    };

    [Theory]
    [MemberData(nameof(IncompleteTargets))]
    public void A_promise_without_a_measurable_target_is_not_covered(MeasurableTarget target)
    {
        var envelope = new EnvelopeBuilder().Build();

        Assert.False(Covers(envelope, target));
    }

    [Fact]
    public void A_changed_envelope_decides_by_its_new_bound()
    {
        var envelope = new EnvelopeBuilder().Build();
        var promise = Target("Time to on-site", TargetComparator.AtMost, 48, "h");

        envelope.Change(new EnvelopeBuilder().Terms() with { Bound = 72 });

        Assert.False(Covers(envelope, promise));
    }

    [Theory]
    [InlineData("Time to on-site", "weeks")]
    [InlineData("Zeit bis vor Ort", "Wochen")]
    [InlineData("zeit bis vor ort", "weeks")]
    public void A_promise_lies_inside_an_envelope_in_either_of_its_languages(string metric, string unit)
    {
        var envelope = new EnvelopeBuilder()
            .Guaranteeing(new LocalizedText("Time to on-site", "Zeit bis vor Ort"), TargetComparator.AtMost, 2, new LocalizedText("weeks", "Wochen")).Build();

        Assert.True(Covers(envelope, Target(metric, TargetComparator.AtMost, 3, unit)));
    }

    [Fact]
    public void Without_a_german_wording_only_the_english_one_matches()
    {
        var envelope = new EnvelopeBuilder().Guaranteeing("Time to on-site", TargetComparator.AtMost, 48, "h").Build();

        Assert.False(Covers(envelope, Target("Zeit bis vor Ort", TargetComparator.AtMost, 72, "h")));
        Assert.Equal("Time to on-site", envelope.ToTarget(LocalizedText.GermanLanguage).Metric);
    }
}
