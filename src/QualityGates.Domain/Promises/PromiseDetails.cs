namespace QualityGates.Domain.Promises;

/// <summary>What the promising side writes into a promise: everything but its identity and lifecycle.</summary>
public sealed record PromiseDetails(
    string Title,
    string Statement,
    int CategoryId,
    int? CustomerId,
    int DeliveringDepartmentId,
    PromiseSource Source,
    string? SourceReference,
    MeasurableTarget Target,
    DateOnly DueDate);
