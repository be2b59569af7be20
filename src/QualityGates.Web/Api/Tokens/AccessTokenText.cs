using System.Security.Cryptography;
using System.Text;

namespace QualityGates.Web.Api.Tokens;

/// <summary>
/// The text of a personal access token: "qgp_" and 32 random bytes (base64url). The prefix makes a leaked token
/// recognisable to secret scanners; 256 random bits make a plain SHA-256 enough to store (no salt, no slow hash:
/// nothing to guess, and the lookup by hash stays one indexed read).
/// </summary>
public static class AccessTokenText
{
    public const string Prefix = "qgp_";

    public static string New() =>
        Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool LooksLikeToken(string text) => text.StartsWith(Prefix, StringComparison.Ordinal) && text.Length is > 20 and < 200;

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
