using Microsoft.AspNetCore.Hosting;
using QualityGates.Web.Data.Seeding;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

public sealed class LoggingTests
{
    private sealed class InformationLogFactory : QualityGatesFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Serilog:MinimumLevel:Default", "Information");
        }
    }

    [Fact]
    public async Task Requests_are_logged_as_structured_events_without_passwords_cookies_or_tokens()
    {
        await using var factory = new InformationLogFactory();
        await factory.InitializeAsync();
        string token;
        using (var client = factory.CreateTestClient())
        {
            token = (await client.GetPageAsync("/Account/Login")).InputValue("__RequestVerificationToken");
            await client.SignInSuccessfullyAsync("exec@demo.local");
            await client.GetPageAsync("/Promises");
        }

        // Stopping the app flushes the request log, which is written after each response completes.
        await factory.StopAppAsync();
        var logs = factory.ReadLogs();

        Assert.True(logs.Contains("\"RequestPath\":\"/Promises\"", StringComparison.Ordinal), logs);
        Assert.Contains("\"RequestMethod\":\"POST\"", logs);
        Assert.DoesNotContain(DemoData.Password, logs);
        Assert.DoesNotContain(token, logs);
        Assert.DoesNotContain("QualityGates.Auth=", logs);
        Assert.DoesNotContain(".AspNetCore.Antiforgery", logs);
    }
}
