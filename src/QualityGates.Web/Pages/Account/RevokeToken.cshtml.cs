using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QualityGates.Domain;
using QualityGates.Web.Api.Tokens;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;
using QualityGates.Web.Localization;

namespace QualityGates.Web.Pages.Account;

/// <summary>
/// Asks before a token is revoked, then revokes it: its user may, and administrators may revoke anyone's. A revoked
/// token is refused from its next request on; the change stays in the audit trail.
/// </summary>
public sealed class RevokeTokenModel(
    QualityGatesDbContext db, IAuthorizationService authorization, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    public AccessTokenListItem Token { get; private set; } = null!;

    public bool IsOwn { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id) =>
        await LoadAsync(id) is { } refusal ? refusal : Page();

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (await LoadAsync(id) is { } refusal)
        {
            return refusal;
        }

        var token = await db.PersonalAccessTokens.SingleAsync(t => t.Id == id);
        try
        {
            token.Revoke(time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
            TempData["Success"] = l["Tokens.Revoked", token.Name].Value;
        }
        catch (DomainException e)
        {
            TempData["Error"] = l.Error(e);
        }

        return IsOwn ? RedirectToPage("Tokens") : RedirectToPage("/Admin/Tokens/Index");
    }

    /// <summary>The token, if the signed-in user may revoke it; otherwise 404 or 403.</summary>
    private async Task<IActionResult?> LoadAsync(int id)
    {
        var token = await AccessTokenListItem.Query(db).SingleOrDefaultAsync(t => t.Id == id);
        if (token is null)
        {
            return NotFound();
        }

        IsOwn = token.UserId == User.UserId();
        if (!IsOwn && !(await authorization.AuthorizeAsync(User, Policies.Administration)).Succeeded)
        {
            return Forbid();
        }

        Token = token;
        return null;
    }
}
