using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using QualityGates.Browser.Tests.Infrastructure;
using QualityGates.Web.Data.Seeding;
using static Microsoft.Playwright.Assertions;

namespace QualityGates.Browser.Tests;

public sealed class DashboardJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    // Whether the canvas has any painted pixel: Chart.js drew axes, bars or lines on it.
    private const string IsPainted = """
        canvas => {
            const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
            for (let i = 3; i < data.length; i += 4) { if (data[i] !== 0) return true; }
            return false;
        }
        """;

    [Fact]
    public Task An_executive_opens_the_dashboard_sees_the_charts_and_drills_down_to_the_register() => browser.RunAsync(async page =>
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("E-mail", new() { Exact = true }).FillAsync("exec@demo.local");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(DemoData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My work", Level = 1 })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Dashboard", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Level = 1 })).ToBeVisibleAsync();

        var lights = page.Locator("canvas[data-chart='traffic-lights']");
        await Expect(lights).ToHaveAttributeAsync("data-drawn", "true");
        await page.WaitForTimeoutAsync(500); // the bars animate in for 300 ms
        Assert.True(await lights.EvaluateAsync<bool>(IsPainted), "the traffic-light chart is blank");
        Assert.True(await page.Locator("canvas[data-chart='kept-by-month']").EvaluateAsync<bool>(IsPainted), "the trend chart is blank");

        // The demo data has open promises at Service; the green count drills down to exactly those promises.
        var green = page.Locator("table#traffic-lights tr", new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "Service" }) })
            .Locator("td[data-light='Green'] a");
        var count = int.Parse(await green.InnerTextAsync(), CultureInfo.InvariantCulture);
        Assert.True(count > 0);
        await green.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"/Promises\?.*light=Green"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Promise register", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("#light")).ToHaveValueAsync("Green");
        await Expect(page.Locator("main table tbody tr")).ToHaveCountAsync(Math.Min(count, 25));
    });
}
