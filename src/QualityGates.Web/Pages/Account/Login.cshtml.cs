using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using QualityGates.Web.Data;
using QualityGates.Web.Validation;

namespace QualityGates.Web.Pages.Account;

public sealed class LoginModel(
    SignInManager<AppUser> signInManager, IValidator<LoginModel.InputModel> validator, IStringLocalizer<SharedResource> l)
    : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet() =>
        User.Identity?.IsAuthenticated == true ? LocalRedirect(SafeReturnUrl) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var validation = await validator.ValidateAsync(Input);
        validation.AddToModelState(ModelState, nameof(Input));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await signInManager.PasswordSignInAsync(Input.Email.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            if (await signInManager.UserManager.FindByNameAsync(Input.Email.Trim()) is { PreferredCulture: { } culture })
            {
                CultureModel.Remember(Response, culture);
            }

            return LocalRedirect(SafeReturnUrl);
        }

        // One message for every failure, so the page never tells whether an account exists or is locked.
        ModelState.AddModelError(string.Empty, l["Login.Failed"]);
        return Page();
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
