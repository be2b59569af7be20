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
    public static bool IsFinal(this PromiseStatus status) =>
        status is PromiseStatus.Kept or PromiseStatus.Broken or PromiseStatus.Withdrawn;
}
