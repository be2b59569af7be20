using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;
using QualityGates.Web.Pages.Shared;
using Microsoft.Extensions.Localization;
using QualityGates.Web.Validation;

namespace QualityGates.Web.Pages.Admin.Users;

/// <summary>Name, department and role; lock, unlock and reset the password. Each change ends the user's other sessions.</summary>
public sealed class EditModel(
    QualityGatesDbContext db,
    UserManager<AppUser> userManager,
    IValidator<EditModel.InputModel> validator,
    IValidator<EditModel.PasswordInput> passwordValidator,
    IStringLocalizer<SharedResource> l) : PageModel, IUserProfilePage
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty]
    public PasswordInput Password { get; set; } = new();

    UserProfile IUserProfilePage.Input => Input;

    public IReadOnlyList<SelectListItem> Departments { get; private set; } = [];

    public AppUser Account { get; private set; } = null!;

    public bool IsLocked { get; private set; }

    public bool IsSelf { get; private set; }

    /// <summary>The provider this person signs in through, whose word on name, role and department wins at each sign-in.</summary>
    public string? DirectoryName { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Input = await StoredProfileAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        (await validator.ValidateAsync(Input)).AddToModelState(ModelState, nameof(Input));
        var currentRole = (await userManager.GetRolesAsync(Account)).FirstOrDefault();
        if (IsSelf && currentRole == Roles.Administrator && Input.Role != Roles.Administrator)
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Role)}", l["Users.CannotDemoteSelf"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        // Profile, role and security stamp together or not at all; at most once under a retrying strategy (ADR 0015).
        var result = await db.Database.ExecuteOnceAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            Account.DisplayName = Input.DisplayName.Trim();
            Account.DepartmentId = Input.DepartmentId!.Value;
            // Identity's store only compares the stamp it loaded a moment ago: a form older than that is refused here.
            var saved = Account.ConcurrencyStamp == Input.ConcurrencyStamp
                ? await userManager.UpdateAsync(Account)
                : IdentityResult.Failed(userManager.ErrorDescriber.ConcurrencyFailure());
            if (saved.Succeeded && currentRole != Input.Role)
            {
                if (currentRole is not null)
                {
                    saved = await userManager.RemoveFromRoleAsync(Account, currentRole);
                }

                if (saved.Succeeded)
                {
                    saved = await userManager.AddToRoleAsync(Account, Input.Role);
                }
            }

            if (saved.Succeeded)
            {
                // Their open sessions end at the next security-stamp check (at most 5 minutes): they sign in with the new rights.
                saved = await userManager.UpdateSecurityStampAsync(Account);
            }

            if (saved.Succeeded)
            {
                await transaction.CommitAsync();
            }
            else
            {
                await transaction.RollbackAsync();
            }

            return saved;
        });

        if (!result.Succeeded)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(id);
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
            {
                ModelState.Clear();
                Input = await StoredProfileAsync();
                ModelState.AddModelError(string.Empty, l["Messages.ConcurrencyConflict"]);
            }
            else
            {
                ModelState.AddModelError(string.Empty, string.Join(" ", result.Errors.Select(e => e.Description)));
            }

            return Page();
        }

        TempData["Success"] = l["Users.Saved", Account.Email!].Value;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostLockAsync(string id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (IsSelf)
        {
            TempData["Error"] = l["Users.CannotLockSelf"].Value;
            return RedirectToPage(new { id });
        }

        // Locked and signed out together: the new security stamp ends their sessions at the next check.
        await db.Database.ExecuteOnceAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await userManager.SetLockoutEnabledAsync(Account, true);
            await userManager.SetLockoutEndDateAsync(Account, AdministratorLock.LockoutEnd);
            await userManager.UpdateSecurityStampAsync(Account);
            await transaction.CommitAsync();
            return true;
        });
        TempData["Success"] = l["Users.LockedDone", Account.Email!].Value;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostUnlockAsync(string id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        await userManager.SetLockoutEndDateAsync(Account, null);
        await userManager.ResetAccessFailedCountAsync(Account);
        TempData["Success"] = l["Users.UnlockedDone", Account.Email!].Value;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostResetPasswordAsync(string id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        // Only the password form was posted: the profile form shows what is stored.
        ModelState.Clear();
        Input = await StoredProfileAsync();
        (await passwordValidator.ValidateAsync(Password)).AddToModelState(ModelState, nameof(Password));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var token = await userManager.GeneratePasswordResetTokenAsync(Account);
        var result = await userManager.ResetPasswordAsync(Account, token, Password.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError($"{nameof(Password)}.{nameof(Password.NewPassword)}", error.Description);
            }

            return Page();
        }

        TempData["Success"] = l["Users.PasswordResetDone", Account.Email!].Value;
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(string id)
    {
        var account = await userManager.FindByIdAsync(id);
        if (account is null)
        {
            return false;
        }

        Account = account;
        IsLocked = await userManager.IsLockedOutAsync(account);
        IsSelf = account.Id == User.UserId();
        DirectoryName = (await userManager.GetLoginsAsync(account)).FirstOrDefault()?.ProviderDisplayName;
        Departments = await Lookups.DepartmentsAsync(db);
        return true;
    }

    private async Task<InputModel> StoredProfileAsync() => new()
    {
        DisplayName = Account.DisplayName,
        DepartmentId = Account.DepartmentId,
        Role = (await userManager.GetRolesAsync(Account)).FirstOrDefault() ?? "",
        ConcurrencyStamp = Account.ConcurrencyStamp ?? "",
    };

    public sealed class InputModel : UserProfile
    {
        public string ConcurrencyStamp { get; set; } = "";
    }

    public sealed class PasswordInput
    {
        public string NewPassword { get; set; } = "";
    }

    public sealed class Validator : AbstractValidator<InputModel>
    {
        public Validator(QualityGatesDbContext db, IStringLocalizer<SharedResource> l) => Include(new UserProfileValidator(db, l));
    }

    public sealed class PasswordValidator : AbstractValidator<PasswordInput>
    {
        public PasswordValidator(IStringLocalizer<SharedResource> l) => RuleFor(p => p.NewPassword).NewPassword(l);
    }
}
