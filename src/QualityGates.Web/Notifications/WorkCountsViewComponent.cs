using Microsoft.AspNetCore.Mvc;

namespace QualityGates.Web.Notifications;

/// <summary>The notification counts: cards on My work, or the total as a badge on the navigation link.</summary>
public sealed class WorkCountsViewComponent(WorkCounts counts) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(bool badge = false)
    {
        // The error page of a failed request (a 503 when the database is down) must render without the database.
        if (UserClaimsPrincipal.Identity?.IsAuthenticated != true || HttpContext.Response.StatusCode >= StatusCodes.Status500InternalServerError)
        {
            return Content("");
        }

        var model = await counts.CountAsync(UserClaimsPrincipal, HttpContext.RequestAborted);
        return View(badge ? "Badge" : "Default", model);
    }
}
