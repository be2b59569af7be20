using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using QualityGates.Web.Data;
using QualityGates.Web.SingleSignOn;
using QualityGates.Web.Validation;

namespace QualityGates.Web.Pages.Account;

public sealed class ChangePasswordModel(
    UserManager<AppUser> userManager,
    SignInManager<AppUser> signInManager,
    IValidator<ChangePasswordModel.InputModel> validator,
    IOptions<SingleSignOnOptions> singleSignOn,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>Someone created by single sign-on has no password here to change.</summary>
    public bool HasPassword { get; private set; }

    public string ProviderName => singleSignOn.Value.DisplayName;

    public async Task OnGetAsync() => HasPassword = await userManager.HasPasswordAsync(await SignedInUserAsync());

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await SignedInUserAsync();
        HasPassword = await userManager.HasPasswordAsync(user);
        if (!HasPassword)
        {
            return Page();
        }

        var validation = await validator.ValidateAsync(Input);
        validation.AddToModelState(ModelState, nameof(Input));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await userManager.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var mismatch = error.Code == nameof(IdentityErrorDescriber.PasswordMismatch);
                ModelState.AddModelError(
                    $"{nameof(Input)}.{(mismatch ? nameof(Input.CurrentPassword) : nameof(Input.NewPassword))}",
                    mismatch ? l["ChangePassword.WrongCurrent"] : error.Description);
            }

            return Page();
        }

        await signInManager.RefreshSignInAsync(user);
        TempData["Success"] = l["ChangePassword.Changed"].Value;
        return RedirectToPage("/Index");
    }

    private async Task<AppUser> SignedInUserAsync() =>
        await userManager.GetUserAsync(User) ?? throw new InvalidOperationException("Signed-in user not found.");

    public sealed class InputModel
    {
        public string CurrentPassword { get; set; } = "";

        public string NewPassword { get; set; } = "";

        public string ConfirmPassword { get; set; } = "";
    }

    public sealed class Validator : AbstractValidator<InputModel>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(i => i.CurrentPassword).NotEmpty().WithMessage(_ => l["ChangePassword.EnterCurrent"]);
            RuleFor(i => i.NewPassword).NewPassword(l);
            RuleFor(i => i.ConfirmPassword).Equal(i => i.NewPassword).WithMessage(_ => l["ChangePassword.Mismatch"]);
        }
    }
}
