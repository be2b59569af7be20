using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QualityGates.Web.Data;
using QualityGates.Web.Pages.Shared;
using QualityGates.Web.Validation;

namespace QualityGates.Web.Pages.Admin.Users;

/// <summary>The only way a user comes into being: there is no self-registration.</summary>
public sealed class CreateModel(
    QualityGatesDbContext db,
    UserManager<AppUser> userManager,
    IValidator<CreateModel.InputModel> validator,
    IStringLocalizer<SharedResource> l) : PageModel, IUserProfilePage
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    UserProfile IUserProfilePage.Input => Input;

    public IReadOnlyList<SelectListItem> Departments { get; private set; } = [];

    public async Task OnGetAsync() => Departments = await Lookups.DepartmentsAsync(db);

    public async Task<IActionResult> OnPostAsync()
    {
        (await validator.ValidateAsync(Input)).AddToModelState(ModelState, nameof(Input));
        if (ModelState.IsValid)
        {
            var email = Input.Email.Trim();
            var user = new AppUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = Input.DisplayName.Trim(),
                DepartmentId = Input.DepartmentId!.Value,
            };

            // The user and their role together or not at all; at most once under a retrying strategy (ADR 0015).
            var result = await db.Database.ExecuteOnceAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                var created = await userManager.CreateAsync(user, Input.Password);
                if (created.Succeeded)
                {
                    created = await userManager.AddToRoleAsync(user, Input.Role);
                }

                if (created.Succeeded)
                {
                    await transaction.CommitAsync();
                }

                return created;
            });

            if (result.Succeeded)
            {
                TempData["Success"] = l["Users.Created", email].Value;
                return RedirectToPage("Index");
            }

            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Description);
            }
        }

        Departments = await Lookups.DepartmentsAsync(db);
        return Page();
    }

    public sealed class InputModel : UserProfile
    {
        public string Email { get; set; } = "";

        public string Password { get; set; } = "";
    }

    public sealed class Validator : AbstractValidator<InputModel>
    {
        public Validator(QualityGatesDbContext db, IStringLocalizer<SharedResource> l)
        {
            Include(new UserProfileValidator(db, l));
            RuleFor(i => i.Email).NotEmpty().WithMessage(_ => l["Users.EmailRequired"])
                .MaxLength(256, l)
                .EmailAddress().WithMessage(_ => l["Users.EmailInvalid"])
                .MustAsync(async (email, ct) => !await db.Users.AnyAsync(u => u.NormalizedEmail == email.Trim().ToUpperInvariant(), ct))
                .WithMessage(_ => l["Users.EmailTaken"]);
            RuleFor(i => i.Password).NewPassword(l);
        }
    }
}
