using System.Text.RegularExpressions;
using Microsoft.Playwright;
using QualityGates.Browser.Tests.Infrastructure;
using QualityGates.Web.Data.Seeding;
using static Microsoft.Playwright.Assertions;

namespace QualityGates.Browser.Tests;

public sealed class NavigationTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("EN", "My work", "Administration", "Users", "Sign out")]
    [InlineData("DE", "Meine Aufgaben", "Verwaltung", "Benutzer", "Abmelden")]
    public Task An_administrator_at_1366_pixels_has_the_whole_navigation_on_one_line_and_reaches_their_own_menu(
        string language, string myWork, string administration, string users, string signOut) => browser.RunAsync(async page =>
    {
        await page.SetViewportSizeAsync(1366, 768);
        await page.GotoAsync("/Account/Login");
        await page.GetByRole(AriaRole.Button, new() { Name = language, Exact = true }).ClickAsync();
        await page.Locator("#Input_Email").FillAsync("admin@demo.local");
        await page.Locator("#Input_Password").FillAsync(DemoData.Password);
        await page.Locator("main button[type=submit]").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = myWork, Level = 1 })).ToBeVisibleAsync();

        var brand = await page.GetByRole(AriaRole.Link, new() { Name = "QualityGates", Exact = true }).BoundingBoxAsync();
        var userMenu = page.GetByRole(AriaRole.Button, new() { Name = "Anna Admin" });
        var menu = await userMenu.BoundingBoxAsync();
        Assert.True(menu!.Y < brand!.Y + brand.Height, $"The user menu sits at y={menu.Y}, below the first line (brand at y={brand.Y}).");
        Assert.True(menu.X + menu.Width <= 1366, $"The user menu ends at x={menu.X + menu.Width}, off the screen.");
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 1366);

        await page.GetByRole(AriaRole.Button, new() { Name = administration }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = users, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = users, Level = 1 })).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 1366);

        await userMenu.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = signOut })).ToBeVisibleAsync();
    });

    [Fact]
    public Task On_a_phone_a_lists_filters_fold_away_behind_a_button_and_stay_open_while_in_use() => browser.RunAsync(async page =>
    {
        await page.SignInAsync("sales@demo.local", "EN");
        await page.SetViewportSizeAsync(390, 800);
        await page.GotoAsync("/Promises");
        var filters = page.GetByRole(AriaRole.Search, new() { Name = "Filter promises" });
        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Filters", Exact = true });

        await Expect(filters).ToBeHiddenAsync();
        await toggle.ClickAsync();
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        // Bootstrap has finished unfolding when "collapsing" gives way to "show"; a click before that may miss.
        await Expect(filters).ToHaveClassAsync(new Regex(@"\bshow\b"));

        await page.Locator("#q").FillAsync("Hotline");
        await filters.GetByRole(AriaRole.Button, new() { Name = "Filter", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"[?&]q=Hotline"));
        await Expect(filters).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Filters (in use)" })).ToBeVisibleAsync();

        await page.SetViewportSizeAsync(1366, 800);
        await page.GotoAsync("/Promises");
        await Expect(filters).ToBeVisibleAsync();
        await Expect(toggle).ToBeHiddenAsync();
    });
}
