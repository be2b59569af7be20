using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;
using QualityGates.Web.Data.Auditing;
using QualityGates.Web.SingleSignOn;
using QualityGates.Web.Validation;

namespace QualityGates.Web.Pages.Account;

public sealed class LoginModel(
    SignInManager<AppUser> signInManager,
    IPasswordHasher<AppUser> passwordHasher,
    SignInAudit audit,
    IValidator<LoginModel.InputModel> validator,
    IOptions<SingleSignOnOptions> singleSignOn,
    IStringLocalizer<SharedResource> l)
    : PageModel
{
    // A hash made by the configured hasher, checked when there is no real one to check (see OnPostAsync).
    private static string? _standInHash;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public SingleSignOnOptions SingleSignOn => singleSignOn.Value;

    public IActionResult OnGet() =>
        User.Identity?.IsAuthenticated == true ? LocalRedirect(SafeReturnUrl) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (SingleSignOn.EffectiveLocalAccounts == LocalAccounts.Disabled)
        {
            return NotFound();
        }

        var validation = await validator.ValidateAsync(Input);
        validation.AddToModelState(ModelState, nameof(Input));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        // Every attempt takes the same path: one password hash verification, one audit entry, one message. An
        // unknown name or a locked account would otherwise answer faster and tell the account apart (ASVS V2.2).
        var name = Input.Email.Trim();
        var user = await signInManager.UserManager.FindByNameAsync(name);
        if (user is null || await signInManager.UserManager.IsLockedOutAsync(user) || !await MaySignInWithPasswordAsync(user))
        {
            VerifyStandIn(user);
            await audit.RecordAsync(AuditAction.SignInFailed, user, name);
            return Failed();
        }

        var result = await signInManager.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await audit.RecordAsync(AuditAction.SignedIn, user, name);
            if (user.PreferredCulture is { } culture)
            {
                CultureModel.Remember(Response, culture);
            }

            return LocalRedirect(SafeReturnUrl);
        }

        await audit.RecordAsync(result.IsLockedOut ? AuditAction.LockedOut : AuditAction.SignInFailed, user, name);
        return Failed();
    }

    // One message for every failure, so the page never tells whether an account exists or is locked.
    private PageResult Failed()
    {
        ModelState.AddModelError(string.Empty, l["Login.Failed"]);
        return Page();
    }

    // With single sign-on, a local password may be kept only for break-glass administrators.
    private async Task<bool> MaySignInWithPasswordAsync(AppUser user) =>
        SingleSignOn.EffectiveLocalAccounts == LocalAccounts.Enabled
        || await signInManager.UserManager.IsInRoleAsync(user, Roles.Administrator);

    private void VerifyStandIn(AppUser? user)
    {
        var standIn = user?.PasswordHash ?? (_standInHash ??= passwordHasher.HashPassword(new AppUser(), Guid.NewGuid().ToString("N")));
        passwordHasher.VerifyHashedPassword(user ?? new AppUser(), standIn, Input.Password);
    }

    private string SafeReturnUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : Url.Content("~/");

    public sealed class InputModel
    {
        public string Email { get; set; } = "";

        public string Password { get; set; } = "";
    }

    public sealed class Validator : AbstractValidator<InputModel>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(i => i.Email).NotEmpty().WithMessage(_ => l["Login.EnterEmail"]).MaxLength(256, l);
            RuleFor(i => i.Password).NotEmpty().WithMessage(_ => l["Login.EnterPassword"]).MaxLength(256, l);
        }
    }
}
