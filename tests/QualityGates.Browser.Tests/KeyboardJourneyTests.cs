using System.Text.RegularExpressions;
using Microsoft.Playwright;
using QualityGates.Browser.Tests.Infrastructure;
using QualityGates.Web.Data.Seeding;
using static Microsoft.Playwright.Assertions;

namespace QualityGates.Browser.Tests;

/// <summary>
/// A promise drafted, submitted and decided at G1 with the keyboard alone: every control is reached with Tab, shows
/// where the focus is, and a refused form puts its problems first, each leading to its field.
/// </summary>
public sealed partial class KeyboardJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>More Tab presses than any page here has stops: a control not reached by then cannot be reached.</summary>
    private const int MaxTabs = 120;

    [GeneratedRegex(@"/Promises/Details/\d+$")]
    private static partial Regex PromisePage();

    [Fact]
    public Task A_promise_is_drafted_submitted_and_decided_without_the_mouse() => browser.RunAsync(async page =>
    {
        await page.GotoAsync("/Account/Login");
        await Expect(page.GetByLabel("E-mail", new() { Exact = true })).ToBeFocusedAsync();
        await SignInAsync(page, "sales@demo.local");

        // The first stop of every page leads past the navigation.
        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" });
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeInViewportAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Tab");
        Assert.True(await page.EvaluateAsync<bool>("() => document.querySelector('main').contains(document.activeElement)"));

        // A draft submitted empty: the problems come first, and each leads to its field.
        await PressAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "New promise" }), "Enter");
        await PressAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }), "Enter");
        var summary = page.Locator("#error-summary");
        await Expect(summary).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(summary.GetByRole(AriaRole.Link).First).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(Field(page, "Title")).ToBeFocusedAsync();

        var title = $"Keyboard {Guid.NewGuid():N}"[..20];
        await page.Keyboard.TypeAsync(title);
        await TypeAsync(page, Field(page, "Statement as told to the customer"), "Critical tickets answered within one hour.");
        await ChooseAsync(page, Field(page, "Category"), "Response time");
        await TabToAsync(page, TypeAhead.Field(page, "Customer"));
        await page.Keyboard.TypeAsync("alpen");
        await Expect(page.Locator(".ts-dropdown").GetByRole(AriaRole.Option, new() { Name = "Alpen Pharma GmbH" })).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Enter");
        await ChooseAsync(page, Field(page, "Delivering department"), "Service");
        await TypeAsync(page, Field(page, "Metric"), "First response");
        await TypeAsync(page, Field(page, "Value"), "1");
        await TypeAsync(page, Field(page, "Unit"), "h");
        await PressAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }), "Enter");
        await Expect(page).ToHaveURLAsync(PromisePage());
        var promiseUrl = page.Url;

        await PressAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }), "Enter");
        var dialog = page.GetByRole(AriaRole.Dialog);
        // Bootstrap moves the focus into the dialog once it has faded in; Tab before that would race its fade.
        await Expect(dialog).ToBeFocusedAsync();
        await PressAsync(page, dialog.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }), "Enter");
        await Expect(page.GetByRole(AriaRole.Main).Locator(".status-badge")).ToHaveTextAsync("Under review");

        // Service's manager answers the checklist and decides Go.
        await page.Context.ClearCookiesAsync();
        await page.GotoAsync("/Account/Login");
        await SignInAsync(page, "service.manager@demo.local");
        await page.GotoAsync(promiseUrl);
        await PressAsync(page, page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^G1 ") }).Last, "Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^G1 "), Level = 1 })).ToBeVisibleAsync();
        foreach (var met in await page.GetByLabel("Met", new() { Exact = true }).AllAsync())
        {
            await PressAsync(page, met, "Space");
            await Expect(met).ToBeCheckedAsync();
        }

        await PressAsync(page, page.GetByLabel(new Regex("^Go ")), "Space");
        await PressAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Record decision" }), "Enter");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Go");
        await page.GotoAsync(promiseUrl);
        await Expect(page.GetByRole(AriaRole.Main).Locator(".status-badge")).ToHaveTextAsync("Approved");
    });

    private static ILocator Field(IPage page, string label) => page.GetByLabel(label, new() { Exact = true });

    /// <summary>From the e-mail field, which the login page focuses: types the address, then the password, and presses Enter.</summary>
    private static async Task SignInAsync(IPage page, string email)
    {
        await page.Keyboard.TypeAsync(email);
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Password", new() { Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(DemoData.Password);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My work", Level = 1 })).ToBeVisibleAsync();
    }

    /// <summary>
    /// Presses Tab until <paramref name="target"/> has the focus, and checks that the focus can be seen there (an
    /// outline or Bootstrap's focus ring; for a type-ahead, on its box).
    /// </summary>
    private static async Task TabToAsync(IPage page, ILocator target)
    {
        for (var presses = 0; presses < MaxTabs; presses++)
        {
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                var visible = await target.EvaluateAsync<bool>(
                    """
                    e => [e, e.closest('.ts-wrapper')?.querySelector('.ts-control')].filter(Boolean).some(x => {
                        const style = getComputedStyle(x);
                        return (style.outlineStyle !== 'none' && style.outlineWidth !== '0px') || style.boxShadow !== 'none';
                    })
                    """);
                Assert.True(visible, $"The focus on {target} cannot be seen.");
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"{target} was not reached with {MaxTabs} presses of Tab.");
    }

    private static async Task PressAsync(IPage page, ILocator target, string key)
    {
        await TabToAsync(page, target);
        await page.Keyboard.PressAsync(key);
    }

    private static async Task TypeAsync(IPage page, ILocator field, string text)
    {
        await TabToAsync(page, field);
        await page.Keyboard.TypeAsync(text);
    }

    /// <summary>Moves through a closed select with the arrow keys until <paramref name="label"/> is chosen.</summary>
    private static async Task ChooseAsync(IPage page, ILocator select, string label)
    {
        await TabToAsync(page, select);
        for (var presses = 0; presses < 30; presses++)
        {
            if (await select.EvaluateAsync<string>("s => s.options[s.selectedIndex]?.text ?? ''") == label)
            {
                return;
            }

            await page.Keyboard.PressAsync("ArrowDown");
        }

        Assert.Fail($"\"{label}\" not found in {select} with the arrow keys.");
    }
}
