using QualityGates.Domain.Promises;

namespace QualityGates.Web.Pages.Shared;

public static class DisplayNames
{
    public static string DisplayName(this PromiseStatus status) => status switch
    {
        PromiseStatus.UnderReview => "Under review",
        PromiseStatus.InDelivery => "In delivery",
        _ => status.ToString(),
    };
}
