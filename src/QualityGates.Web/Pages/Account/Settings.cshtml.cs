using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QualityGates.Web.Data;

namespace QualityGates.Web.Pages.Account;

/// <summary>
/// The signed-in user's own settings: whether notifications also come by e-mail. Versioned by Identity's
/// concurrency stamp, so a change made meanwhile (by an administrator, or in another tab) is never overwritten.
/// </summary>
public sealed class SettingsModel(UserManager<AppUser> userManager, QualityGatesDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string Email { get; private set; } = "";

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
        // Saved through the context rather than UserManager.UpdateAsync: Identity's store re-attaches the user, which
        // accepts the stamp posted back as the original value and so never notices a change made meanwhile.
        db.Entry(user).Property(u => u.ConcurrencyStamp).OriginalValue = Input.ConcurrencyStamp;
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        user.EmailNotifications = Input.EmailNotifications;
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

        TempData["Success"] = l["Settings.Saved"].Value;
        return RedirectToPage();
    }

    private async Task<AppUser> CurrentUserAsync() =>
        await userManager.GetUserAsync(User) ?? throw new InvalidOperationException("Signed-in user not found.");

    public sealed class InputModel
    {
        public bool EmailNotifications { get; set; }

        public string ConcurrencyStamp { get; set; } = "";

        public static InputModel Of(AppUser user) => new()
        {
            EmailNotifications = user.EmailNotifications,
            ConcurrencyStamp = user.ConcurrencyStamp ?? "",
        };
    }
}
