using Microsoft.Playwright;
using QualityGates.Browser.Tests.Infrastructure;
using QualityGates.Tests;
using static Microsoft.Playwright.Assertions;

namespace QualityGates.Browser.Tests;

public sealed class SingleSignOnJourneyTests(SingleSignOnBrowserFixture browser) : IClassFixture<SingleSignOnBrowserFixture>
{
    [Fact]
    public Task A_new_sales_rep_signs_in_through_the_company_provider_works_and_signs_out_there_too() => browser.RunAsync(async page =>
    {
        browser.Provider.SignedInUser = new TestIdentityUser("sub-browser", "Bea Browser", "bea@corp.example", ["qg-sales"]);

        await page.GotoAsync("/Promises");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Sign in with {SingleSignOnBrowserFixture.ProviderName}" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Promise register", Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Bea Browser" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 })).ToBeVisibleAsync();
        Assert.Equal(1, browser.Provider.EndSessionRequests);
        await page.GotoAsync("/Promises");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 })).ToBeVisibleAsync();
    });
}
