using System.Text.RegularExpressions;
using Microsoft.Playwright;
using QualityGates.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace QualityGates.Browser.Tests;

/// <summary>The whole path of a promise through its three gates, each step by the role that owns it.</summary>
public sealed partial class GateJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [GeneratedRegex(@"/Promises/Details/\d+$")]
    private static partial Regex PromisePage();

    private static ILocator Field(IPage page, string label) => page.GetByLabel(label, new() { Exact = true });

    private static ILocator Status(IPage page) => page.GetByRole(AriaRole.Main).Locator(".status-badge");

    /// <summary>Opens the promise's review of one gate from the promise page.</summary>
    private static async Task OpenReviewAsync(IPage page, string promiseUrl, string gateCode)
    {
        await page.GotoAsync(promiseUrl);
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex($"^{gateCode} ") }).Last.ClickAsync();
    }

    private static async Task AnswerAllMetAsync(IPage page)
    {
        foreach (var met in await page.GetByLabel("Met", new() { Exact = true }).AllAsync())
        {
            await met.CheckAsync();
        }
    }

    [Fact]
    public Task A_promise_passes_g1_with_a_condition_is_handed_over_kept_and_closed_by_aftersales() => browser.RunAsync(async page =>
    {
        // Sales logs and submits a promise outside every capability envelope.
        await page.SignInAsync("sales@demo.local");
        await page.GotoAsync("/Promises/Create");
        var title = $"Journey {Guid.NewGuid():N}"[..20];
        await Field(page, "Title").FillAsync(title);
        await Field(page, "Statement as told to the customer").FillAsync("Critical tickets answered within one hour.");
        await Field(page, "Category").SelectOptionAsync(new SelectOptionValue { Label = "Response time" });
        await TypeAhead.Field(page, "Customer").PickAsync("alpen", "Alpen Pharma GmbH");
        await Field(page, "Delivering department").SelectOptionAsync(new SelectOptionValue { Label = "Service" });
        await Field(page, "Metric").FillAsync("First response");
        await Field(page, "Value").FillAsync("1");
        await Field(page, "Unit").FillAsync("h");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(PromisePage());
        var promiseUrl = page.Url;
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await Expect(Status(page)).ToHaveTextAsync("Under review");

        // Service gives a Conditional Go; the sales rep owns the condition.
        await page.SignInAsync("service.manager@demo.local");
        await OpenReviewAsync(page, promiseUrl, "G1");
        await AnswerAllMetAsync(page);
        await page.GetByLabel(new Regex("^Conditional Go")).CheckAsync();
        await page.GetByPlaceholder("Condition").First.FillAsync("Escalation roster agreed with the customer");
        await TypeAhead.Field(page, "Owner").First.PickAsync("sara", "Sara Sales");
        await page.Locator("input[name='Input.Conditions[0].DueDate']").FillAsync(browser.FormDate(7));
        await page.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Conditional Go");

        // Sales commits the approved promise, then closes the condition.
        await page.SignInAsync("sales@demo.local");
        await page.GotoAsync(promiseUrl);
        await Field(page, "Channel").SelectOptionAsync(new SelectOptionValue { Label = "Contract" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Commit", Exact = true }).ClickAsync();
        await Expect(Status(page)).ToHaveTextAsync("Committed");
        await OpenReviewAsync(page, promiseUrl, "G1");
        await page.GetByPlaceholder("Resolution note").FillAsync("Roster signed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark resolved" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The condition is resolved.");

        // Service accepts the handover and later records the outcome.
        await page.SignInAsync("service.manager@demo.local");
        await OpenReviewAsync(page, promiseUrl, "G2");
        await AnswerAllMetAsync(page);
        await page.GetByLabel(new Regex("^Accept handover")).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();
        await page.GotoAsync(promiseUrl);
        await Expect(Status(page)).ToHaveTextAsync("In delivery");
        await page.GetByLabel("Kept", new() { Exact = true }).CheckAsync();
        await Field(page, "Evidence").FillAsync("Ticket report: all critical tickets answered within 50 minutes.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record outcome" }).ClickAsync();
        await Expect(Status(page)).ToHaveTextAsync("Kept");

        // AfterSales closes the closure review.
        await page.SignInAsync("aftersales@demo.local");
        await OpenReviewAsync(page, promiseUrl, "G3");
        await AnswerAllMetAsync(page);
        await page.GetByLabel(new Regex("^Close the review")).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Main).Locator(".badge").First).ToHaveTextAsync("Go");
    });
}
