using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QualityGates.Domain;
using QualityGates.Domain.Feedback;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;
using QualityGates.Web.Notifications;
using QualityGates.Web.Pages.Feedback;

namespace QualityGates.Web.Api;

/// <summary>
/// AfterSales files feedback, through the Create page's validator and notifications; like the feedback page, every
/// user reads an item (the Location of a filed one).
/// </summary>
internal static class FeedbackEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/feedback/{id:int}", GetAsync).WithName("GetFeedback")
            .WithSummary("One feedback item; ETag is its version.")
            .Produces<FeedbackResource>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/feedback", FileAsync).WithName("FileFeedback")
            .WithSummary("Files feedback, optionally about a promise (by its number) and a customer.")
            .RequireAuthorization(ApiServiceCollectionExtensions.WritePolicy, Policies.RunImprovement)
            .Produces<FeedbackResource>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> GetAsync(int id, QualityGatesDbContext db, IStringLocalizer<SharedResource> l, HttpContext http)
    {
        var feedback = await db.Feedback.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id, http.RequestAborted);
        if (feedback is null)
        {
            return ApiResults.NotFound(l);
        }

        EntityTags.Set(http.Response, feedback.Version);
        return TypedResults.Ok(FeedbackResource.Of(feedback));
    }

    private static async Task<IResult> FileAsync(
        FeedbackForm input, IValidator<FeedbackForm> validator, QualityGatesDbContext db, ImprovementNotifications notifications,
        TimeProvider time, IStringLocalizer<SharedResource> l, HttpContext http)
    {
        var validation = await validator.ValidateAsync(input, http.RequestAborted);
        if (!validation.IsValid)
        {
            return ApiResults.Invalid(validation);
        }

        FeedbackItem feedback;
        try
        {
            feedback = await input.FileAsync(db, notifications, http.User.UserId(), time.GetUtcNow().UtcDateTime, http.RequestAborted);
        }
        catch (DomainException e)
        {
            return ApiResults.Refused(l, e);
        }

        await db.SaveChangesAsync(http.RequestAborted);
        EntityTags.Set(http.Response, feedback.Version);
        return TypedResults.Created($"{ApiServiceCollectionExtensions.Prefix}/feedback/{feedback.Id}", FeedbackResource.Of(feedback));
    }
}

public sealed record FeedbackResource(
    int Id, FeedbackType Type, FeedbackSeverity Severity, string Title, string Description, int? PromiseId, int? CustomerId,
    FeedbackStatus Status, DateTime CreatedAtUtc, int Version)
{
    public static FeedbackResource Of(FeedbackItem f) =>
        new(f.Id, f.Type, f.Severity, f.Title, f.Description, f.PromiseId, f.CustomerId, f.Status, f.CreatedAtUtc, f.Version);
}
