using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace QualityGates.Web.Webhooks;

/// <summary>
/// The signature of a request (docs/webhooks.md): HMAC-SHA256, keyed with the endpoint's secret as UTF-8, over
/// "{timestamp}.{body}", the timestamp being the <c>X-QualityGates-Timestamp</c> header (Unix seconds) and the body the
/// exact bytes sent; the header <c>X-QualityGates-Signature</c> carries it as "v1=" and lowercase hex.
/// </summary>
public static class WebhookSignature
{
    public const string DeliveryHeader = "X-QualityGates-Delivery";
    public const string EventHeader = "X-QualityGates-Event";
    public const string TimestampHeader = "X-QualityGates-Timestamp";
    public const string SignatureHeader = "X-QualityGates-Signature";

    public static string Sign(string secret, long timestamp, string body)
    {
        var signed = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "." + body);
        return "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }
}
