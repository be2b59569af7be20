using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using QualityGates.Web.Data;
using QualityGates.Web.Data.Auditing;
using QualityGates.Web.SingleSignOn;

namespace QualityGates.Web.Pages.Account;

/// <summary>
/// Single sign-on: sends the user to the company's provider, and on the way back makes the provider's answer a user
/// here (<see cref="ExternalSignIn"/>) or says plainly why not.
/// </summary>
public sealed class ExternalModel(
    SignInManager<AppUser> signInManager,
    ExternalSignIn externalSignIn,
    SignInAudit audit,
    IOptions<SingleSignOnOptions> options,
    ProviderMetadata provider) : PageModel
{
    public string ProviderName => options.Value.DisplayName;

    /// <summary>The resource key of what the page tells the user.</summary>
    public string? Problem { get; private set; }

    /// <summary>Not there while single sign-on is off.</summary>
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (options.Value.IsConfigured)
        {
            await next();
        }
        else
        {
            context.Result = NotFound();
        }
    }

    /// <summary>
    /// A link, not a form: the provider may pass the browser on to further hosts (federation), which a form's
    /// redirects may not reach under the form-action policy. The state and correlation cookie bind the round trip
    /// to this browser, so starting it from elsewhere signs nobody in.
    /// </summary>
    public async Task<IActionResult> OnGetAsync(string? returnUrl)
    {
        // Asked here rather than inside the challenge, where an unreachable provider would be a 500.
        if (await provider.GetAsync(HttpContext.RequestAborted) is null)
        {
            return Answer("External.Unreachable", StatusCodes.Status503ServiceUnavailable);
        }

        var callback = Url.Page("/Account/External", "Callback", new { returnUrl = SafeReturnUrl(returnUrl) });
        return Challenge(new AuthenticationProperties { RedirectUri = callback }, SingleSignOnOptions.Scheme);
    }

    public async Task<IActionResult> OnGetCallbackAsync(string? returnUrl)
    {
        var external = await HttpContext.AuthenticateAsync(IdentityConstants.ExternalScheme);
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        if (!external.Succeeded)
        {
            return Answer("External.Failed", StatusCodes.Status400BadRequest);
        }

        var (user, refusal) = await externalSignIn.AccountForAsync(external.Principal);
        if (user is null)
        {
            return Answer($"External.Refused.{refusal}", StatusCodes.Status403Forbidden);
        }

        // Only the ID token travels on into the app's cookie: the provider's sign-out wants it as a hint.
        var properties = new AuthenticationProperties();
        properties.StoreTokens(external.Properties!.GetTokens().Where(t => t.Name == OpenIdConnectParameterNames.IdToken));
        await signInManager.SignInAsync(user, properties, SingleSignOnOptions.Scheme);
        await audit.RecordAsync(AuditAction.SignedIn, user, user.Email!);
        if (user.PreferredCulture is { } culture)
        {
            CultureModel.Remember(Response, culture);
        }

        return LocalRedirect(SafeReturnUrl(returnUrl));
    }

    public IActionResult OnGetFailed() => Answer("External.Failed", StatusCodes.Status400BadRequest);

    private PageResult Answer(string problem, int statusCode)
    {
        Problem = problem;
        Response.StatusCode = statusCode;
        return Page();
    }

    private string SafeReturnUrl(string? returnUrl) => Url.IsLocalUrl(returnUrl) ? returnUrl : Url.Content("~/");
}
