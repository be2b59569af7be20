using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityGates.Web.Data;
using QualityGates.Web.Localization;

namespace QualityGates.Web.Pages;

/// <summary>The language switch in the header: remembered in a cookie and, once signed in, in the profile.</summary>
public sealed class CultureModel(UserManager<AppUser> userManager) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("~/");

    public async Task<IActionResult> OnPostAsync(string culture, string? returnUrl)
    {
        if (!Cultures.IsSupported(culture))
        {
            return BadRequest();
        }

        Remember(Response, culture);
        if (User.Identity?.IsAuthenticated == true && await userManager.GetUserAsync(User) is { } user)
        {
            user.PreferredCulture = culture;
            await userManager.UpdateAsync(user);
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "~/");
    }

    public static void Remember(HttpResponse response, string culture) =>
        response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, Secure = response.HttpContext.Request.IsHttps, SameSite = SameSiteMode.Lax });
}
