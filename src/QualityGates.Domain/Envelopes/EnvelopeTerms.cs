using QualityGates.Domain.Promises;

namespace QualityGates.Domain.Envelopes;

/// <summary>What a delivering department guarantees in an envelope: everything but its identity and state.</summary>
public sealed record EnvelopeTerms(
    LocalizedText Name,
    int CategoryId,
    LocalizedText Metric,
    TargetComparator Comparator,
    decimal Bound,
    LocalizedText Unit);
