using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using QualityGates.Browser.Tests.Infrastructure;
using QualityGates.Tests;
using QualityGates.Web;
using static Microsoft.Playwright.Assertions;

namespace QualityGates.Browser.Tests;

/// <summary>
/// The README's screenshots (docs/screenshots): each role's My work, the executive's dashboard, and a service
/// manager's register and a gate review waiting for their decision, on the demo with its history, at a laptop's
/// 1366 × 768 and a phone's 390 × 844, in English and German. The first screen only (the viewport), with the
/// clock fixed, motion reduced and animations stopped, so that a rerun writes the same files.
/// </summary>
public sealed partial class ScreenshotTests(DemoHistoryBrowserFixture browser) : IClassFixture<DemoHistoryBrowserFixture>
{
    private static readonly (int Width, int Height)[] _sizes = [(1366, 768), (390, 844)];

    private static readonly ResourceManager _texts = new("QualityGates.Web.Resources.SharedResource", typeof(SharedResource).Assembly);

    private static readonly byte[] _png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [GeneratedRegex(@"/Reviews/Details/\d+$")]
    private static partial Regex ReviewPath();

    [GeneratedRegex(@"^G\d ")]
    private static partial Regex GateHeading();

    public static TheoryData<string, string, string> Roles()
    {
        (string Role, string Email)[] roles =
        [
            ("sales-rep", "sales@demo.local"), ("service-manager", "service.manager@demo.local"), ("aftersales", "aftersales@demo.local"),
            ("executive", "exec@demo.local"), ("administrator", "admin@demo.local"),
        ];
        var data = new TheoryData<string, string, string>();
        foreach (var language in new[] { "en", "de" })
        {
            foreach (var (role, email) in roles)
            {
                data.Add(role, email, language);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public Task A_role_s_first_screens_are_written_for_the_readme(string role, string email, string language) =>
        browser.RunAsync(async page =>
        {
            var culture = CultureInfo.GetCultureInfo(language);
            string Text(string key) => _texts.GetString(key, culture) ?? throw new InvalidOperationException($"No text {key}.");

            // dashboard.js draws its charts without animation when motion is reduced.
            await page.EmulateMediaAsync(new() { ReducedMotion = ReducedMotion.Reduce });
            await page.SignInAsync(email, language.ToUpperInvariant());

            await ShootAsync(page, $"my-work-{role}-{language}", "/", Heading(page, Text("Home.Title")));
            if (role == "executive")
            {
                await ShootAsync(page, $"dashboard-{role}-{language}", "/Dashboard", Heading(page, Text("Dashboard.Title")));
            }

            if (role == "service-manager")
            {
                await ShootAsync(page, $"register-{role}-{language}", "/Promises", Heading(page, Text("Promises.Register.Title")));

                // The oldest review waiting for the manager's department, as My work lists it.
                await page.GotoAsync("/");
                var review = await page.GetByRole(AriaRole.Main).Locator("table a[href*='/Reviews/Details/']").First.GetAttributeAsync("href");
                Assert.Matches(ReviewPath(), review);
                await ShootAsync(page, $"gate-review-{role}-{language}", review!,
                    page.GetByRole(AriaRole.Heading, new() { NameRegex = GateHeading(), Level = 1 }));
            }
        });

    private static ILocator Heading(IPage page, string name) => page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 });

    /// <summary>Writes <paramref name="name"/>-1366.png and -390.png of <paramref name="url"/> once its heading shows and it has settled.</summary>
    private static async Task ShootAsync(IPage page, string name, string url, ILocator heading)
    {
        foreach (var (width, height) in _sizes)
        {
            await page.SetViewportSizeAsync(width, height);
            await page.GotoAsync(url);
            await page.WaitForLoadStateAsync(LoadState.Load);
            await Expect(heading).ToBeVisibleAsync();
            await page.EvaluateAsync("() => document.fonts.ready");
            // Charts draw once more when their box has its size (ResizeObserver): two frames later they have.
            await page.EvaluateAsync("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))");
            // No hover or focus left from the sign-in's click.
            await page.Mouse.MoveAsync(0, 0);

            var file = Path.Combine(_folder.Value, $"{name}-{width}.png");
            var shot = await page.ScreenshotAsync(new PageScreenshotOptions
            {
                FullPage = false,
                Animations = ScreenshotAnimations.Disabled,
                Caret = ScreenshotCaret.Hide,
                Scale = ScreenshotScale.Css,
            });

            // Chromium's text and canvas rasterizing differs in a few pixels from run to run: a picture that looks
            // the same as the one committed is not written again.
            if (!File.Exists(file) || !await LookTheSameAsync(page, await File.ReadAllBytesAsync(file), shot))
            {
                await File.WriteAllBytesAsync(file, shot);
            }

            var bytes = await File.ReadAllBytesAsync(file);
            Assert.True(bytes.Length > 10_000 && bytes.AsSpan(0, _png.Length).SequenceEqual(_png), $"{file} is not a screenshot");
        }
    }

    /// <summary>Whether two PNGs of the same size differ in fewer than one pixel in a thousand (by more than a faint shade).</summary>
    private static Task<bool> LookTheSameAsync(IPage page, byte[] before, byte[] after) =>
        page.EvaluateAsync<bool>(
            """
            async ([before, after]) => {
                const pixels = async base64 => {
                    const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
                    const image = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
                    const canvas = new OffscreenCanvas(image.width, image.height);
                    const context = canvas.getContext('2d');
                    context.drawImage(image, 0, 0);
                    return context.getImageData(0, 0, image.width, image.height);
                };
                const [a, b] = [await pixels(before), await pixels(after)];
                if (a.width !== b.width || a.height !== b.height) return false;
                let differing = 0;
                for (let i = 0; i < a.data.length; i += 4) {
                    if (Math.abs(a.data[i] - b.data[i]) + Math.abs(a.data[i + 1] - b.data[i + 1]) + Math.abs(a.data[i + 2] - b.data[i + 2]) > 48) differing++;
                }
                return differing < a.width * a.height / 1000;
            }
            """,
            new[] { Convert.ToBase64String(before), Convert.ToBase64String(after) });

    /// <summary>docs/screenshots of the repository the tests run from.</summary>
    private static readonly Lazy<string> _folder = new(() =>
        Directory.CreateDirectory(Path.Combine(Repository.Root, "docs", "screenshots")).FullName);
}
