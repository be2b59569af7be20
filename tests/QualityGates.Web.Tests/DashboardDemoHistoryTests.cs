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
public sealed partial class DashboardDemoHistoryTests(DashboardDemoHistoryTests.HistoryFactory factory) : IClassFixture<DashboardDemoHistoryTests.HistoryFactory>
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
