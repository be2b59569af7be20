using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using QualityGates.Domain.Envelopes;

namespace QualityGates.Web.Authorization;

public static class EnvelopeOperations
{
    /// <summary>Change, activate or deactivate an envelope: the delivering department's decision.</summary>
    public static readonly OperationAuthorizationRequirement Manage = new() { Name = nameof(Manage) };
}

/// <summary>A service manager manages the envelopes of their own delivering department, and nobody else's.</summary>
internal sealed class EnvelopeAuthorizationHandler
    : AuthorizationHandler<OperationAuthorizationRequirement, CapabilityEnvelope>
{
    protected override Task HandleRequirementAsync(
        AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, CapabilityEnvelope resource)
    {
        if (requirement == EnvelopeOperations.Manage
            && context.User.IsInRole(Roles.ServiceManager)
            && context.User.DepartmentId() == resource.DeliveringDepartmentId)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
