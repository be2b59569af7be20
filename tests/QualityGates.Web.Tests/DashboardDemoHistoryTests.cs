using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Hosting;
using QualityGates.Domain.Promises;
using QualityGates.Web.Data.Seeding;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

/// <summary>
/// The demo with its eighteen months of history (Demo:History): the executive's dashboard has numbers for the
/// default period, and its figures drill down to as many promises as they count.
/// </summary>
public sealed partial class DashboardDemoHistoryTests(DashboardDemoHistoryTests.HistoryFactory factory, ITestOutputHelper output)
    : IClassFixture<DashboardDemoHistoryTests.HistoryFactory>
{
    public sealed class HistoryFactory : QualityGatesFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Demo:History", "true");
        }
    }

    private static readonly string[] _figures =
        ["kept-rate", "kept-rate-first", "moving-target-effect", "ungated", "first-pass", "median-days", "kvp-overdue", "kvp-cycle-time", "loop-closure"];

    private static readonly string[] _tables =
        ["kept-by-month", "kept-by-promising", "kept-by-delivering", "kept-by-category", "kept-by-customer", "decision-mix", "handovers", "breaches", "traffic-lights", "kvp-by-month"];

    private static readonly string[] _lists = ["/Promises", "/Reviews", "/Actions", "/Feedback"];

    [GeneratedRegex(@"(?<![\d.,])0 of 0\b")]
    private static partial Regex NoneOfNone();

    [GeneratedRegex(@"(?<![\d.,])-0(?![\d.,]*[1-9])")]
    private static partial Regex NegativeZero();

    private async Task<(TestClient Client, IHtmlDocument Page)> ExecutiveDashboardAsync()
    {
        var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync("exec@demo.local");
        return (client, await client.GetPageAsync("/Dashboard"));
    }

    [Fact]
    public async Task Every_headline_figure_and_table_of_the_default_period_has_numbers()
    {
        var (client, page) = await ExecutiveDashboardAsync();
        using var _ = client;

        foreach (var figure in _figures)
        {
            var value = page.QuerySelector($"[data-figure={figure}] .fs-4")!.TextContent.Trim();
            Assert.False(value == "–", $"{figure} has no value");
            Assert.DoesNotMatch(NegativeZero(), value);
            Assert.Null(page.QuerySelector($"[data-figure={figure}] .figure-why"));
        }

        foreach (var table in _tables)
        {
            Assert.NotEmpty(page.QuerySelectorAll($"table#{table} tbody tr"));
        }

        Assert.True(page.QuerySelectorAll("table#kept-by-month tbody tr").Length >= 6, "the trend covers at least half a year");
        Assert.DoesNotContain("–", page.QuerySelector("table#moving-target")!.TextContent);
        var main = page.QuerySelector("main")!.TextContent;
        Assert.DoesNotMatch(NoneOfNone(), main);
        Assert.DoesNotMatch(NegativeZero(), main);
    }

    [Fact]
    public async Task A_breach_cause_drills_down_to_as_many_broken_promises_as_it_counts()
    {
        var (client, page) = await ExecutiveDashboardAsync();
        using var _ = client;

        var cell = page.QuerySelectorAll<IHtmlAnchorElement>("table#breaches td a")
            .First(a => int.Parse(a.TextContent.Trim(), CultureInfo.InvariantCulture) > 0);
        var count = int.Parse(cell.TextContent.Trim(), CultureInfo.InvariantCulture);
        var list = await client.GetPageAsync(new Uri(cell.Href).PathAndQuery);

        Assert.Equal(count, list.QuerySelectorAll("table tbody tr").Length);
    }

    [Fact]
    public async Task Every_drill_down_of_the_default_view_lists_as_many_rows_as_its_figure_counts_names_it_and_leads_back()
    {
        var (client, page) = await ExecutiveDashboardAsync();
        using var _ = client;

        var (followed, nonEmpty) = await FollowEveryDrillDownAsync(client, page);

        output.WriteLine($"Followed {followed} drill-down links of the default view, {nonEmpty} of them to a list with rows.");
        Assert.True(followed >= 100, $"only {followed} drill-down links followed");
        Assert.True(nonEmpty >= 80, $"only {nonEmpty} drill-down links led to rows");
    }

    [Fact]
    public async Task Every_drill_down_of_a_narrowed_view_counts_as_its_figure_and_leads_back_to_that_view()
    {
        var service = await factory.DepartmentAsync("Service");
        var (from, to) = (factory.Today.AddMonths(-5), factory.Today);
        using var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync("exec@demo.local");
        var page = await client.GetPageAsync(
            $"/Dashboard?Input.From={Iso(from)}&Input.To={Iso(to)}&Input.DeliveringDepartmentId={service}");

        var (followed, nonEmpty) = await FollowEveryDrillDownAsync(client, page);

        output.WriteLine($"Followed {followed} drill-down links of the view narrowed to Service, {nonEmpty} of them to a list with rows.");
        Assert.True(followed >= 40, $"only {followed} drill-down links followed");
        Assert.True(nonEmpty >= 25, $"only {nonEmpty} drill-down links led to rows");
    }

    [Fact]
    public async Task A_list_names_only_known_figures_and_leads_back_only_to_the_dashboard()
    {
        using var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync("exec@demo.local");

        var unknown = await client.GetPageAsync("/Promises?judged=true&figure=%3Cscript%3Ealert(1)%3C/script%3E&dashboard.from=2026-01-01");
        var odd = await client.GetPageAsync("/Reviews?show=decided&figure=decision-mix&dashboard.from=javascript:alert(1)&dashboard.to=%2F%2Fevil.example&dashboard.categoryId=x1");
        var plain = await client.GetPageAsync("/Actions");

        Assert.Null(unknown.QuerySelector(".drill-caption"));
        Assert.DoesNotContain("<script>alert", unknown.Body!.InnerHtml, StringComparison.Ordinal);
        Assert.Equal("/Dashboard", odd.QuerySelector<IHtmlAnchorElement>(".drill-caption a.drill-back")!.GetAttribute("href"));
        Assert.Contains(Texts.English("Drill.Figure.decision-mix"), odd.QuerySelector(".drill-caption")!.TextContent, StringComparison.Ordinal);
        Assert.Null(plain.QuerySelector(".drill-caption"));
    }

    /// <summary>
    /// Follows every link of the dashboard to a list: each carries the count of its figure (and shows it, where the
    /// link is a number), and the list has as many rows in all, names the figure, and leads back to this view.
    /// </summary>
    private static async Task<(int Followed, int NonEmpty)> FollowEveryDrillDownAsync(TestClient client, IHtmlDocument dashboard)
    {
        var links = dashboard.QuerySelectorAll<IHtmlAnchorElement>("main a[href]")
            .Where(a => _lists.Contains(new Uri(new Uri("http://localhost"), a.GetAttribute("href")).AbsolutePath, StringComparer.OrdinalIgnoreCase))
            .ToList();
        var backLinks = new HashSet<string>(StringComparer.Ordinal);
        var nonEmpty = 0;
        foreach (var link in links)
        {
            var href = link.GetAttribute("href")!;
            var expected = int.Parse(link.GetAttribute("data-drill-count") ?? throw new Xunit.Sdk.XunitException($"{href} carries no count"), CultureInfo.InvariantCulture);
            if (int.TryParse(link.TextContent.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var shown))
            {
                Assert.Equal(expected, shown);
            }

            var list = await client.GetPageAsync(href);
            var rows = list.QuerySelectorAll("main table tbody tr").Length;
            var total = list.QuerySelector(".pager-summary") is { } summary
                ? int.Parse(Digits().Replace(summary.TextContent, ""), CultureInfo.InvariantCulture)
                : rows;
            Assert.True(expected == total, $"{href}: the figure counts {expected}, the list {total}");
            Assert.True(rows <= total, $"{href}: more rows than in all");

            var caption = list.QuerySelector(".drill-caption") ?? throw new Xunit.Sdk.XunitException($"{href} has no caption");
            Assert.StartsWith(Texts.English("Drill.From", ""), caption.QuerySelector(".drill-figure")!.TextContent.Trim(), StringComparison.Ordinal);
            Assert.DoesNotContain("Drill.", caption.TextContent, StringComparison.Ordinal);
            if (caption.QuerySelector(".drill-part") is { } part)
            {
                Assert.Contains(total.ToString("N0", CultureInfo.GetCultureInfo("en")), part.TextContent, StringComparison.Ordinal);
            }

            backLinks.Add(caption.QuerySelector<IHtmlAnchorElement>("a.drill-back")!.GetAttribute("href")!);
            nonEmpty += total > 0 ? 1 : 0;
        }

        // Every list leads back to the same view: the dashboard shows the same period and filters again.
        var back = Assert.Single(backLinks);
        var again = await client.GetPageAsync(back);
        foreach (var field in new[] { "#from", "#to", "#promising", "#delivering", "#category", "#customer" })
        {
            Assert.Equal(Value(dashboard, field), Value(again, field));
        }

        return (links.Count, nonEmpty);
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Value(IHtmlDocument page, string selector) => page.QuerySelector(selector) switch
    {
        IHtmlInputElement input => input.Value,
        IHtmlSelectElement select => select.Value,
        _ => null,
    };

    [GeneratedRegex(@"\D")]
    private static partial Regex Digits();

    [Fact]
    public async Task The_history_lies_behind_the_demo_s_current_work()
    {
        var statuses = await factory.WithDbAsync(db => Task.FromResult(db.Promises.GroupBy(p => p.Status).ToDictionary(g => g.Key, g => g.Count())));
        var oldest = await factory.WithDbAsync(db => Task.FromResult(db.Promises.Min(p => p.CreatedAtUtc)));

        Assert.InRange(statuses.Values.Sum(), 300, 500);
        Assert.True(statuses[PromiseStatus.Kept] > statuses[PromiseStatus.Broken] && statuses[PromiseStatus.Broken] > 10);
        Assert.True(statuses[PromiseStatus.Withdrawn] > 0 && statuses[PromiseStatus.InDelivery] > 0 && statuses[PromiseStatus.UnderReview] > 0);
        Assert.True(oldest < factory.Clock.GetUtcNow().UtcDateTime.AddMonths(-DemoHistory.Months + 1));

        // The current demo is still there: the brochure claims waiting as drafts.
        Assert.Equal(PromiseStatus.Draft, await factory.WithDbAsync(db => Task.FromResult(db.Promises.Single(p => p.Title == "24/7 hotline").Status)));
    }
}
