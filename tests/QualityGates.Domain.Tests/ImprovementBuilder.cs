using System.Reflection;
using QualityGates.Domain.Feedback;
using QualityGates.Domain.Improvement;

namespace QualityGates.Domain.Tests;

/// <summary>Feedback as AfterSales files it and an action opened from it, with ids as the database gives them.</summary>
public static class ImprovementBuilder
{
    public const string AfterSalesId = "aftersales-id";
    public const string OwnerId = "owner-id";

    public static readonly DateTime Now = PromiseBuilder.Now;

    public static FeedbackItem Feedback(int id = 1, FeedbackType type = FeedbackType.BrokenPromise)
    {
        var feedback = FeedbackItem.File(
            new FeedbackDetails(type, FeedbackSeverity.High, "Hotline missed 4 h", "Three tickets waited a day.", PromiseId: 42, CustomerId: 7),
            AfterSalesId,
            Now);
        SetId(feedback, id);
        return feedback;
    }

    public static ActionPlan Plan(string measure = "Share of tickets answered within 4 h", DateOnly? checkDate = null) => new(
        "Staff the hotline on Fridays", "Nobody on call on Friday afternoons", OwnerId, ResponsibleDepartmentId: 6,
        new DateOnly(2027, 1, 31), measure, checkDate ?? new DateOnly(2027, 3, 31));

    public static ImprovementAction Open(params FeedbackItem[] feedback) =>
        ImprovementAction.Open(Plan(), feedback.Length == 0 ? [Feedback()] : feedback, AfterSalesId, Now);

    /// <summary>An action moved on to Act, its effectiveness checked.</summary>
    public static ImprovementAction InAct(params FeedbackItem[] feedback)
    {
        var action = Open(feedback);
        action.MoveTo(PdcaPhase.Do, null, Now);
        action.MoveTo(PdcaPhase.Check, null, Now);
        action.MoveTo(PdcaPhase.Act, "92 % within 4 h in February", Now);
        return action;
    }

    public static UpstreamChange Lesson(int lessonId = 5) => UpstreamChange.NewLesson(lessonId, AfterSalesId, Now);

    private static void SetId(object entity, int id) =>
        entity.GetType().GetProperty("Id", BindingFlags.Public | BindingFlags.Instance)!.SetValue(entity, id);
}
