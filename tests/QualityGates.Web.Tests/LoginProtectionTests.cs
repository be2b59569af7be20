using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QualityGates.Web.Data;
using QualityGates.Web.Data.Auditing;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

/// <summary>The app with the production limits on sign-in attempts (the other test classes lift them).</summary>
public sealed class RateLimitedFactory : QualityGatesFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimiting:Login:PermitLimitPerAddress", "20");
        builder.UseSetting("RateLimiting:Login:PermitLimitPerUserName", "10");
    }
}

public sealed class LoginRateLimitTests(RateLimitedFactory factory) : IClassFixture<RateLimitedFactory>
{
    [Fact]
    public async Task Too_many_attempts_for_one_name_or_from_one_address_get_a_friendly_localized_429_page()
    {
        using var client = factory.CreateTestClient();
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync("nobody.here@demo.local", "wrong-password-" + i)).StatusCode);
        }

        var refused = await client.SignInAsync("nobody.here@demo.local", "wrong-password-again");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.Contains("Retry-After"));
        var page = await TestClient.ParseAsync(refused);
        Assert.Equal(Texts.English("ErrorPage.429.Title"), page.QuerySelector("h1")!.TextContent);
        Assert.DoesNotContain("RateLimiter", page.Body!.TextContent, StringComparison.Ordinal);

        var german = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent([new("Input.Email", "nobody.here@demo.local"), new("Input.Password", "x")]),
        };
        german.Headers.AcceptLanguage.ParseAdd("de");
        var germanPage = await TestClient.ParseAsync(await client.Http.SendAsync(german));
        Assert.Equal(Texts.German("ErrorPage.429.Title"), germanPage.QuerySelector("h1")!.TextContent);

        // The same address, other names: 12 attempts so far, at most 20 a minute.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            statuses.Add((await client.SignInAsync($"spray{i}@demo.local", "Winter2026!Winter")).StatusCode);
        }

        Assert.InRange(statuses.Count(s => s == HttpStatusCode.OK), 1, 8);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

}

/// <summary>Counts password hash verifications, to see that every failed sign-in does the same work.</summary>
public sealed class CountingPasswordHasher : IPasswordHasher<AppUser>
{
    private readonly PasswordHasher<AppUser> _inner = new();
    private int _verifications;

    public int Verifications => _verifications;

    public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

public sealed class CountingHasherFactory : QualityGatesFactory
{
    public CountingPasswordHasher Hasher { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IPasswordHasher<AppUser>>(Hasher));
    }
}

public sealed class SignInEnumerationAndAuditTests(CountingHasherFactory factory) : IClassFixture<CountingHasherFactory>
{
    private async Task<(HttpStatusCode Status, string Message, int Verifications)> AttemptAsync(string email, string password)
    {
        using var client = factory.CreateTestClient();
        var before = factory.Hasher.Verifications;
        var response = await client.SignInAsync(email, password);
        var page = await TestClient.ParseAsync(response);
        return (response.StatusCode, page.QuerySelector("#error-summary li")?.TextContent.Trim() ?? "", factory.Hasher.Verifications - before);
    }

    private async Task<List<AuditEntry>> SignInEntriesAsync() =>
        await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == AuditAction.SignedIn || e.Action == AuditAction.SignInFailed || e.Action == AuditAction.LockedOut)
            .OrderBy(e => e.Id).ToListAsync());

    private async Task<string> UserIdAsync(string email) =>
        await factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    [Fact]
    public async Task Unknown_user_wrong_password_and_locked_user_get_the_same_answer_after_the_same_work()
    {
        var lockedId = await UserIdAsync("aftersales@demo.local");
        await factory.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == lockedId);
            // Locked as an administrator locks (Identity compares a lockout end with the wall clock, not the app's).
            user.LockoutEnd = DateTimeOffset.MaxValue;
            return await db.SaveChangesAsync();
        });

        var unknown = await AttemptAsync("nobody@demo.local", "some-password-here");
        var wrongPassword = await AttemptAsync("exec@demo.local", "some-password-here");
        var locked = await AttemptAsync("aftersales@demo.local", Data.Seeding.DemoData.Password);

        Assert.Equal(Texts.English("Login.Failed"), unknown.Message);
        Assert.Equal(unknown, wrongPassword);
        Assert.Equal(unknown, locked);
        Assert.Equal(HttpStatusCode.OK, unknown.Status);
        Assert.Equal(1, unknown.Verifications);
    }

    [Fact]
    public async Task Sign_ins_failed_sign_ins_and_lockouts_are_in_the_audit_log()
    {
        var userId = await UserIdAsync("production.manager@demo.local");
        using (var client = factory.CreateTestClient())
        {
            await client.SignInSuccessfullyAsync("production.manager@demo.local");
        }

        for (var i = 0; i < 5; i++)
        {
            await AttemptAsync("production.manager@demo.local", "wrong-password-" + i);
        }

        await AttemptAsync("ghost@demo.local", "some-password-here");

        var entries = (await SignInEntriesAsync()).Where(e => e.EntityId == userId || e.EntityId == "ghost@demo.local").ToList();
        Assert.Equal(
            [AuditAction.SignedIn, AuditAction.SignInFailed, AuditAction.SignInFailed, AuditAction.SignInFailed, AuditAction.SignInFailed,
                AuditAction.LockedOut, AuditAction.SignInFailed],
            entries.Select(e => e.Action));
        Assert.Equal(userId, entries[0].ActorId);
        Assert.All(entries.Skip(1), e => Assert.Null(e.ActorId));

        using var admin = factory.CreateTestClient();
        await admin.SignInSuccessfullyAsync("admin@demo.local");
        var log = (await admin.GetPageAsync($"/Admin/Audit?entityType=AppUser&entityId={userId}")).Body!.TextContent;
        Assert.Contains(Texts.English("Audit.Action.SignedIn"), log);
        Assert.Contains(Texts.English("Audit.Action.SignInFailed"), log);
        Assert.Contains(Texts.English("Audit.Action.LockedOut"), log);
        var ghost = (await admin.GetPageAsync("/Admin/Audit?entityType=AppUser&entityId=ghost%40demo.local")).Body!.TextContent;
        Assert.Contains("ghost@demo.local", ghost);
    }

    [Fact]
    public async Task A_role_change_is_in_the_audit_log_with_the_old_and_new_role()
    {
        using var admin = factory.CreateTestClient();
        await admin.SignInSuccessfullyAsync("admin@demo.local");
        var userId = await UserIdAsync("marketing@demo.local");

        var saved = await admin.SubmitAsync($"/Admin/Users/Edit/{userId}", new Dictionary<string, string>
        {
            ["Input.Role"] = Authorization.Roles.Executive,
            ["Input.DepartmentId"] = await factory.WithDbAsync(db => db.Departments.Where(d => d.Name.English == "Management").Select(d => d.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).SingleAsync()),
        }, "form:not([action])");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var log = await admin.GetPageAsync($"/Admin/Audit?entityType=AppUser&entityId={userId}");
        var roleValues = string.Join(" | ", log.QuerySelectorAll("tbody tr")
            .Where(r => r.QuerySelectorAll("td")[4].TextContent.Trim() == Texts.English("AuditField.Role"))
            .Select(r => r.QuerySelectorAll("td")[5].TextContent.Trim()));
        Assert.Contains(Texts.English("Role.SalesRep"), roleValues);
        Assert.Contains(Texts.English("Role.Executive"), roleValues);
    }
}
