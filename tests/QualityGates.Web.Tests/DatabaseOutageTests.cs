using System.Data.Common;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

/// <summary>While switched on, every attempt to open a database connection fails as a stopped server would.</summary>
public sealed class DatabaseOutage : DbConnectionInterceptor
{
    public bool IsDown { get; set; }

    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        ThrowIfDown(connection);
        return result;
    }

    public override ValueTask<InterceptionResult> ConnectionOpeningAsync(
        DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        ThrowIfDown(connection);
        return ValueTask.FromResult(result);
    }

    private void ThrowIfDown(DbConnection connection)
    {
        if (IsDown)
        {
            throw connection is NpgsqlConnection
                ? new NpgsqlException("Failed to connect (simulated outage)", new SocketException((int)SocketError.ConnectionRefused))
                : new SqliteException("unable to open database file (simulated outage)", 14);
        }
    }
}

public sealed class OutageFactory : QualityGatesFactory
{
    public DatabaseOutage Outage { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IInterceptor>(Outage));
    }
}

/// <summary>A stopped database: a friendly 503, ready unhealthy, live healthy; recovery without a restart.</summary>
public sealed class DatabaseOutageTests(OutageFactory factory) : IClassFixture<OutageFactory>
{
    [Fact]
    public async Task Pages_answer_a_friendly_503_while_the_database_is_down_and_work_again_when_it_is_back()
    {
        using var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync("sales@demo.local");
        var form = await client.GetPageAsync("/Customers/Create");
        var customersBefore = await factory.WithDbAsync(db => db.Customers.CountAsync());

        factory.Outage.IsDown = true;
        try
        {
            var page = await client.GetAsync("/Promises");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
            var html = await TestClient.ParseAsync(page);
            Assert.Equal(Texts.English("ErrorPage.503.Title"), html.QuerySelector("h1")!.TextContent);
            Assert.DoesNotContain("Exception", html.DocumentElement.OuterHtml, StringComparison.Ordinal);
            Assert.DoesNotContain(" at QualityGates", html.DocumentElement.OuterHtml, StringComparison.Ordinal);

            var german = new HttpRequestMessage(HttpMethod.Get, "/Promises");
            german.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Dde%7Cuic%3Dde");
            german.Headers.AcceptLanguage.ParseAdd("de");
            var germanPage = await TestClient.ParseAsync(await client.Http.SendAsync(german));
            Assert.Equal(Texts.German("ErrorPage.503.Title"), germanPage.QuerySelector("h1")!.TextContent);

            var post = await client.SubmitAsync(form, new Dictionary<string, string>
            {
                ["Input.Name"] = "Outage GmbH",
                ["Input.AccountNumber"] = "C-OUT-1",
            });
            Assert.Equal(HttpStatusCode.ServiceUnavailable, post.StatusCode);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        }
        finally
        {
            factory.Outage.IsDown = false;
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Promises")).StatusCode);
        Assert.Equal(customersBefore, await factory.WithDbAsync(db => db.Customers.CountAsync()));
    }
}
