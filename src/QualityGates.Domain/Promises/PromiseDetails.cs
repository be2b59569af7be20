namespace QualityGates.Domain.Promises;

/// <summary>
/// What the promising side writes into a promise: everything but its identity and lifecycle. The delivering department is
/// the first link of the value chain (with its part); further links follow in the order the promise passes them.
/// </summary>
public sealed record PromiseDetails(
    string Title,
    string Statement,
    int CategoryId,
    int? CustomerId,
    int DeliveringDepartmentId,
    PromiseSource Source,
    string? SourceReference,
    MeasurableTarget Target,
    DateOnly DueDate,
    string? DeliveringPart = null,
    IReadOnlyList<LinkDetails>? FurtherLinks = null)
{
    public IReadOnlyList<LinkDetails> Chain => [new LinkDetails(DeliveringDepartmentId, DeliveringPart), .. FurtherLinks ?? []];
}
