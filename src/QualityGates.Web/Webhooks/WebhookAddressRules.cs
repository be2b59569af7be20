using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace QualityGates.Web.Webhooks;

/// <summary>Why an endpoint's address is refused; each has the text <c>Webhooks.Refused.{reason}</c>.</summary>
public enum WebhookAddressRefusal
{
    /// <summary>Not an absolute http(s) address, or one with a user name or password in it.</summary>
    NotAWebAddress,

    /// <summary>Plain http, allowed only for loopback where the settings allow loopback (tests).</summary>
    NotHttps,

    /// <summary>The host name does not resolve (in time).</summary>
    NotResolved,

    /// <summary>The host is or resolves to an address inside this network: loopback, private, link-local, CGNAT, …</summary>
    NotPublic,
}

/// <summary>The outcome of a check: the addresses the request may connect to, or why none.</summary>
public sealed record WebhookAddressCheck(IReadOnlyList<IPAddress> Addresses, WebhookAddressRefusal? Refusal)
{
    public bool IsAllowed => Refusal is null;
}

/// <summary>
/// Keeps webhooks from being turned against the app's own network (SSRF): an endpoint must be an https address whose
/// host resolves only to public addresses. Checked when an administrator registers it and again before every
/// connection (<see cref="WebhookConnector"/>), which then connects to exactly the addresses checked, so a name that
/// resolves differently the second time (DNS rebinding) gains nothing. IPv4-mapped IPv6 addresses are judged as the
/// IPv4 address they carry.
/// </summary>
public sealed class WebhookAddressRules(IOptions<WebhookOptions> options)
{
    // Special-purpose ranges (IANA registries): none of them is a receiver on the internet.
    private static readonly IPNetwork[] _notPublic =
    [
        IPNetwork.Parse("0.0.0.0/8"), // "this network"
        IPNetwork.Parse("10.0.0.0/8"), // private
        IPNetwork.Parse("100.64.0.0/10"), // carrier-grade NAT
        IPNetwork.Parse("127.0.0.0/8"), // loopback
        IPNetwork.Parse("169.254.0.0/16"), // link-local, cloud metadata (169.254.169.254)
        IPNetwork.Parse("172.16.0.0/12"), // private
        IPNetwork.Parse("192.0.0.0/24"), // protocol assignments
        IPNetwork.Parse("192.0.2.0/24"), // documentation
        IPNetwork.Parse("192.88.99.0/24"), // 6to4 relay
        IPNetwork.Parse("192.168.0.0/16"), // private
        IPNetwork.Parse("198.18.0.0/15"), // benchmarking
        IPNetwork.Parse("198.51.100.0/24"), // documentation
        IPNetwork.Parse("203.0.113.0/24"), // documentation
        IPNetwork.Parse("224.0.0.0/4"), // multicast
        IPNetwork.Parse("240.0.0.0/4"), // reserved, broadcast
        IPNetwork.Parse("::/96"), // unspecified, loopback, IPv4-compatible
        IPNetwork.Parse("64:ff9b::/96"), // NAT64: would reach the IPv4 address it carries
        IPNetwork.Parse("64:ff9b:1::/48"), // local NAT64
        IPNetwork.Parse("100::/64"), // discard
        IPNetwork.Parse("2001::/32"), // Teredo
        IPNetwork.Parse("2001:db8::/32"), // documentation
        IPNetwork.Parse("2002::/16"), // 6to4: would reach the IPv4 address it carries
        IPNetwork.Parse("fc00::/7"), // unique local
        IPNetwork.Parse("fe80::/10"), // link-local
        IPNetwork.Parse("fec0::/10"), // site-local (deprecated)
        IPNetwork.Parse("ff00::/8"), // multicast
    ];

    /// <summary>Whether a request may connect to the address.</summary>
    public bool IsAllowed(IPAddress address)
    {
        var judged = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        if (IPAddress.IsLoopback(judged))
        {
            return options.Value.AllowLoopback;
        }

        return !_notPublic.Any(range => range.Contains(judged));
    }

    /// <summary>Checks the address as typed: its form, its scheme, and where its host resolves to now.</summary>
    public Task<WebhookAddressCheck> CheckAsync(string? url, CancellationToken ct) =>
        TryParse(url, out var uri) ? CheckAsync(uri, ct) : Task.FromResult(Refused(WebhookAddressRefusal.NotAWebAddress));

    public async Task<WebhookAddressCheck> CheckAsync(Uri url, CancellationToken ct)
    {
        if (!IsWebAddress(url))
        {
            return Refused(WebhookAddressRefusal.NotAWebAddress);
        }

        var plainHttp = url.Scheme == Uri.UriSchemeHttp;
        if (plainHttp && !options.Value.AllowLoopback)
        {
            return Refused(WebhookAddressRefusal.NotHttps);
        }

        var addresses = await ResolveAsync(url.IdnHost, ct);
        if (addresses.Count == 0)
        {
            return Refused(WebhookAddressRefusal.NotResolved);
        }

        // Every address the name has must be allowed: a name with one public and one internal address is refused.
        if (!addresses.All(IsAllowed))
        {
            return Refused(WebhookAddressRefusal.NotPublic);
        }

        return plainHttp && !addresses.All(IPAddress.IsLoopback)
            ? Refused(WebhookAddressRefusal.NotHttps)
            : new WebhookAddressCheck(addresses, Refusal: null);
    }

    public static bool TryParse(string? url, out Uri uri)
    {
        uri = null!;
        return Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var parsed) && IsWebAddress(uri = parsed);
    }

    private static bool IsWebAddress(Uri url) =>
        url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
        && string.IsNullOrEmpty(url.UserInfo) && !string.IsNullOrEmpty(url.Host);

    private async Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken ct)
    {
        if (IPAddress.TryParse(host, out var literal))
        {
            return [literal];
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.ResolveTimeout);
        try
        {
            return await Dns.GetHostAddressesAsync(host, timeout.Token);
        }
        catch (Exception e) when (e is SocketException or ArgumentException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return [];
        }
    }

    private static WebhookAddressCheck Refused(WebhookAddressRefusal refusal) => new([], refusal);
}
