namespace QualityGates.Browser.Tests.Infrastructure;

/// <summary>The app with the demo's eighteen months of history (Demo:History), as the README's run command starts it.</summary>
public sealed class DemoHistoryBrowserFixture : BrowserFixture
{
    public DemoHistoryBrowserFixture()
        : this(new BrowserAppFactory())
    {
    }

    private DemoHistoryBrowserFixture(BrowserAppFactory app)
        : base(app) => app.Settings["Demo:History"] = "true";
}
