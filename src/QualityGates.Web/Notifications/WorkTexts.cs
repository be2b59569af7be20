using Microsoft.Extensions.Localization;

namespace QualityGates.Web.Notifications;

public static class WorkTexts
{
    /// <summary>"Decisions on your promises (last 7 days)" and the like.</summary>
    public static string Title(IStringLocalizer l, WorkCategory category) => category switch
    {
        WorkCategory.Decisions => l["Work.Decisions", WorkCounts.DecisionDays],
        WorkCategory.ConditionsDue => l["Work.ConditionsDue", ConditionDueReminder.DaysAhead],
        _ => l[$"Work.{category}"],
    };
}
