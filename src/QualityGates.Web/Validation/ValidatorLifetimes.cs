using QualityGates.Web.Data;

namespace QualityGates.Web.Validation;

public static class ValidatorLifetimes
{
    /// <summary>Whether a validator reads the database (so lives per request, with the request's DbContext).</summary>
    public static bool NeedsDatabase(Type validatorType) =>
        validatorType.GetConstructors().Any(c => c.GetParameters().Any(p => typeof(QualityGatesDbContext).IsAssignableFrom(p.ParameterType)));
}
