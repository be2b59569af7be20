using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using QualityGates.Domain.Promises;

namespace QualityGates.Web.Authorization;

public static class PromiseOperations
{
    /// <summary>Edit, submit, revise, commit or withdraw: the promising side's actions.</summary>
    public static readonly OperationAuthorizationRequirement Manage = new() { Name = nameof(Manage) };
}

/// <summary>A sales rep manages the promises of their own department, and nobody else's.</summary>
internal sealed class PromiseAuthorizationHandler
    : AuthorizationHandler<OperationAuthorizationRequirement, Promise>
{
    protected override Task HandleRequirementAsync(
        AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, Promise resource)
    {
        if (requirement == PromiseOperations.Manage
            && context.User.IsInRole(Roles.SalesRep)
            && context.User.DepartmentId() == resource.PromisingDepartmentId)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
