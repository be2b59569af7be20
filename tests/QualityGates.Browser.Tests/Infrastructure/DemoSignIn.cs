using Microsoft.Playwright;
using QualityGates.Web.Data.Seeding;

namespace QualityGates.Browser.Tests.Infrastructure;

public static class DemoSignIn
{
    /// <summary>
    /// Signs in as a demo user from a fresh session and waits for My work. <paramref name="language"/> is the
    /// login page's language button ("EN", "DE"); the choice is kept in a cookie for every later page.
    /// </summary>
    public static async Task SignInAsync(this IPage page, string email, string language = "EN")
    {
        await page.Context.ClearCookiesAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByRole(AriaRole.Button, new() { Name = language, Exact = true }).ClickAsync();
        await page.Locator("#Input_Email").FillAsync(email);
        await page.Locator("#Input_Password").FillAsync(DemoData.Password);
        await page.Locator("main button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
    }
}
