using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityGates.Domain.Envelopes;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;

namespace QualityGates.Web.Pages.Envelopes;

internal static class ManageableEnvelope
{
    /// <summary>
    /// Loads an envelope the signed-in user may manage; otherwise the refusal to return (404 or 403).
    /// Pages call it in GET and POST alike, so a hidden button is never the only protection.
    /// </summary>
    public static async Task<(CapabilityEnvelope? Envelope, IActionResult? Refusal)> FindAsync(
        PageModel page, QualityGatesDbContext db, IAuthorizationService authorization, int id)
    {
        var envelope = await db.CapabilityEnvelopes.FindAsync(id);
        if (envelope is null)
        {
            return (null, page.NotFound());
        }

        var allowed = await authorization.AuthorizeAsync(page.User, envelope, EnvelopeOperations.Manage);
        return allowed.Succeeded ? (envelope, null) : (null, page.Forbid());
    }
}
