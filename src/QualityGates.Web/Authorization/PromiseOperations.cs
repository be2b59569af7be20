using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using QualityGates.Domain.Promises;

namespace QualityGates.Web.Authorization;

public static class PromiseOperations
{
    /// <summary>Edit, submit, revise, commit or withdraw: the promising side's actions.</summary>
    public static readonly OperationAuthorizationRequirement Manage = new() { Name = nameof(Manage) };

    /// <summary>
    /// Flag at risk, record the outcome, hand over to the next link: the service managers of the department that holds
    /// the promise along its value chain (the first link until it is handed on).
    /// </summary>
    public static readonly OperationAuthorizationRequirement Deliver = new() { Name = nameof(Deliver) };
}

/// <summary>
/// A sales rep manages the promises of their own department; a service manager delivers the promises their
/// department holds. Nobody else does either.
/// </summary>
internal sealed class PromiseAuthorizationHandler
    : AuthorizationHandler<OperationAuthorizationRequirement, Promise>
{
    protected override Task HandleRequirementAsync(
        AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, Promise resource)
    {
        var user = context.User;
        var allowed =
            (requirement == PromiseOperations.Manage && user.IsInRole(Roles.SalesRep) && user.DepartmentId() == resource.PromisingDepartmentId)
            || (requirement == PromiseOperations.Deliver && user.IsInRole(Roles.ServiceManager) && user.DepartmentId() == resource.HoldingDepartmentId);
        if (allowed)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
