using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;
using QualityGates.Web.Localization;
using QualityGates.Web.Pages.Reviews;

namespace QualityGates.Web.Pages.Promises;

/// <summary>Who takes a promise's next step.</summary>
public enum NextStepTaker
{
    /// <summary>Nothing more is due.</summary>
    Nobody,

    /// <summary>The promise's owner on the promising side: edits, submits, revises, commits, hands over again.</summary>
    Owner,

    /// <summary>The deciding department of the waiting gate review.</summary>
    Decider,

    /// <summary>The delivering department: delivers and records the outcome.</summary>
    Delivering,
}

/// <summary>
/// What happens next with a promise and who does it, in one sentence: shown on the promise and on its reviews, so
/// that nobody has to know the lifecycle by heart to see whose turn it is.
/// </summary>
public sealed record NextStep(string Text, NextStepTaker Taker, ReviewListItem? WaitingReview)
{
    /// <summary>The next step of <paramref name="promise"/>, whose <paramref name="reviews"/> are given oldest first; null when none can be named.</summary>
    public static NextStep? For(IStringLocalizer l, PromiseListItem promise, IReadOnlyList<ReviewListItem> reviews)
    {
        // At most one review waits at a time: a new revision supersedes the old one, a decision closes it.
        var waiting = reviews.LastOrDefault(r => r.State is GateReviewState.Open or GateReviewState.OnHold or GateReviewState.Returned);
        if (waiting is { State: GateReviewState.Returned })
        {
            return new NextStep(l["NextStep.HandOverAgain", promise.OwnerName, waiting.GateCode], NextStepTaker.Owner, waiting);
        }

        if (waiting is not null)
        {
            var key = waiting.State == GateReviewState.OnHold ? "NextStep.Decide.OnHold" : $"NextStep.Decide.{waiting.Stage}";
            return new NextStep(l[key, waiting.DecidingDepartmentName, waiting.GateCode, waiting.GateName], NextStepTaker.Decider, waiting);
        }

        return promise.Status switch
        {
            PromiseStatus.Draft => new NextStep(l["NextStep.Submit", promise.OwnerName], NextStepTaker.Owner, null),
            PromiseStatus.Rejected => new NextStep(l["NextStep.Revise", promise.OwnerName], NextStepTaker.Owner, null),
            PromiseStatus.Approved => new NextStep(
                promise.EarliestOpenConditionDue is null
                    ? l["NextStep.Commit", promise.OwnerName, promise.DeliveringDepartmentName]
                    : l["NextStep.CommitWithConditions", promise.OwnerName, promise.DeliveringDepartmentName],
                NextStepTaker.Owner, null),
            PromiseStatus.InDelivery => new NextStep(l["NextStep.Deliver", promise.DeliveringDepartmentName, promise.DueDate.Date()], NextStepTaker.Delivering, null),
            PromiseStatus.Withdrawn => new NextStep(l["NextStep.NoneWithdrawn"], NextStepTaker.Nobody, null),
            PromiseStatus.Kept or PromiseStatus.Broken => new NextStep(l["NextStep.NoneClosed", l.Status(promise.Status)], NextStepTaker.Nobody, null),

            // Under review or committed always with a waiting review; without one there is no honest sentence to say.
            _ => null,
        };
    }

    /// <summary>Whether <paramref name="user"/> takes this step: the same rules that let them press its button.</summary>
    public async Task<bool> IsTakenByAsync(ClaimsPrincipal user, Promise promise, IAuthorizationService authorization, QualityGatesDbContext db) =>
        Taker switch
        {
            NextStepTaker.Owner => (await authorization.AuthorizeAsync(user, promise, PromiseOperations.Manage)).Succeeded,
            NextStepTaker.Delivering => (await authorization.AuthorizeAsync(user, promise, PromiseOperations.Deliver)).Succeeded,
            NextStepTaker.Decider => await db.GateReviews.FindAsync(WaitingReview!.Id) is { } review
                                     && (await authorization.AuthorizeAsync(user, new ReviewResource(review, promise), ReviewOperations.Decide)).Succeeded,
            _ => false,
        };
}
