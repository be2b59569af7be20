namespace QualityGates.Domain;

/// <summary>A request that breaks a business rule, e.g. an illegal status transition. Pages show its message.</summary>
public sealed class DomainException(string message) : Exception(message);
