namespace QualityGates.Domain.Promises;

/// <summary>When and how a promise was given to the customer before QualityGates knew of it.</summary>
public sealed record ExistingCommitment(DateOnly CommittedOn, CommitChannel Channel);
