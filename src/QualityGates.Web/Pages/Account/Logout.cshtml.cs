using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using QualityGates.Web.Data;
using QualityGates.Web.SingleSignOn;

namespace QualityGates.Web.Pages.Account;

public sealed class LogoutModel(
    SignInManager<AppUser> signInManager,
    ProviderMetadata provider) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // Signed in through the provider: end its session too (RP-initiated logout), when it offers that. The
        // provider's sign-out reads the ID token from the app's cookie, so it goes first; the local sign-out follows.
        var signedOutAtProvider = await HttpContext.GetTokenAsync(IdentityConstants.ApplicationScheme, OpenIdConnectParameterNames.IdToken) is not null
            // Unreachable provider: the local session ends all the same, the provider's with its own timeout.
            && !string.IsNullOrEmpty((await provider.GetAsync(HttpContext.RequestAborted))?.EndSessionEndpoint);
        if (signedOutAtProvider)
        {
            await HttpContext.SignOutAsync(SingleSignOnOptions.Scheme, new AuthenticationProperties { RedirectUri = Url.Page("/Account/Login") });
        }

        await signInManager.SignOutAsync();
        return signedOutAtProvider ? new EmptyResult() : RedirectToPage("/Account/Login");
    }
}
