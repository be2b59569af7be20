using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using QualityGates.Web.Hosting;
using QualityGates.Web.Notifications;
using QualityGates.Web.Tests.Infrastructure;
using QualityGates.Web.Webhooks;

namespace QualityGates.Web.Tests.Webhooks;

/// <summary>The app as in Production: loopback not allowed (the default), and a receiver on loopback all the same.</summary>
public sealed class StrictWebhookFactory : WebhookFactory
{
    protected override bool AllowLoopback => false;
}

/// <summary>
/// No SSRF: only https addresses that resolve to public addresses are registered, and the address is checked again when
/// a delivery connects. Nothing here connects anywhere but to the test's own loopback receiver, and that is refused.
/// </summary>
public sealed class WebhookAddressTests(StrictWebhookFactory factory) : IClassFixture<StrictWebhookFactory>
{
    [Theory]
    [InlineData("http://127.0.0.1/hooks", WebhookAddressRefusal.NotHttps)]
    [InlineData("http://hooks.example.com/qualitygates", WebhookAddressRefusal.NotHttps)]
    [InlineData("https://127.0.0.1/hooks", WebhookAddressRefusal.NotPublic)]
    [InlineData("https://127.8.9.10/hooks", WebhookAddressRefusal.NotPublic)]
    [InlineData("https://10.0.0.1/hooks", WebhookAddressRefusal.NotPublic)]
    [InlineData("https://172.16.5.4/hooks", WebhookAddressRefusal.NotPublic)]
    [InlineData("https://192.168.1.10/hooks", WebhookAddressRefusal.NotPublic)]
    [InlineData("https://169.254.169.254/latest/meta-data/", WebhookAddressRefusal.NotPublic)]
    [InlineData("https://100.64.0.1/hooks", WebhookAddressRefusal.NotPublic)]
    [InlineData("https://0.0.0.0/hooks", WebhookAddressRefusal.NotPublic)]
    [InlineData("https://[::1]/hooks", WebhookAddressRefusal.NotPublic)]
    [InlineData("https://[::ffff:127.0.0.1]/hooks", WebhookAddressRefusal.NotPublic)]
    [InlineData("https://[::ffff:169.254.169.254]/hooks", WebhookAddressRefusal.NotPublic)]
    [InlineData("https://[fd12:3456::1]/hooks", WebhookAddressRefusal.NotPublic)]
    [InlineData("https://[fe80::1]/hooks", WebhookAddressRefusal.NotPublic)]
    [InlineData("https://localhost/hooks", WebhookAddressRefusal.NotPublic)]
    [InlineData("https://2130706433/hooks", WebhookAddressRefusal.NotPublic)]
    [InlineData("ftp://hooks.example.com/", WebhookAddressRefusal.NotAWebAddress)]
    [InlineData("https://user:secret@hooks.example.com/", WebhookAddressRefusal.NotAWebAddress)]
    [InlineData("/hooks", WebhookAddressRefusal.NotAWebAddress)]
    public async Task An_address_inside_the_network_or_without_https_is_refused_when_registered(string url, WebhookAddressRefusal refusal)
    {
        using var admin = factory.CreateTestClient();
        await admin.SignInSuccessfullyAsync("admin@demo.local");
        var form = WebhookFactory.Choose(await admin.GetPageAsync("/Admin/Webhooks/Create"), WebhookEvent.PromiseSubmitted);

        var refused = await admin.SubmitAsync(form, WebhookFactory.Fields("SSRF " + url, url));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(Texts.English($"Webhooks.Refused.{refusal}"), (await TestClient.ParseAsync(refused)).FieldError("Input.Url"));
        Assert.False(await factory.WithDbAsync(db => db.WebhookEndpoints.AnyAsync(e => e.Name == "SSRF " + url)));
    }

    [Fact]
    public async Task A_receiver_whose_address_is_no_longer_public_is_not_connected_to_when_delivering()
    {
        // As if the name had resolved to a public address when it was registered and to loopback now (DNS rebinding).
        var endpointId = await factory.WithDbAsync(async db =>
        {
            var (_, protectedSecret) = factory.Services.GetRequiredService<WebhookSecrets>().New();
            var endpoint = new WebhookEndpoint("Rebound", new Uri(factory.Receiver.UrlFor("rebound")), WebhookEvent.FeedbackFiled, isActive: true,
                protectedSecret, factory.Clock.GetUtcNow().UtcDateTime);
            db.WebhookEndpoints.Add(endpoint);
            await db.SaveChangesAsync();
            return endpoint.Id;
        });
        using (var afterSales = factory.CreateTestClient())
        {
            await afterSales.SignInSuccessfullyAsync("aftersales@demo.local");
            Assert.Equal(HttpStatusCode.Redirect, (await afterSales.SubmitAsync("/Feedback/Create", new Dictionary<string, string>
            {
                ["Input.Type"] = nameof(Domain.Feedback.FeedbackType.ImprovementIdea),
                ["Input.Title"] = "Webhook: rebound",
                ["Input.Description"] = "Only to raise an event.",
                ["Input.CustomerId"] = await factory.FirstCustomerAsync(),
            })).StatusCode);
        }

        await factory.DeliverWebhooksAsync();

        var delivery = await factory.WithDbAsync(db => db.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.EndpointId == endpointId));
        Assert.Equal((NotificationState.Pending, 1, (int?)null), (delivery.State, delivery.Attempts, delivery.LastStatusCode));
        Assert.Contains("Refused before connecting", delivery.LastError, StringComparison.Ordinal);
        Assert.Empty(factory.Receiver.ReceivedFor("rebound"));
    }

    [Theory]
    [InlineData("93.184.215.14", true)]
    [InlineData("2606:4700:4700::1111", true)]
    [InlineData("::ffff:93.184.215.14", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.255.255.255", false)]
    [InlineData("172.31.0.1", false)]
    [InlineData("172.32.0.1", true)]
    [InlineData("192.168.0.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.127.255.254", false)]
    [InlineData("100.128.0.1", true)]
    [InlineData("::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("::ffff:192.168.1.1", false)]
    [InlineData("fc00::1", false)]
    [InlineData("fe80::abcd", false)]
    [InlineData("64:ff9b::a00:1", false)]
    [InlineData("2002:a00:1::", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("255.255.255.255", false)]
    public void Only_public_addresses_may_be_connected_to(string address, bool allowed) =>
        Assert.Equal(allowed, factory.Services.GetRequiredService<WebhookAddressRules>().IsAllowed(IPAddress.Parse(address)));

    [Theory]
    [InlineData(null, false)]
    [InlineData("Production", false)]
    [InlineData("Staging", true)]
    [InlineData("Development", true)]
    public void Loopback_receivers_are_refused_by_the_settings_check_in_Production(string? environment, bool accepted)
    {
        var settings = new Dictionary<string, string?> { ["Webhooks:AllowLoopback"] = "true" };
        if (environment is not null)
        {
            settings["environment"] = environment;
        }

        var problems = SettingsCheck.Problems(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

        Assert.Equal(accepted, problems.Count == 0);
        Assert.All(problems, p => Assert.StartsWith("Setting Webhooks:AllowLoopback ", p, StringComparison.Ordinal));
    }
}
