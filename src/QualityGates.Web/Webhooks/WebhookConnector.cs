using System.Net.Sockets;

namespace QualityGates.Web.Webhooks;

/// <summary>
/// Opens every webhook connection itself (<see cref="SocketsHttpHandler.ConnectCallback"/>): the host is resolved and
/// checked by <see cref="WebhookAddressRules"/> right here, and the socket connects only to the addresses that passed,
/// so the address checked is the address used (no DNS rebinding between check and connect).
/// </summary>
public sealed class WebhookConnector(WebhookAddressRules rules)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var url = context.InitialRequestMessage.RequestUri ?? throw new InvalidOperationException("A request without an address.");
        var check = await rules.CheckAsync(url, ct);
        if (check.Refusal is { } refusal)
        {
            throw new WebhookAddressRefusedException(url.Host, refusal);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(check.Addresses.ToArray(), context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>A delivery refused before any connection, because its host is not (or no longer) a public address.</summary>
public sealed class WebhookAddressRefusedException(string host, WebhookAddressRefusal refusal)
    : IOException($"Refused before connecting: {host} ({refusal})")
{
    public WebhookAddressRefusal Refusal { get; } = refusal;
}
