using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace QualityGates.Web.Webhooks;

/// <summary>
/// Makes endpoint secrets and keeps them protected. The app has to read a secret to sign with it, so it is stored
/// encrypted by ASP.NET Core Data Protection (keys in the database, shared by every instance), not hashed.
/// </summary>
public sealed class WebhookSecrets(IDataProtectionProvider dataProtection)
{
    private const string Prefix = "whsec_";

    private readonly IDataProtector _protector = dataProtection.CreateProtector("QualityGates.Webhooks.EndpointSecret");

    /// <summary>A new secret: 32 random bytes, base64url, with a prefix that says what it is.</summary>
    public (string Plain, string Protected) New()
    {
        var plain = Prefix + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        return (plain, _protector.Protect(plain));
    }

    public string Reveal(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
