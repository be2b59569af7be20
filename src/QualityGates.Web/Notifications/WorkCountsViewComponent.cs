using Microsoft.AspNetCore.Mvc;

namespace QualityGates.Web.Notifications;

/// <summary>The notification counts: cards on My work, or the total as a badge on the navigation link.</summary>
public sealed class WorkCountsViewComponent(WorkCounts counts) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(bool badge = false)
    {
        if (UserClaimsPrincipal.Identity?.IsAuthenticated != true)
        {
            return Content("");
        }

        var model = await counts.CountAsync(UserClaimsPrincipal, HttpContext.RequestAborted);
        return View(badge ? "Badge" : "Default", model);
    }
}
