using FluentValidation;
using Microsoft.Extensions.Localization;
using QualityGates.Domain;
using QualityGates.Domain.Feedback;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;
using QualityGates.Web.Notifications;
using QualityGates.Web.Pages.Feedback;

namespace QualityGates.Web.Api;

/// <summary>AfterSales files feedback, through the Create page's validator and notifications.</summary>
internal static class FeedbackEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/feedback", FileAsync).WithName("FileFeedback")
            .WithSummary("Files feedback, optionally about a promise (by its number) and a customer.")
            .RequireAuthorization(ApiServiceCollectionExtensions.WritePolicy, Policies.RunImprovement)
            .Produces<FeedbackResource>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

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
