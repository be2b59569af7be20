using System.Net;
using Microsoft.AspNetCore.Hosting;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

/// <summary>Each token may make so many requests per window; one more is 429 with Retry-After, and other tokens go on.</summary>
public sealed class ApiRateLimitTests(ApiRateLimitTests.Factory factory) : IClassFixture<ApiRateLimitTests.Factory>
{
    public const int Limit = 3;

    /// <summary>A small limit in a long window, so the window cannot end while the test runs.</summary>
    public sealed class Factory : QualityGatesFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("RateLimiting:Api:PermitLimitPerToken", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("RateLimiting:Api:Window", "01:00:00");
        }
    }

    [Fact]
    public async Task A_token_over_its_limit_is_refused_with_429_and_Retry_After_while_another_token_goes_on()
    {
        using var busy = factory.CreateApiClient(await factory.CreateTokenAsync("exec@demo.local", "Read", "Busy"));
        using var calm = factory.CreateApiClient(await factory.CreateTokenAsync("exec@demo.local", "Read", "Calm"));
        for (var i = 0; i < Limit; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync("/api/v1/promises?pageSize=1")).StatusCode);
        }

        var refused = await busy.GetAsync("/api/v1/promises?pageSize=1");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Texts.English("Api.TooManyRequests"), (await refused.JsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await calm.GetAsync("/api/v1/promises?pageSize=1")).StatusCode);
    }
}
