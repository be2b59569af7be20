using Microsoft.AspNetCore.Hosting;
using QualityGates.Web.Data.Seeding;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

public sealed class InformationLogFactory : QualityGatesFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Serilog:MinimumLevel:Default", "Information");
    }
}

public sealed class LoggingTests(InformationLogFactory factory) : IClassFixture<InformationLogFactory>
{
    private string ReadLogs() => string.Concat(Directory.GetFiles(factory.LogFolder).Select(path =>
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }));

    [Fact]
    public async Task Requests_are_logged_as_structured_events_without_passwords_cookies_or_tokens()
    {
        using var client = factory.CreateTestClient();
        var login = await client.GetPageAsync("/Account/Login");
        var token = login.InputValue("__RequestVerificationToken");

        await client.SignInSuccessfullyAsync("exec@demo.local");
        await client.GetPageAsync("/Promises");

        // The request log is written when the response has completed, possibly just after the client saw it.
        var logs = ReadLogs();
        for (var attempt = 0; attempt < 50 && !logs.Contains("\"RequestPath\":\"/Promises\"", StringComparison.Ordinal); attempt++)
        {
            await Task.Delay(100);
            logs = ReadLogs();
        }

        Assert.Contains("\"RequestPath\":\"/Promises\"", logs);
        Assert.Contains("\"RequestMethod\":\"POST\"", logs);
        Assert.DoesNotContain(DemoData.Password, logs);
        Assert.DoesNotContain(token, logs);
        Assert.DoesNotContain("QualityGates.Auth=", logs);
        Assert.DoesNotContain(".AspNetCore.Antiforgery", logs);
    }
}
