using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QualityGates.Web.Data;
using QualityGates.Web.Tests.Infrastructure;
using QualityGates.Web.Webhooks;

namespace QualityGates.Web.Tests.Webhooks;

/// <summary>Administrators register, change, pause and delete receivers through the pages; nobody else reaches them.</summary>
public sealed class WebhookAdministrationTests(WebhookFactory factory) : IClassFixture<WebhookFactory>
{
    [Fact]
    public async Task An_administrator_registers_a_receiver_whose_secret_is_shown_once_and_stored_protected()
    {
        var (id, secret) = await factory.RegisterAsync("Registered", factory.Receiver.UrlFor("registered"), WebhookEvent.PromiseSubmitted, WebhookEvent.PromiseBroken);

        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        using var admin = await factory.SignedInAsync("admin@demo.local");
        var again = await admin.GetPageAsync($"/Admin/Webhooks/Details/{id}");
        Assert.Null(again.QuerySelector("[data-secret]"));
        Assert.DoesNotContain(secret, again.Source.Text, StringComparison.Ordinal);

        var stored = await factory.WithDbAsync(db => db.WebhookEndpoints.AsNoTracking().SingleAsync(e => e.Id == id));
        Assert.Equal((WebhookEvent.PromiseSubmitted | WebhookEvent.PromiseBroken, true), (stored.Events, stored.IsActive));
        Assert.DoesNotContain(secret, stored.ProtectedSecret, StringComparison.Ordinal);
        var secretAudit = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(WebhookEndpoint) && a.Field == nameof(WebhookEndpoint.ProtectedSecret)).ToListAsync());
        Assert.All(secretAudit, a => Assert.Null(a.NewValue));
        Assert.Contains(secretAudit, a => a.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_new_secret_is_shown_once_and_signs_beside_the_old_one_for_a_day_so_the_receiver_can_switch()
    {
        var (id, first) = await factory.RegisterAsync("Rotated", factory.Receiver.UrlFor("rotated"), WebhookEvent.PromiseAtRisk);
        using var admin = await factory.SignedInAsync("admin@demo.local");

        var rotated = await admin.SubmitAsync($"/Admin/Webhooks/Details/{id}", new Dictionary<string, string>(), "form.rotate-form");

        Assert.Equal(HttpStatusCode.Redirect, rotated.StatusCode);
        var page = await admin.GetPageAsync(rotated.Headers.Location!.PathAndQuery());
        var second = page.QuerySelector("[data-secret]")!.TextContent.Trim();
        Assert.NotEqual(first, second);
        var stored = await factory.WithDbAsync(db => db.WebhookEndpoints.AsNoTracking().SingleAsync(e => e.Id == id));
        Assert.Equal(second, factory.Services.GetRequiredService<WebhookSecrets>().Reveal(stored.ProtectedSecret));
        Assert.Equal(factory.Clock.GetUtcNow().UtcDateTime.AddHours(24), stored.PreviousSecretUntilUtc);
        Assert.NotNull(page.QuerySelector("#previous-secret"));

        // Within the day a request verifies with either secret; after it, only with the new one.
        var beside = await RaiseAndDeliverAsync();
        Assert.True(ReceiverCheck.SignatureIsValid(beside, second));
        Assert.True(ReceiverCheck.SignatureIsValid(beside, first));
        factory.Clock.Advance(TimeSpan.FromHours(24));
        var alone = await RaiseAndDeliverAsync();
        Assert.True(ReceiverCheck.SignatureIsValid(alone, second));
        Assert.False(ReceiverCheck.SignatureIsValid(alone, first));
        using var nextDay = await factory.SignedInAsync("admin@demo.local");
        Assert.Null((await nextDay.GetPageAsync($"/Admin/Webhooks/Details/{id}")).QuerySelector("#previous-secret"));
    }

    private async Task<ReceivedRequest> RaiseAndDeliverAsync()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QualityGatesDbContext>();
            await scope.ServiceProvider.GetRequiredService<WebhookEvents>().PromiseAtRiskAsync(await db.Promises.OrderBy(p => p.Id).FirstAsync());
            await db.SaveChangesAsync();
        }

        await factory.DeliverWebhooksAsync();
        return factory.Receiver.ReceivedFor("rotated")[^1];
    }

    [Fact]
    public async Task An_administrator_changes_pauses_resumes_and_after_confirming_deletes_a_receiver()
    {
        var (id, _) = await factory.RegisterAsync("Before", factory.Receiver.UrlFor("edited"), WebhookEvent.PromiseSubmitted);
        using var admin = await factory.SignedInAsync("admin@demo.local");

        var edit = WebhookFactory.Choose(await admin.GetPageAsync($"/Admin/Webhooks/Edit/{id}"), WebhookEvent.GateDecided, WebhookEvent.PromiseAtRisk);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(edit, WebhookFactory.Fields("After", factory.Receiver.UrlFor("edited2")))).StatusCode);
        var details = await admin.GetPageAsync($"/Admin/Webhooks/Details/{id}");
        Assert.Equal("After", details.QuerySelector("h1")!.TextContent);
        Assert.Contains(factory.Receiver.UrlFor("edited2"), details.QuerySelector("main dl")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(Texts.English("WebhookEvent.PromiseAtRisk"), details.QuerySelector("main dl")!.TextContent, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(details, new Dictionary<string, string>(), "form.pause-form")).StatusCode);
        details = await admin.GetPageAsync($"/Admin/Webhooks/Details/{id}");
        Assert.Equal(Texts.English("Webhooks.StatePaused"), details.QuerySelector("#endpoint-state")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(details, new Dictionary<string, string>(), "form.pause-form")).StatusCode);
        details = await admin.GetPageAsync($"/Admin/Webhooks/Details/{id}");
        Assert.Equal(Texts.English("Webhooks.StateActive"), details.QuerySelector("#endpoint-state")!.TextContent);

        // An event it now subscribes to, raised as the promise page raises it, so that the receiver has a log to lose.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QualityGatesDbContext>();
            await scope.ServiceProvider.GetRequiredService<WebhookEvents>().PromiseAtRiskAsync(await db.Promises.OrderBy(p => p.Id).FirstAsync());
            await db.SaveChangesAsync();
        }

        var confirm = await admin.GetPageAsync($"/Admin/Webhooks/Delete/{id}");
        Assert.Contains(factory.Receiver.UrlFor("edited2"), confirm.QuerySelector("main .alert")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(Texts.English("Webhooks.DeleteWarning", 1), confirm.QuerySelector("main .alert")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(await factory.WithDbAsync(db => db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == id)));
        var deleted = await admin.SubmitAsync(confirm, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Null(await factory.WithDbAsync(db => db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == id)));
        Assert.Empty(await factory.DeliveriesAsync(id));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Admin/Webhooks/Details/{id}")).StatusCode);
        var index = await admin.GetPageAsync("/Admin/Webhooks");
        Assert.Contains(Texts.English("Webhooks.Deleted", "After"), index.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(index.QuerySelectorAll("table.webhooks tbody tr"), r => r.TextContent.Contains("After", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_receiver_needs_a_name_an_address_and_an_event()
    {
        using var admin = await factory.SignedInAsync("admin@demo.local");
        var form = WebhookFactory.Choose(await admin.GetPageAsync("/Admin/Webhooks/Create"));

        var refused = await admin.SubmitAsync(form, WebhookFactory.Fields("", ""));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await TestClient.ParseAsync(refused);
        Assert.Equal(Texts.English("Webhooks.NameRequired"), page.FieldError("Input.Name"));
        Assert.Equal(Texts.English("Webhooks.UrlRequired"), page.FieldError("Input.Url"));
        Assert.Equal(Texts.English("Webhooks.EventsRequired"), page.FieldError("Input.Events"));
    }

    [Theory]
    [InlineData("sales@demo.local")]
    [InlineData("service.manager@demo.local")]
    [InlineData("aftersales@demo.local")]
    public async Task Other_roles_get_403_on_every_webhook_page_and_action(string email)
    {
        var (id, _) = await factory.RegisterAsync("Forbidden", factory.Receiver.UrlFor("forbidden"), WebhookEvent.PromiseSubmitted);
        using var user = await factory.SignedInAsync(email);

        foreach (var url in new[] { "/Admin/Webhooks", "/Admin/Webhooks/Create", $"/Admin/Webhooks/Details/{id}", $"/Admin/Webhooks/Edit/{id}", $"/Admin/Webhooks/Delete/{id}" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync(url)).StatusCode);
        }

        // With a valid antiforgery token of their own, so that only the authorization can refuse.
        var token = ((IHtmlInputElement)(await user.GetPageAsync("/Account/Settings")).QuerySelector("input[name=__RequestVerificationToken]")!).Value;
        foreach (var url in new[] { "/Admin/Webhooks/Create", $"/Admin/Webhooks/Details/{id}?handler=Pause", $"/Admin/Webhooks/Delete/{id}" })
        {
            var response = await user.Http.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["version"] = "0", ["Input.Name"] = "x", ["Input.Url"] = "https://example.com",
            }));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        Assert.True(await factory.WithDbAsync(db => db.WebhookEndpoints.AnyAsync(e => e.Id == id && e.IsActive)));
    }
}
