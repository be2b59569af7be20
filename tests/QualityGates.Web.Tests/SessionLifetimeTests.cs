using System.Net;
using QualityGates.Web.Authorization;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

/// <summary>The app on a clock the test moves: sessions end after 30 idle minutes and after 12 hours at most.</summary>
public sealed class SessionLifetimeTests(QualityGatesFactory factory) : IClassFixture<QualityGatesFactory>
{
    private static bool IsSignedOut(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect
        && response.Headers.Location!.PathAndQuery().StartsWith("/Account/Login", StringComparison.Ordinal);

    [Fact]
    public async Task A_session_ends_after_thirty_idle_minutes()
    {
        using var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync("exec@demo.local");

        factory.Clock.Advance(SecurityServiceCollectionExtensions.IdleTimeout - TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        factory.Clock.Advance(SecurityServiceCollectionExtensions.IdleTimeout + TimeSpan.FromMinutes(1));
        Assert.True(IsSignedOut(await client.GetAsync("/")));
    }

    [Fact]
    public async Task An_active_session_ends_after_twelve_hours()
    {
        using var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync("sales@demo.local");
        var step = SecurityServiceCollectionExtensions.IdleTimeout - TimeSpan.FromMinutes(1);
        var elapsed = TimeSpan.Zero;

        while (elapsed + step < SecurityServiceCollectionExtensions.AbsoluteTimeout)
        {
            factory.Clock.Advance(step);
            elapsed += step;
            Assert.False(IsSignedOut(await client.GetAsync("/")), $"signed out after {elapsed} of activity");
        }

        factory.Clock.Advance(step);
        Assert.True(IsSignedOut(await client.GetAsync("/")));
    }
}
