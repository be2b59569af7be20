namespace QualityGates.Domain.Promises;

/// <summary>Where the customer was told the promise.</summary>
public enum PromiseSource
{
    Offer,
    Contract,
    Brochure,
    Website,
    Verbal,
    Other,
}
