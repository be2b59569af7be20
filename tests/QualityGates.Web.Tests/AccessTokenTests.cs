using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QualityGates.Web.Api.Tokens;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

/// <summary>A personal access token's life: created on My settings and shown once, used, expired, revoked, and refused with its user.</summary>
public sealed class AccessTokenTests(QualityGatesFactory factory) : IClassFixture<QualityGatesFactory>
{
    private const string Promises = "/api/v1/promises";

    private async Task<HttpStatusCode> ReadWithAsync(string token)
    {
        using var api = factory.CreateApiClient(token);
        return (await api.GetAsync(Promises)).StatusCode;
    }

    [Fact]
    public async Task A_token_created_on_the_settings_page_is_shown_once_and_reads_the_api()
    {
        var token = await factory.CreateTokenAsync("exec@demo.local", "Read", "Weekly report");

        Assert.StartsWith(AccessTokenText.Prefix, token, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await ReadWithAsync(token));
        using var user = factory.CreateTestClient();
        await user.SignInSuccessfullyAsync("exec@demo.local");
        var list = await user.GetPageAsync("/Account/Tokens");
        Assert.Contains("Weekly report", list.QuerySelector("table")!.TextContent, StringComparison.Ordinal);
        Assert.Null(list.QuerySelector("#created-token"));
        Assert.DoesNotContain(token, list.Source.Text, StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(db => db.PersonalAccessTokens.AnyAsync(t => t.Hash == token)));
    }

    [Fact]
    public async Task A_request_without_a_token_or_with_only_the_sign_in_cookie_is_401_with_a_bearer_challenge()
    {
        using var anonymous = factory.CreateApiClient(null);
        var response = await anonymous.GetAsync(Promises);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(401, (await response.JsonAsync()).GetProperty("status").GetInt32());

        using var browser = factory.CreateTestClient();
        await browser.SignInSuccessfullyAsync("exec@demo.local");
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync(Promises)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await ReadWithAsync("qgp_not-a-token-anyone-was-given-000000000"));
    }

    [Fact]
    public async Task A_token_stops_working_when_it_expires()
    {
        var token = await factory.CreateTokenAsync("exec@demo.local", "Read", "Short-lived", days: 1);
        Assert.Equal(HttpStatusCode.OK, await ReadWithAsync(token));

        factory.Clock.Advance(TimeSpan.FromDays(1));

        Assert.Equal(HttpStatusCode.Unauthorized, await ReadWithAsync(token));
        Assert.Contains(Texts.English("Tokens.State.Expired"), await TokenRowAsync("exec@demo.local", "Short-lived"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Its_user_revokes_a_token_after_confirming_and_it_is_refused_from_then_on()
    {
        var token = await factory.CreateTokenAsync("presales@demo.local", "Read", "Old CRM");
        Assert.Equal(HttpStatusCode.OK, await ReadWithAsync(token));
        var id = await factory.WithDbAsync(db => db.PersonalAccessTokens.Where(t => t.Name == "Old CRM").Select(t => t.Id).SingleAsync());
        using var user = factory.CreateTestClient();
        await user.SignInSuccessfullyAsync("presales@demo.local");

        var confirm = await user.GetPageAsync($"/Account/RevokeToken/{id}");
        Assert.Contains("Old CRM", confirm.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await ReadWithAsync(token));
        var revoked = await user.SubmitAsync(confirm, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await ReadWithAsync(token));
        var list = await user.GetPageAsync("/Account/Tokens");
        Assert.Contains(Texts.English("Tokens.Revoked", "Old CRM"), list.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_user_may_not_revoke_a_token_but_an_administrator_sees_and_revokes_any()
    {
        var token = await factory.CreateTokenAsync("marketing@demo.local", "Read", "Campaign tool");
        var id = await factory.WithDbAsync(db => db.PersonalAccessTokens.Where(t => t.Name == "Campaign tool").Select(t => t.Id).SingleAsync());
        using var other = factory.CreateTestClient();
        await other.SignInSuccessfullyAsync("sales@demo.local");
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/Account/RevokeToken/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync("/Admin/Tokens")).StatusCode);

        using var admin = factory.CreateTestClient();
        await admin.SignInSuccessfullyAsync("admin@demo.local");
        var all = await admin.GetPageAsync("/Admin/Tokens");
        Assert.Contains(all.QuerySelectorAll("tbody tr"), r => r.TextContent.Contains("Campaign tool", StringComparison.Ordinal) && r.TextContent.Contains("Mia Marketing", StringComparison.Ordinal));
        var revoked = await admin.SubmitAsync($"/Account/RevokeToken/{id}", new Dictionary<string, string>());

        Assert.Equal("/Admin/Tokens", revoked.Headers.Location!.PathAndQuery());
        Assert.Equal(HttpStatusCode.Unauthorized, await ReadWithAsync(token));
    }

    [Fact]
    public async Task A_token_is_refused_as_soon_as_its_user_is_locked()
    {
        var token = await factory.CreateTokenAsync("projects.manager@demo.local", "Read", "Planning board");
        Assert.Equal(HttpStatusCode.OK, await ReadWithAsync(token));
        using var admin = factory.CreateTestClient();
        await admin.SignInSuccessfullyAsync("admin@demo.local");
        var userId = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == "projects.manager@demo.local").Select(u => u.Id).SingleAsync());

        var locked = await admin.SubmitAsync($"/Admin/Users/Edit/{userId}", new Dictionary<string, string>(), "form[action*='handler=Lock']");

        Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await ReadWithAsync(token));
    }

    [Fact]
    public async Task A_token_acts_with_its_users_current_role_and_is_refused_when_the_user_has_none()
    {
        var token = await factory.CreateTokenAsync("production.manager@demo.local", "ReadWrite", "Shop floor");
        using var api = factory.CreateApiClient(token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.SendJsonAsync(HttpMethod.Post, Promises, new { title = "x" })).StatusCode);

        await WithUserAsync("production.manager@demo.local", async (users, user) =>
        {
            await users.RemoveFromRoleAsync(user, Roles.ServiceManager);
            await users.AddToRoleAsync(user, Roles.SalesRep);
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await api.SendJsonAsync(HttpMethod.Post, Promises, new { title = "x" })).StatusCode);

        await WithUserAsync("production.manager@demo.local", (users, user) => users.RemoveFromRoleAsync(user, Roles.SalesRep));
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync(Promises)).StatusCode);
    }

    [Fact]
    public async Task Using_a_token_records_when_it_was_last_used()
    {
        var token = await factory.CreateTokenAsync("aftersales@demo.local", "Read", "BI export");
        Assert.Null(await LastUsedAsync("BI export"));

        await ReadWithAsync(token);

        Assert.Equal(factory.Clock.GetUtcNow().UtcDateTime, await LastUsedAsync("BI export"));
        Assert.DoesNotContain(Texts.English("Tokens.NeverUsed"), await TokenRowAsync("aftersales@demo.local", "BI export"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_expires_within_a_year_and_needs_a_name()
    {
        using var user = factory.CreateTestClient();
        await user.SignInSuccessfullyAsync("exec@demo.local");
        var refused = await user.SubmitAsync("/Account/Tokens", new Dictionary<string, string>
        {
            ["Input.Name"] = "",
            ["Input.Scope"] = "Read",
            ["Input.ExpiresOn"] = factory.FormDate(400),
        });

        var page = await TestClient.ParseAsync(refused);
        Assert.Equal(Texts.English("Tokens.NameRequired"), page.FieldError("Input.Name"));
        Assert.Equal(Texts.English("Tokens.ExpiresTooLate"), page.FieldError("Input.ExpiresOn"));
        Assert.Null(page.QuerySelector("#created-token"));
    }

    /// <summary>The text of the token's row in its user's list.</summary>
    private async Task<string> TokenRowAsync(string email, string name)
    {
        using var user = factory.CreateTestClient();
        await user.SignInSuccessfullyAsync(email);
        return (await user.GetPageAsync("/Account/Tokens")).QuerySelectorAll("tbody tr")
            .Single(r => r.TextContent.Contains(name, StringComparison.Ordinal)).TextContent;
    }

    private Task<DateTime?> LastUsedAsync(string name) =>
        factory.WithDbAsync(db => db.PersonalAccessTokens.Where(t => t.Name == name).Select(t => t.LastUsedAtUtc).SingleAsync());

    private async Task WithUserAsync(string email, Func<UserManager<AppUser>, AppUser, Task> change)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        await change(users, (await users.FindByEmailAsync(email))!);
    }
}
