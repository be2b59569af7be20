namespace QualityGates.Web.SingleSignOn;

internal static partial class SingleSignOnLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Single sign-on provider {Provider} at {Authority} cannot be reached")]
    public static partial void ProviderUnreachable(this ILogger logger, Exception exception, string provider, string? authority);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Single sign-on through {Provider} failed")]
    public static partial void RemoteFailure(this ILogger logger, Exception? exception, string provider);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Single sign-on of {Subject} ({Email}) refused: {Refusal} (role {Role}, department {Department})")]
    public static partial void Refused(this ILogger logger, string subject, string? email, SignInRefusal refusal, string? role, string? department);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Single sign-on of {Subject} not saved: {Errors}")]
    public static partial void NotSaved(this ILogger logger, string subject, string errors);
}
