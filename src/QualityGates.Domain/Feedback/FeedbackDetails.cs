namespace QualityGates.Domain.Feedback;

/// <summary>What AfterSales writes down when filing or editing feedback.</summary>
public sealed record FeedbackDetails(
    FeedbackType Type, FeedbackSeverity Severity, string Title, string Description, int? PromiseId, int? CustomerId);
