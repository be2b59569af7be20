using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace QualityGates.Web.Pages.Admin.Webhooks;

/// <summary>
/// Carries a secret just made to the endpoint's page, where it is shown once: TempData is an encrypted cookie (Data
/// Protection) that is read once and then removed, so the secret is never in a URL and never shown again.
/// </summary>
public static class NewSecret
{
    public static void Show(ITempDataDictionary tempData, int endpointId, string secret) => tempData[Key(endpointId)] = secret;

    public static string? Take(ITempDataDictionary tempData, int endpointId) => tempData[Key(endpointId)] as string;

    private static string Key(int endpointId) => $"WebhookSecret.{endpointId}";
}
