namespace QualityGates.Domain.Promises;

public enum PromiseStatus
{
    Draft,
    UnderReview,
    Rejected,
    Approved,
    Committed,
    InDelivery,
    Kept,
    Broken,
    Withdrawn,
}

public static class PromiseStatusExtensions
{
    /// <summary>Kept, Broken and Withdrawn end the lifecycle; nothing may follow them.</summary>
    public static IReadOnlyList<PromiseStatus> Final { get; } = [PromiseStatus.Kept, PromiseStatus.Broken, PromiseStatus.Withdrawn];

    public static bool IsFinal(this PromiseStatus status) => Final.Contains(status);
}
