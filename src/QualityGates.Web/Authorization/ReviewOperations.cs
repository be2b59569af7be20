using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;

namespace QualityGates.Web.Authorization;

/// <summary>A gate review with its promise: the four-eyes rule needs both.</summary>
public sealed record ReviewResource(GateReview Review, Promise Promise);

public static class ReviewOperations
{
    /// <summary>Decide the gate: someone of the deciding department (manager or AfterSales) who does not own the promise.</summary>
    public static readonly OperationAuthorizationRequirement Decide = new() { Name = nameof(Decide) };

    /// <summary>Resolve a condition: a manager of the deciding department; the condition's owner is checked on the condition.</summary>
    public static readonly OperationAuthorizationRequirement ManageConditions = new() { Name = nameof(ManageConditions) };
}

internal sealed class ReviewAuthorizationHandler : AuthorizationHandler<OperationAuthorizationRequirement, ReviewResource>
{
    protected override Task HandleRequirementAsync(
        AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, ReviewResource resource)
    {
        var user = context.User;
        // Service managers decide G1 and G2 for their department; AfterSales decides the closure review.
        var deciding = (user.IsInRole(Roles.ServiceManager) || user.IsInRole(Roles.AfterSales))
                       && user.DepartmentId() == resource.Review.DecidingDepartmentId;
        var allowed = requirement == ReviewOperations.Decide
            ? deciding && user.UserId() != resource.Promise.OwnerId
            : requirement == ReviewOperations.ManageConditions && deciding;
        if (allowed)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
