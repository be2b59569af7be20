using System.Text.RegularExpressions;
using Microsoft.Playwright;
using QualityGates.Browser.Tests.Infrastructure;
using QualityGates.Web.Data.Seeding;
using static Microsoft.Playwright.Assertions;

namespace QualityGates.Browser.Tests;

public sealed partial class PromiseJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [GeneratedRegex(@"^P-\d{4}-\d{5}$")]
    private static partial Regex PromiseNumber();

    [Fact]
    public Task A_sales_rep_creates_a_promise_and_submits_it_for_review() => browser.RunAsync(async page =>
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("E-mail", new() { Exact = true }).FillAsync("sales@demo.local");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(DemoData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My work", Level = 1 })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "New promise" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New promise", Level = 1 })).ToBeVisibleAsync();
        var title = $"Browser test promise {Guid.NewGuid():N}"[..32];
        await Field(page, "Title").FillAsync(title);
        await Field(page, "Statement as told to the customer").FillAsync("We answer every ticket within four hours.");
        await Field(page, "Category").SelectOptionAsync(new SelectOptionValue { Label = "Response time" });
        // Customers are found by typing; the experience panel follows the choice (promise-experience.js).
        await page.RunAndWaitForRequestAsync(
            () => TypeAhead.Field(page, "Customer").PickAsync("bergh", "Stadtwerke Bergheim"),
            request => request.Url.Contains("/Lessons/ForPromise", StringComparison.Ordinal) && request.Url.Contains("customerId=", StringComparison.Ordinal));
        await Field(page, "Delivering department").SelectOptionAsync(new SelectOptionValue { Label = "Service" });
        await Field(page, "Metric").FillAsync("First response");
        await Field(page, "Comparator").SelectOptionAsync("AtMost");
        await Field(page, "Value").FillAsync("2"); // Inside no capability envelope: G1 needs a human decision.
        await Field(page, "Unit").FillAsync("h");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/Promises/Details/\d+$"));
        var detailsUrl = page.Url;
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        var number = page.GetByRole(AriaRole.Navigation, new() { Name = "breadcrumb" }).GetByText(PromiseNumber());
        await Expect(number).ToBeVisibleAsync();
        var promiseNumber = await number.InnerTextAsync();
        await Expect(Badge(page)).ToHaveTextAsync("Draft");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Stadtwerke Bergheim");

        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = $"Submit {promiseNumber} for review?" });
        await Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"{promiseNumber} was submitted for review.");
        Assert.Equal(detailsUrl, page.Url);
        await Expect(number).ToHaveTextAsync(promiseNumber);
        await Expect(Badge(page)).ToHaveTextAsync("Under review");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" })).ToHaveCountAsync(0);
    });

    private static ILocator Field(IPage page, string label) => page.GetByLabel(label, new() { Exact = true });

    /// <summary>The status badge next to the promise number under the heading.</summary>
    private static ILocator Badge(IPage page) => page.GetByRole(AriaRole.Main).Locator(".status-badge");
}
