namespace QualityGates.Domain.Promises;

public enum TargetComparator
{
    AtMost,
    AtLeast,
    Exactly,
    ByDate,
}
