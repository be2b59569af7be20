using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using QualityGates.Domain.Improvement;

namespace QualityGates.Web.Authorization;

public static class ImprovementOperations
{
    /// <summary>Change an action's plan (title, root cause, owner, department, due date, effectiveness check).</summary>
    public static readonly OperationAuthorizationRequirement ChangePlan = new() { Name = nameof(ChangePlan) };

    /// <summary>Move an action to its next phase and record its Act step's upstream changes (ADR 0010).</summary>
    public static readonly OperationAuthorizationRequirement Run = new() { Name = nameof(Run) };
}

/// <summary>
/// AfterSales runs every improvement action; the action's owner (a service manager, say) runs their own:
/// moves it through its phases and records what its Act step changed, but does not re-plan it.
/// </summary>
internal sealed class ImprovementActionAuthorizationHandler
    : AuthorizationHandler<OperationAuthorizationRequirement, ImprovementAction>
{
    protected override Task HandleRequirementAsync(
        AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, ImprovementAction resource)
    {
        var afterSales = context.User.IsInRole(Roles.AfterSales);
        var owner = context.User.Identity?.IsAuthenticated == true && context.User.UserId() == resource.OwnerId;
        if ((requirement == ImprovementOperations.ChangePlan && afterSales)
            || (requirement == ImprovementOperations.Run && (afterSales || owner)))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
