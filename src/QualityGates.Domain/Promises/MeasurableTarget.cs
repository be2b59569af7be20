namespace QualityGates.Domain.Promises;

/// <summary>
/// What will be measured to decide Kept or Broken, e.g. "first response ≤ 4 h" or "delivery by 2027-03-01".
/// A draft may leave it incomplete; a promise is only submitted with a measurable target.
/// </summary>
public sealed record MeasurableTarget(
    string? Metric,
    TargetComparator Comparator,
    decimal? Value,
    string? Unit,
    DateOnly? TargetDate)
{
    public const int MetricMaxLength = 100;
    public const int UnitMaxLength = 20;

    public static MeasurableTarget None { get; } = new(null, TargetComparator.AtMost, null, null, null);

    public bool IsMeasurable =>
        !string.IsNullOrWhiteSpace(Metric)
        && (Comparator == TargetComparator.ByDate
            ? TargetDate is not null
            : Value is not null && !string.IsNullOrWhiteSpace(Unit));

    /// <summary>
    /// Whether a measured value (or, for "by date", the outcome date) meets this target. Without a measured
    /// value a numeric target falls back on the recorded outcome: nothing else is known.
    /// </summary>
    public bool IsMetBy(decimal? actualValue, DateOnly outcomeDate, OutcomeKind recorded)
    {
        if (Comparator == TargetComparator.ByDate)
        {
            return TargetDate is { } date ? outcomeDate <= date : recorded == OutcomeKind.Kept;
        }

        if (actualValue is not { } actual || Value is not { } bound)
        {
            return recorded == OutcomeKind.Kept;
        }

        return Comparator switch
        {
            TargetComparator.AtMost => actual <= bound,
            TargetComparator.AtLeast => actual >= bound,
            _ => actual == bound,
        };
    }

    public override string ToString() =>
        !IsMeasurable ? "" :
        Comparator == TargetComparator.ByDate
            ? $"{Metric} by {TargetDate:yyyy-MM-dd}"
            : $"{Metric} {Symbol(Comparator)} {Value:0.####} {Unit}";

    public static string Symbol(TargetComparator comparator) => comparator switch
    {
        TargetComparator.AtMost => "≤",
        TargetComparator.AtLeast => "≥",
        TargetComparator.Exactly => "=",
        TargetComparator.ByDate => "by",
        _ => throw new ArgumentOutOfRangeException(nameof(comparator)),
    };
}
