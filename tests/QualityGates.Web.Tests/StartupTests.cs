using Microsoft.AspNetCore.Hosting;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

/// <summary>The app without demo data: the first administrator must come from configuration.</summary>
public sealed class StartupTests
{
    private sealed class ProductionLikeFactory(IReadOnlyDictionary<string, string> settings) : QualityGatesFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Demo:Seed", "false");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }

    [Fact]
    public async Task Without_users_and_without_a_configured_administrator_the_app_refuses_to_start()
    {
        await using var factory = new ProductionLikeFactory(new Dictionary<string, string>());
        await factory.InitializeAsync();

        var error = Assert.Throws<InvalidOperationException>(() => factory.CreateClient());

        Assert.Contains("Bootstrap__AdminEmail", error.Message);
    }

    [Fact]
    public async Task The_configured_first_administrator_signs_in_and_no_demo_data_exists()
    {
        await using var factory = new ProductionLikeFactory(new Dictionary<string, string>
        {
            ["Bootstrap:AdminEmail"] = "it@company.example",
            ["Bootstrap:AdminPassword"] = "first admin password",
        });
        await factory.InitializeAsync();
        using var client = factory.CreateTestClient();

        await client.SignInSuccessfullyAsync("it@company.example", "first admin password");

        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/Admin/Users")).StatusCode);
        Assert.Equal(0, await factory.WithDbAsync(db => Task.FromResult(db.Promises.Count())));
        Assert.Equal(8, await factory.WithDbAsync(db => Task.FromResult(db.Departments.Count())));
    }
}
