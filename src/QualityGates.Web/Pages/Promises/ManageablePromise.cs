using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityGates.Domain.Promises;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;

namespace QualityGates.Web.Pages.Promises;

internal static class ManageablePromise
{
    /// <summary>
    /// Loads a promise the signed-in user may manage (or deliver); otherwise the refusal to return (404 or 403).
    /// Pages call it in GET and POST alike, so a hidden button is never the only protection.
    /// </summary>
    public static async Task<(Promise? Promise, IActionResult? Refusal)> FindAsync(
        PageModel page, QualityGatesDbContext db, IAuthorizationService authorization, int id, OperationAuthorizationRequirement? operation = null)
    {
        var promise = await db.Promises.FindAsync(id);
        if (promise is null)
        {
            return (null, page.NotFound());
        }

        var allowed = await authorization.AuthorizeAsync(page.User, promise, operation ?? PromiseOperations.Manage);
        return allowed.Succeeded ? (promise, null) : (null, page.Forbid());
    }
}
