namespace QualityGates.Domain.Promises;

/// <summary>Promise numbers count per year: P-2026-00001, P-2026-00002, … P-2027-00001.</summary>
public static class PromiseNumber
{
    public static string SequenceName(int year) => $"P-{year}";

    public static string Format(int year, int sequenceValue) => $"P-{year}-{sequenceValue:D5}";
}
