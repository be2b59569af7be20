using Microsoft.Playwright;

namespace QualityGates.Browser.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright against the app on a real port; one per test class (IClassFixture).
/// Every browser test goes through <see cref="RunAsync"/>, which decides what a missing Chromium means:
/// a skip on a developer machine, a failure under CI (CI=true), where nothing may be skipped silently.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumVariable = "QUALITYGATES_CHROMIUM";

    private static readonly string _chromium =
        Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private readonly BrowserAppFactory _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private Uri? _baseAddress;

    public BrowserFixture()
        : this(new BrowserAppFactory())
    {
    }

    protected BrowserFixture(BrowserAppFactory app) => _app = app;

    /// <summary>The app's today plus <paramref name="days"/>, as a date field takes it.</summary>
    public string FormDate(int days) =>
        DateOnly.FromDateTime(_app.Clock.GetUtcNow().UtcDateTime).AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public virtual async ValueTask InitializeAsync()
    {
        if (!File.Exists(_chromium))
        {
            return; // Reported by RunAsync, inside the test, where a skip is a skip.
        }

        _baseAddress = _app.Start();
        _playwright = await Playwright.CreateAsync();
        // CI runs this suite beside the web tests on two cores: a page's first query of a kind (EF compiles it)
        // can take longer than Playwright's 5 s default there. A journey still fails on what never appears.
        Assertions.SetDefaultExpectTimeout(15_000);
        // Playwright cannot download its own browsers here; its NuGet package carries only the driver.
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = _chromium,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
    }

    /// <summary>
    /// Runs <paramref name="journey"/> in a fresh browser context (no cookies) whose relative URLs go to the
    /// app; on failure saves a screenshot and names its path in the test output.
    /// </summary>
    public async Task RunAsync(Func<IPage, Task> journey)
    {
        if (_browser is null || _baseAddress is null)
        {
            var message = $"Chromium not found at {_chromium}. Install it with 'apt-get install -y chromium' " +
                          $"or point {ChromiumVariable} at a Chromium executable.";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail($"{message} Browser tests must not be skipped under CI.");
            }

            Assert.Skip(message);
        }

        await using var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _baseAddress.ToString(),
            IgnoreHTTPSErrors = true, // The test host's certificate is self-signed (BrowserAppFactory).
            Locale = "en-US",
            TimezoneId = "UTC",
        });
        var page = await context.NewPageAsync();
        try
        {
            await journey(page);
        }
        catch
        {
            var file = Path.Combine(AppContext.BaseDirectory, "screenshots", $"{TestContext.Current.Test?.TestDisplayName ?? "test"}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
            TestContext.Current.TestOutputHelper?.WriteLine($"Screenshot of the failed page: {file} ({page.Url})");
            throw;
        }
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await _app.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
