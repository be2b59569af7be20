namespace QualityGates.Domain.Feedback;

public enum FeedbackType
{
    BrokenPromise,
    UnrealisticPromise,
    CustomerComplaint,
    CustomerPraise,
    ImprovementIdea,
}

public enum FeedbackSeverity
{
    Low,
    Medium,
    High,
    Critical,
}

/// <summary>New → Triaged → InImprovement → Closed; see <see cref="FeedbackItem"/> for the transitions.</summary>
public enum FeedbackStatus
{
    New,
    Triaged,
    InImprovement,
    Closed,
}
