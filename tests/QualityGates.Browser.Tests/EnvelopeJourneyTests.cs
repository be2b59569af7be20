using System.Text.RegularExpressions;
using Microsoft.Playwright;
using QualityGates.Browser.Tests.Infrastructure;
using QualityGates.Web.Data.Seeding;
using static Microsoft.Playwright.Assertions;

namespace QualityGates.Browser.Tests;

public sealed class EnvelopeJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public Task A_service_manager_defines_an_envelope_and_deactivates_it_after_confirming() => browser.RunAsync(async page =>
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("E-mail", new() { Exact = true }).FillAsync("service.manager@demo.local");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(DemoData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My work", Level = 1 })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Envelopes", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Capability envelopes", Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New envelope" }).ClickAsync();
        var name = $"Browser envelope {Guid.NewGuid():N}"[..28];
        await Field(page, "Name (English)").FillAsync(name);
        await Expect(Field(page, "Delivering department")).ToHaveValueAsync("Service");
        await Field(page, "Category").SelectOptionAsync(new SelectOptionValue { Label = "Resolution time" });
        await Field(page, "Metric (English)").FillAsync("Resolution of critical faults");
        await Field(page, "Comparator").SelectOptionAsync("AtMost");
        await Field(page, "Bound").FillAsync("8");
        await Field(page, "Unit (English)").FillAsync("h");
        await page.GetByRole(AriaRole.Button, new() { Name = "Define envelope" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"The envelope \"{name}\" is defined and active.");
        await page.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/Envelopes/Edit/\d+$"));
        await Expect(Badge(page)).ToHaveTextAsync("Active");

        await page.GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = $"Deactivate \"{name}\"?" });
        await Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"\"{name}\" is deactivated");
        await Expect(Badge(page)).ToHaveTextAsync("Inactive");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Activate" })).ToBeVisibleAsync();
    });

    private static ILocator Field(IPage page, string label) => page.GetByLabel(label, new() { Exact = true });

    /// <summary>The state badge under the envelope's heading.</summary>
    private static ILocator Badge(IPage page) => page.GetByRole(AriaRole.Main).Locator("h1 + div .badge");
}
