using QualityGates.Domain.Departments;
using QualityGates.Domain.Promises;

namespace QualityGates.Domain.Envelopes;

/// <summary>
/// A standard promise: what a delivering department has approved once for everyone, e.g. "time to
/// on-site ≤ 48 h" for response-time promises. A promise inside an active envelope needs no human
/// feasibility decision (<see cref="Covers"/>).
/// </summary>
public sealed class CapabilityEnvelope : IVersioned
{
    public const int NameMaxLength = 100;

    // The same lengths as a promise's target, so every envelope can be matched by a promise.
    public const int MetricMaxLength = MeasurableTarget.MetricMaxLength;
    public const int UnitMaxLength = MeasurableTarget.UnitMaxLength;

    private CapabilityEnvelope()
    {
        Name = null!;
        Metric = null!;
        Unit = null!;
    }

    public int Id { get; private set; }

    /// <summary>A short label, e.g. "On-site within 48 h in Germany" / "Vor Ort binnen 48 h in Deutschland".</summary>
    public LocalizedText Name { get; private set; }

    /// <summary>The department that guarantees the envelope; it never changes.</summary>
    public int DeliveringDepartmentId { get; private set; }

    public int CategoryId { get; private set; }

    /// <summary>What is measured, in each language, e.g. "Time to on-site" / "Zeit bis vor Ort".</summary>
    public LocalizedText Metric { get; private set; }

    /// <summary>Never <see cref="TargetComparator.ByDate"/>: a date is agreed per customer, not once for all.</summary>
    public TargetComparator Comparator { get; private set; }

    public decimal Bound { get; private set; }

    /// <summary>"h", "%" — or a word, e.g. "weeks" / "Wochen".</summary>
    public LocalizedText Unit { get; private set; }

    public bool IsActive { get; private set; }

    public int Version { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>A new envelope is active at once: defining it is the department's approval.</summary>
    public static CapabilityEnvelope Define(Department deliveringDepartment, EnvelopeTerms terms, DateTime nowUtc)
    {
        if (deliveringDepartment.Kind != DepartmentKind.Delivering)
        {
            throw new DomainException("NotADeliveringDepartment", $"{deliveringDepartment.Name} is not a delivering department.", deliveringDepartment.Name);
        }

        var envelope = new CapabilityEnvelope
        {
            DeliveringDepartmentId = deliveringDepartment.Id,
            IsActive = true,
            CreatedAtUtc = nowUtc,
        };
        envelope.Apply(terms);
        return envelope;
    }

    public void Change(EnvelopeTerms terms) => Apply(terms);

    public void Deactivate()
    {
        if (!IsActive)
        {
            throw new DomainException("EnvelopeAlreadyInactive", $"The envelope {Name} is already inactive.", Name);
        }

        IsActive = false;
    }

    public void Activate()
    {
        if (IsActive)
        {
            throw new DomainException("EnvelopeAlreadyActive", $"The envelope {Name} is already active.", Name);
        }

        IsActive = true;
    }

    /// <summary>
    /// Whether a promise of this category, delivered by this department, with this target lies inside the
    /// envelope: it must ask no more than the envelope guarantees. "≤ 72 h" lies inside "≤ 48 h";
    /// "≤ 24 h" does not. Metric and unit must match in either language, ignoring case and surrounding spaces, so that
    /// a promise typed in German lies inside an envelope as one typed in English does.
    /// </summary>
    public bool Covers(int categoryId, int deliveringDepartmentId, MeasurableTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!IsActive
            || deliveringDepartmentId != DeliveringDepartmentId
            || categoryId != CategoryId
            || !target.IsMeasurable
            || target.Comparator != Comparator
            || !SameText(target.Metric, Metric)
            || !SameText(target.Unit, Unit))
        {
            return false;
        }

        var value = target.Value!.Value;
        return Comparator switch
        {
            TargetComparator.AtMost => value >= Bound,
            TargetComparator.AtLeast => value <= Bound,
            TargetComparator.Exactly => value == Bound,
            _ => false,
        };
    }

    /// <summary>The guarantee as a target in a language ("en", "de"), e.g. for display: "Time to on-site ≤ 48 h".</summary>
    public MeasurableTarget ToTarget(string language) => new(Metric.In(language), Comparator, Bound, Unit.In(language), null);

    private static bool SameText(string? promised, LocalizedText guaranteed) =>
        Same(promised, guaranteed.English) || (guaranteed.German is { } german && Same(promised, german));

    private static bool Same(string? promised, string guaranteed) =>
        string.Equals(promised?.Trim(), guaranteed, StringComparison.OrdinalIgnoreCase);

    private void Apply(EnvelopeTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (terms.Name is null || terms.Metric is null || terms.Unit is null)
        {
            throw new DomainException("EnvelopeIncomplete", "An envelope needs a name, a metric and a unit.");
        }

        if (terms.Comparator == TargetComparator.ByDate)
        {
            throw new DomainException("EnvelopeCannotBeByDate", "An envelope guarantees a value (at most, at least or exactly), never a date.");
        }

        if (!Enum.IsDefined(terms.Comparator))
        {
            throw new ArgumentOutOfRangeException(nameof(terms), terms.Comparator, "Unknown comparator.");
        }

        Name = terms.Name;
        CategoryId = terms.CategoryId;
        Metric = terms.Metric;
        Comparator = terms.Comparator;
        Bound = terms.Bound;
        Unit = terms.Unit;
    }
}
