using QualityGates.Domain.Departments;
using QualityGates.Domain.Envelopes;
using QualityGates.Domain.Promises;

namespace QualityGates.Domain.Tests;

/// <summary>Service's active "time to on-site ≤ 48 h" for response-time promises, unless a test says otherwise.</summary>
public sealed class EnvelopeBuilder
{
    public const int ResponseTime = 1;

    public static readonly DateTime Now = new(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc);

    private Department _department = new(new LocalizedText("Service"), DepartmentKind.Delivering);
    private EnvelopeTerms _terms = new(new LocalizedText("On-site within 48 h in Germany"), ResponseTime, new LocalizedText("Time to on-site"), TargetComparator.AtMost, 48, new LocalizedText("h"));

    public EnvelopeBuilder Of(Department department)
    {
        _department = department;
        return this;
    }

    public EnvelopeBuilder With(EnvelopeTerms terms)
    {
        _terms = terms;
        return this;
    }

    public EnvelopeBuilder Guaranteeing(string metric, TargetComparator comparator, decimal bound, string unit) =>
        Guaranteeing(new LocalizedText(metric), comparator, bound, new LocalizedText(unit));

    public EnvelopeBuilder Guaranteeing(LocalizedText metric, TargetComparator comparator, decimal bound, LocalizedText unit)
    {
        _terms = _terms with { Metric = metric, Comparator = comparator, Bound = bound, Unit = unit };
        return this;
    }

    public EnvelopeTerms Terms() => _terms;

    public CapabilityEnvelope Build() => CapabilityEnvelope.Define(_department, _terms, Now);

    public CapabilityEnvelope BuildInactive()
    {
        var envelope = Build();
        envelope.Deactivate();
        return envelope;
    }
}
