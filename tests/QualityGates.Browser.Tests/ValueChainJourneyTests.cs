using System.Text.RegularExpressions;
using Microsoft.Playwright;
using QualityGates.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace QualityGates.Browser.Tests;

/// <summary>A promise built by Production, installed by Projects and run by Service, from its draft to Kept, each step by its role.</summary>
public sealed partial class ValueChainJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [GeneratedRegex(@"/Promises/Details/\d+$")]
    private static partial Regex PromisePage();

    private static ILocator Status(IPage page) => page.GetByRole(AriaRole.Main).Locator(".status-badge");

    /// <summary>Opens, from the promise page, the newest review of a gate decided by one department.</summary>
    private static async Task OpenReviewAsync(IPage page, string promiseUrl, string gateCode, string department)
    {
        await page.GotoAsync(promiseUrl);
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = department })
            .GetByRole(AriaRole.Link, new() { NameRegex = new Regex($"^{gateCode} ") }).Last.ClickAsync();
    }

    private static async Task DecideAsync(IPage page, string decision)
    {
        foreach (var met in await page.GetByLabel("Met", new() { Exact = true }).AllAsync())
        {
            await met.CheckAsync();
        }

        await page.GetByLabel(new Regex($"^{decision}")).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToBeVisibleAsync();
    }

    [Fact]
    public Task A_three_link_promise_is_approved_by_every_link_handed_along_the_chain_and_kept() => browser.RunAsync(async page =>
    {
        // Sales logs the chain: Production builds, Projects installs, Service operates.
        await page.SignInAsync("sales@demo.local");
        await page.GotoAsync("/Promises/Create");
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync($"Chain {Guid.NewGuid():N}"[..16]);
        await page.GetByLabel("Statement as told to the customer").FillAsync("The packaging line runs at 95 % availability from go-live.");
        await page.GetByLabel("Category", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Availability" });
        await TypeAhead.Field(page, "Customer").PickAsync("alpen", "Alpen Pharma GmbH");
        await page.GetByLabel("Delivering department", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Production" });
        await page.Locator("input[name='Input.DeliveringPart']").FillAsync("build");
        await page.GetByLabel("2. department").SelectOptionAsync(new SelectOptionValue { Label = "Projects" });
        await page.Locator("input[name='Input.FurtherLinks[0].Part']").FillAsync("install");
        await page.GetByLabel("3. department").SelectOptionAsync(new SelectOptionValue { Label = "Service" });
        await page.Locator("input[name='Input.FurtherLinks[1].Part']").FillAsync("operate");
        await page.GetByLabel("Metric", new() { Exact = true }).FillAsync("Line availability");
        await page.GetByLabel("Comparator").SelectOptionAsync(new SelectOptionValue { Label = "≥" });
        await page.GetByLabel("Value", new() { Exact = true }).FillAsync("95");
        await page.GetByLabel("Unit", new() { Exact = true }).FillAsync("%");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(PromisePage());
        var promiseUrl = page.Url;
        await Expect(page.Locator(".chain-links li")).ToHaveTextAsync([new Regex("Production · build"), new Regex("Projects · install"), new Regex("Service · operate")]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await Expect(Status(page)).ToHaveTextAsync("Under review");

        // Each link's manager answers G1 for their part; the promise is approved with the last Go.
        foreach (var (manager, department) in new[] { ("production", "Production"), ("projects", "Projects"), ("service", "Service") })
        {
            await page.SignInAsync($"{manager}.manager@demo.local");
            await OpenReviewAsync(page, promiseUrl, "G1", department);
            await DecideAsync(page, "Go");
        }

        await page.GotoAsync(promiseUrl);
        await Expect(Status(page)).ToHaveTextAsync("Approved");

        // Sales commits; Production accepts the handover and hands over to Projects, who hands over to Service.
        await page.SignInAsync("sales@demo.local");
        await page.GotoAsync(promiseUrl);
        await page.GetByLabel("Channel").SelectOptionAsync(new SelectOptionValue { Label = "Contract" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Commit", Exact = true }).ClickAsync();
        await Expect(Status(page)).ToHaveTextAsync("Committed");

        await page.SignInAsync("production.manager@demo.local");
        await OpenReviewAsync(page, promiseUrl, "G2", "Production");
        await DecideAsync(page, "Accept handover");
        await page.GotoAsync(promiseUrl);
        await Expect(page.Locator(".chain-position")).ToContainTextAsync("With Production since");
        await page.GetByRole(AriaRole.Button, new() { Name = "Hand over to Projects" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("handed over to the next department");

        await page.SignInAsync("projects.manager@demo.local");
        await OpenReviewAsync(page, promiseUrl, "G2", "Projects");
        await DecideAsync(page, "Accept handover");
        await page.GotoAsync(promiseUrl);
        await Expect(page.Locator(".chain-position")).ToContainTextAsync("With Projects since");
        await page.GetByRole(AriaRole.Button, new() { Name = "Hand over to Service" }).ClickAsync();

        // Service takes it over, runs the line and records the promise kept.
        await page.SignInAsync("service.manager@demo.local");
        await OpenReviewAsync(page, promiseUrl, "G2", "Service");
        await DecideAsync(page, "Accept handover");
        await page.GotoAsync(promiseUrl);
        await Expect(page.Locator(".chain-position")).ToContainTextAsync("With Service since");
        await page.GetByLabel("Kept", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Evidence").FillAsync("Availability report: 96.2 % in the first month.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record outcome" }).ClickAsync();
        await Expect(Status(page)).ToHaveTextAsync("Kept");
    });
}
