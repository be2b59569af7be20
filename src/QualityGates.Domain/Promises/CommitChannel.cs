namespace QualityGates.Domain.Promises;

/// <summary>How an approved promise was given to the customer.</summary>
public enum CommitChannel
{
    Contract,
    Offer,
    Email,
    Meeting,
    Phone,
    Other,
}
