using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

/// <summary>The dashboard over HTTP: figures in tables, drill-downs to the register, and each role's scope.</summary>
public sealed class DashboardPageTests(QualityGatesFactory factory) : IClassFixture<QualityGatesFactory>
{
    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Url(DashboardDataSet data, string extra = "") =>
        $"/Dashboard?Input.From={Iso(data.Filter().From)}&Input.To={Iso(data.Filter().To)}&Input.CustomerId={data.CustomerId}{extra}";

    private async Task<IHtmlDocument> DashboardAsync(string email, string url)
    {
        using var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync(email);
        return await client.GetPageAsync(url);
    }

    private static List<string[]> Rows(IHtmlDocument page, string tableId) =>
        page.QuerySelectorAll($"table#{tableId} tbody tr")
            .Select(r => r.QuerySelectorAll("th,td").Select(c => c.TextContent.Trim()).ToArray())
            .ToList();

    [Fact]
    public async Task An_executive_sees_every_figure_and_a_drill_down_lists_the_promises_behind_it()
    {
        var data = await DashboardDataSet.BuildAsync(factory, "Executive view customer");
        using var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync("exec@demo.local");

        var page = await client.GetPageAsync(Url(data));

        // Hand-counted in DashboardDataSet: kept P1, P3; broken P2, P5; against the first target only P1 kept.
        Assert.Equal("50.0%", page.QuerySelector("[data-figure=kept-rate] .fs-4")!.TextContent.Trim().Replace(" ", "", StringComparison.Ordinal));
        Assert.Equal("25.0%", page.QuerySelector("[data-figure=kept-rate-first] .fs-4")!.TextContent.Trim().Replace(" ", "", StringComparison.Ordinal));
        Assert.Equal([["Projects", "0", "1", "1"], ["Service", "2", "0", "0"]], Rows(page, "traffic-lights"));
        Assert.Equal([["Service", "1", "0", "0", "1"]], Rows(page, "breaches"));
        Assert.Equal("1", page.QuerySelector("[data-figure=due-soon] .fs-4")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("canvas[data-chart=kept-by-month]"));
        Assert.NotNull(page.QuerySelector("script#dashboard-data[type='application/json']"));

        // The broken-by-execution cell drills down to the register with the same filters: exactly P2.
        var drill = page.QuerySelector<IHtmlAnchorElement>("table#breaches td[data-cause=Execution] a")!;
        var register = await client.GetPageAsync(new Uri(drill.Href).PathAndQuery);
        var numbers = register.QuerySelectorAll("table tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToList();
        var p2 = await factory.WithDbAsync(db => Task.FromResult(db.Promises.Single(p => p.Id == data.Ids["P2"]).Number));
        Assert.Equal([p2], numbers);
    }

    [Fact]
    public async Task Each_figure_drills_down_to_a_list_with_as_many_promises_as_it_counts()
    {
        var data = await DashboardDataSet.BuildAsync(factory, "Drill-down customer");
        using var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync("exec@demo.local");
        var page = await client.GetPageAsync(Url(data));

        async Task<int> CountAsync(string selector)
        {
            var link = page.QuerySelector<IHtmlAnchorElement>(selector)!;
            var list = await client.GetPageAsync(new Uri(link.Href).PathAndQuery);
            return list.QuerySelectorAll("table tbody tr").Length;
        }

        // Judged 4; ungated P7; red P4 (Projects); handover returned P2; changed after approval P3.
        Assert.Equal(4, await CountAsync("[data-figure=kept-rate]"));
        Assert.Equal(1, await CountAsync("[data-figure=ungated]"));
        Assert.Equal(1, await CountAsync("table#traffic-lights td[data-light=Red] a"));
        Assert.Equal(1, await CountAsync("[data-figure=overdue-conditions]"));
        Assert.Equal(1, await CountAsync("[data-figure=due-soon]"));
        Assert.Equal(1, await CountAsync("table#moving-target tr:nth-child(2) a"));
        Assert.Equal(2, await CountAsync("[data-figure=first-pass]"));
    }

    [Fact]
    public async Task A_sales_rep_sees_only_the_figures_of_their_own_promising_department_even_when_asking_for_another()
    {
        var data = await DashboardDataSet.BuildAsync(factory, "Sales scope customer");
        var presales = await factory.DepartmentAsync("PreSales");

        var sales = await DashboardAsync("sales@demo.local", Url(data, $"&Input.PromisingDepartmentId={presales}"));
        var presalesRep = await DashboardAsync("presales@demo.local", Url(data));

        // Sales made everything but P4: P8 yellow at Projects, P7 and P10 green at Service. Asking for PreSales'
        // figures changes nothing but narrowing to nothing: the scope is applied in the query.
        Assert.NotNull(sales.QuerySelector(".dashboard-scope"));
        Assert.Empty(Rows(sales, "traffic-lights"));
        var salesOwn = await DashboardAsync("sales@demo.local", Url(data));
        Assert.Equal([["Projects", "0", "1", "0"], ["Service", "2", "0", "0"]], Rows(salesOwn, "traffic-lights"));
        Assert.Equal("50.0%", salesOwn.QuerySelector("[data-figure=kept-rate] .fs-4")!.TextContent.Trim().Replace(" ", "", StringComparison.Ordinal));

        // PreSales made only P4 (red, Projects), with no outcome yet.
        Assert.Equal([["Projects", "0", "0", "1"]], Rows(presalesRep, "traffic-lights"));
        Assert.Equal("–", presalesRep.QuerySelector("[data-figure=kept-rate] .fs-4")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_service_manager_sees_only_the_figures_of_their_own_delivering_department()
    {
        var data = await DashboardDataSet.BuildAsync(factory, "Manager scope customer");

        var projects = await DashboardAsync("projects.manager@demo.local", Url(data));
        var service = await DashboardAsync("service.manager@demo.local", Url(data));

        // Projects delivers P4 (red) and P8 (yellow) and decided their G1s; nothing of theirs is broken.
        Assert.Equal([["Projects", "0", "1", "1"]], Rows(projects, "traffic-lights"));
        Assert.Equal(["Projects"], Rows(projects, "decision-mix").Select(r => r[0]));
        Assert.Empty(Rows(projects, "breaches"));
        Assert.Equal([["Service", "2", "0", "0"]], Rows(service, "traffic-lights"));
        Assert.Equal([["Service", "1", "0", "0", "1"]], Rows(service, "breaches"));
    }

    [Fact]
    public async Task Everybody_finds_the_dashboard_in_the_navigation_and_executives_on_my_work()
    {
        using var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync("exec@demo.local");

        var home = await client.GetPageAsync("/");

        Assert.NotNull(home.QuerySelector("nav a[href='/Dashboard']"));
        Assert.NotNull(home.QuerySelector("main a[href='/Dashboard']"));
        var response = await client.GetAsync("/Dashboard?Input.From=not-a-date");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
