using Microsoft.AspNetCore.Hosting;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

/// <summary>An installation without any promise: each headline figure says why it has no number.</summary>
public sealed class DashboardWithoutDataTests : IAsyncLifetime
{
    private const string AdminEmail = "it@company.example";
    private const string AdminPassword = "first admin password";

    private sealed class EmptyFactory : QualityGatesFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Demo:Seed", "false");
            builder.UseSetting("Bootstrap:AdminEmail", AdminEmail);
            builder.UseSetting("Bootstrap:AdminPassword", AdminPassword);
        }
    }

    private readonly EmptyFactory _factory = new();

    public ValueTask InitializeAsync() => _factory.InitializeAsync();

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task Each_figure_without_data_says_why_instead_of_a_bare_dash()
    {
        using var client = _factory.CreateTestClient();
        await client.SignInSuccessfullyAsync(AdminEmail, AdminPassword);

        var page = await client.GetPageAsync("/Dashboard");

        string Why(string figure) => page.QuerySelector($"[data-figure={figure}] .figure-why")?.TextContent.Trim() ?? "";
        Assert.Equal(Texts.English("Dashboard.Why.NoOutcomes"), Why("kept-rate"));
        Assert.Equal(Texts.English("Dashboard.Why.NoOutcomes"), Why("kept-rate-first"));
        Assert.Equal(Texts.English("Dashboard.Why.NoOutcomes"), Why("moving-target-effect"));
        Assert.Equal(Texts.English("Dashboard.Why.NoCommitted"), Why("ungated"));
        Assert.Equal(Texts.English("Dashboard.Why.NoFirstDecision"), Why("first-pass"));
        Assert.Equal(Texts.English("Dashboard.Why.NoHumanDecision"), Why("median-days"));
        Assert.Equal(Texts.English("Dashboard.Why.NoOpenAction"), Why("kvp-overdue"));
        Assert.Equal(Texts.English("Dashboard.Why.NoActionDone"), Why("kvp-cycle-time"));
        Assert.Equal(Texts.English("Dashboard.Why.NoBrokenPromiseFeedback"), Why("loop-closure"));
        Assert.Contains(Texts.English("Dashboard.Why.NoSubmitted"), page.QuerySelector("table#moving-target")!.TextContent);
        Assert.DoesNotContain("0 of 0", page.QuerySelector("main")!.TextContent);
    }
}
