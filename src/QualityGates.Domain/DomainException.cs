namespace QualityGates.Domain;

/// <summary>
/// A request that breaks a business rule, e.g. an illegal status transition. <see cref="Code"/> names the
/// rule so the user interface can explain it in the user's language; the message is for logs and tests.
/// </summary>
public sealed class DomainException(string code, string message, params object[] arguments) : Exception(message)
{
    public string Code { get; } = code;

    public IReadOnlyList<object> Arguments { get; } = arguments;
}
