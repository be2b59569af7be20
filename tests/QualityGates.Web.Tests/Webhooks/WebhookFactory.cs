using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QualityGates.Web.Tests.Infrastructure;
using QualityGates.Web.Tests.Notifications;
using QualityGates.Web.Webhooks;

namespace QualityGates.Web.Tests.Webhooks;

/// <summary>
/// The app with loopback receivers allowed (Webhooks:AllowLoopback, refused in Production) and a receiver of its own;
/// deliveries only when a test asks, on the app's fake clock.
/// </summary>
public class WebhookFactory : NotificationFactory
{
    public WebhookReceiver Receiver { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Receiver = await WebhookReceiver.StartAsync();
    }

    /// <summary>Whether the app lets receivers on loopback through, as tests and development may (the default is no).</summary>
    protected virtual bool AllowLoopback => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (AllowLoopback)
        {
            builder.UseSetting("Webhooks:AllowLoopback", "true");
        }
    }

    /// <summary>One webhook delivery pass of this instance, as the background service runs it.</summary>
    public Task<int> DeliverWebhooksAsync() => Services.GetRequiredService<WebhookDispatcher>().DeliverDueAsync();

    public async Task<TestClient> SignedInAsync(string email)
    {
        var client = CreateTestClient();
        await client.SignInSuccessfullyAsync(email);
        return client;
    }

    /// <summary>Registers an endpoint through the page as the administrator; returns its id and the secret shown once.</summary>
    public async Task<(int Id, string Secret)> RegisterAsync(string name, string url, params WebhookEvent[] events)
    {
        using var admin = await SignedInAsync("admin@demo.local");
        var page = await admin.GetPageAsync("/Admin/Webhooks/Create");
        var response = await admin.SubmitAsync(Choose(page, events), Fields(name, url));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Registering {url} answered {(int)response.StatusCode}");
        var details = await admin.GetPageAsync(response.Headers.Location!.PathAndQuery());
        var id = int.Parse(response.Headers.Location!.PathAndQuery().Split('/').Last(), CultureInfo.InvariantCulture);
        return (id, details.QuerySelector("[data-secret]")!.TextContent.Trim());
    }

    public static Dictionary<string, string> Fields(string name, string url) => new() { ["Input.Name"] = name, ["Input.Url"] = url };

    /// <summary>Ticks exactly these events' checkboxes on the create or edit form, as a user would.</summary>
    public static IHtmlDocument Choose(IHtmlDocument page, params WebhookEvent[] events)
    {
        foreach (var box in page.QuerySelectorAll<IHtmlInputElement>("input[name='Input.Events']"))
        {
            box.IsChecked = events.Any(e => e.ToString() == box.Value);
        }

        return page;
    }

    public Task<List<WebhookDelivery>> DeliveriesAsync(int endpointId) =>
        WithDbAsync(db => db.WebhookDeliveries.AsNoTracking().Where(d => d.EndpointId == endpointId).OrderBy(d => d.Id).ToListAsync());

    public override async ValueTask DisposeAsync()
    {
        await Receiver.DisposeAsync();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>What a receiver does with a request: check the signature with its secret, as docs/webhooks.md shows.</summary>
public static class ReceiverCheck
{
    public static bool SignatureIsValid(ReceivedRequest request, string secret)
    {
        var timestamp = request.Header(WebhookSignature.TimestampHeader);
        var expected = "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{request.Body}")));
        return request.Header(WebhookSignature.SignatureHeader).Split(' ')
            .Any(signature => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature), Encoding.ASCII.GetBytes(expected)));
    }

    public static JsonElement Json(ReceivedRequest request) => JsonDocument.Parse(request.Body).RootElement;
}
