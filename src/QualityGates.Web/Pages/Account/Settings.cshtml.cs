using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QualityGates.Web.Data;
using QualityGates.Web.Localization;

namespace QualityGates.Web.Pages.Account;

/// <summary>
/// The signed-in user's own settings: whether notifications and the weekly digest also come by e-mail, and the time zone times are shown
/// in. Versioned by Identity's concurrency stamp, so a change made meanwhile (by an administrator, or in another tab)
/// is never overwritten.
/// </summary>
public sealed class SettingsModel(
    UserManager<AppUser> userManager,
    SignInManager<AppUser> signInManager,
    QualityGatesDbContext db,
    IValidator<SettingsModel.InputModel> validator,
    TimeZones zones,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string Email { get; private set; } = "";

    /// <summary>The zone of users who leave theirs empty.</summary>
    public string DefaultTimeZone => zones.Default.Id;

    public async Task OnGetAsync()
    {
        var user = await CurrentUserAsync();
        Email = user.Email ?? "";
        Input = InputModel.Of(user);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await CurrentUserAsync();
        Email = user.Email ?? "";
        (await validator.ValidateAsync(Input)).AddToModelState(ModelState, nameof(Input));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        // Saved through the context rather than UserManager.UpdateAsync: Identity's store re-attaches the user, which
        // accepts the stamp posted back as the original value and so never notices a change made meanwhile.
        db.Entry(user).Property(u => u.ConcurrencyStamp).OriginalValue = Input.ConcurrencyStamp;
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        user.EmailNotifications = Input.EmailNotifications;
        user.ReceivesWeeklyDigest = Input.ReceivesWeeklyDigest;
        user.TimeZone = TimeZones.Find(Input.TimeZone)?.Id;
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            ModelState.Clear();
            Input = InputModel.Of(await CurrentUserAsync());
            ModelState.AddModelError(string.Empty, l["Messages.ConcurrencyConflict"]);
            return Page();
        }

        // The zone travels in the sign-in cookie (a claim): a new cookie, so the next page already shows the new zone.
        await signInManager.RefreshSignInAsync(user);
        TempData["Success"] = l["Settings.Saved"].Value;
        return RedirectToPage();
    }

    private async Task<AppUser> CurrentUserAsync() =>
        await userManager.GetUserAsync(User) ?? throw new InvalidOperationException("Signed-in user not found.");

    public sealed class InputModel
    {
        public bool EmailNotifications { get; set; }

        public bool ReceivesWeeklyDigest { get; set; }

        /// <summary>An IANA id; empty follows the installation's default.</summary>
        public string? TimeZone { get; set; }

        public string ConcurrencyStamp { get; set; } = "";

        public static InputModel Of(AppUser user) => new()
        {
            EmailNotifications = user.EmailNotifications,
            ReceivesWeeklyDigest = user.ReceivesWeeklyDigest,
            TimeZone = user.TimeZone,
            ConcurrencyStamp = user.ConcurrencyStamp ?? "",
        };
    }

    public sealed class Validator : AbstractValidator<InputModel>
    {
        public Validator(IStringLocalizer<SharedResource> l) =>
            RuleFor(i => i.TimeZone).Must(id => TimeZones.Find(id) is not null)
                .WithMessage(i => l["Settings.TimeZone.Unknown", i.TimeZone!.Trim()])
                .When(i => !string.IsNullOrWhiteSpace(i.TimeZone));
    }
}
