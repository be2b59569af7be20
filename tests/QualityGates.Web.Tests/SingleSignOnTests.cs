using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using QualityGates.Tests;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data.Auditing;
using QualityGates.Web.SingleSignOn;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

/// <summary>Signing in through the company's OpenID Connect provider: a real provider, real signed tokens, real redirects.</summary>
public sealed class SingleSignOnTests(SingleSignOnFactory factory) : IClassFixture<SingleSignOnFactory>
{
    private const string Provider = SingleSignOnFactory.ProviderName;

    private static TestIdentityUser Person(string subject, string email, IReadOnlyList<string> groups, string? department = null) =>
        new(subject, "Hanna Hamburg", email, groups, department);

    [Fact]
    public async Task A_new_person_is_created_at_the_first_sign_in_with_role_and_department_from_the_groups()
    {
        factory.Provider.SignedInUser = Person("sub-new", "hanna@corp.example", ["qg-sales", "grp-hamburg-sales"]);
        using var client = factory.CreateTestClient();

        var signedIn = await SingleSignOnFactory.SignInThroughProviderAsync(client);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/", signedIn.Headers.Location!.PathAndQuery());
        var page = await client.GetPageAsync("/");
        Assert.Equal("My work", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("Hanna Hamburg", page.Body!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Promises/Create")).StatusCode);
        var user = await factory.WithDbAsync(db => db.Users.Include(u => u.Department).SingleAsync(u => u.Email == "hanna@corp.example"));
        Assert.Equal("Sales", user.Department!.Name.English);
        Assert.Null(user.PasswordHash);
        var created = await factory.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityId == user.Id && a.Field == AuditRules.RoleField).SingleAsync());
        Assert.Equal(Roles.SalesRep, created.NewValue);
        Assert.Equal("Hanna Hamburg", created.ActorName);
        Assert.Contains(Provider, created.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_role_change_in_the_directory_takes_effect_at_the_next_sign_in_and_ends_older_sessions()
    {
        factory.Provider.SignedInUser = Person("sub-mover", "mover@corp.example", ["qg-sales"], "PreSales");
        using var before = factory.CreateTestClient();
        await SingleSignOnFactory.SignInThroughProviderAsync(before);
        Assert.Equal(HttpStatusCode.OK, (await before.GetAsync("/Promises/Create")).StatusCode);

        factory.Provider.SignedInUser = Person("sub-mover", "mover@corp.example", ["qg-service"], "Service") with { Name = "Hanna Service" };
        using var after = factory.CreateTestClient();
        await SingleSignOnFactory.SignInThroughProviderAsync(after);

        Assert.Equal(HttpStatusCode.OK, (await after.GetAsync("/Envelopes/Create")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await after.GetAsync("/Promises/Create")).StatusCode);
        var user = await factory.WithDbAsync(db => db.Users.Include(u => u.Department).SingleAsync(u => u.Email == "mover@corp.example"));
        Assert.Equal(("Hanna Service", "Service"), (user.DisplayName, user.Department!.Name.English));
        var roleChange = await factory.WithDbAsync(db => db.AuditEntries
            .Where(a => a.EntityId == user.Id && a.Field == AuditRules.RoleField && a.OldValue == Roles.SalesRep).SingleAsync());
        Assert.Equal("Hanna Service", roleChange.ActorName);
        Assert.Contains(Provider, roleChange.Reason, StringComparison.Ordinal);

        factory.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var older = await before.GetAsync("/Promises/Create");
        Assert.Equal(HttpStatusCode.Redirect, older.StatusCode);
        Assert.StartsWith("/Account/Login", older.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sub-nogroup", "nogroup@corp.example", "unrelated-group", "Sales", nameof(SignInRefusal.NoRole))]
    [InlineData("sub-nodept", "nodept@corp.example", "qg-sales", "Atlantis", nameof(SignInRefusal.UnknownDepartment))]
    [InlineData("sub-misfit", "misfit@corp.example", "qg-sales", "Service", nameof(SignInRefusal.DepartmentDoesNotFitRole))]
    public async Task Someone_the_mappings_give_no_fitting_role_and_department_is_refused_and_nothing_is_created(
        string subject, string email, string group, string department, string refusal)
    {
        factory.Provider.SignedInUser = Person(subject, email, [group], department);
        using var client = factory.CreateTestClient();

        var answer = await SingleSignOnFactory.SignInThroughProviderAsync(client);

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Contains(Texts.English($"External.Refused.{refusal}", Provider), (await TestClient.ParseAsync(answer)).Body!.TextContent);
        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Someone_who_left_the_groups_is_refused_at_the_next_sign_in()
    {
        factory.Provider.SignedInUser = Person("sub-leaver", "leaver@corp.example", ["qg-sales"], "Sales");
        using var client = factory.CreateTestClient();
        await SingleSignOnFactory.SignInThroughProviderAsync(client);

        factory.Provider.SignedInUser = Person("sub-leaver", "leaver@corp.example", [], "Sales");
        using var later = factory.CreateTestClient();
        var answer = await SingleSignOnFactory.SignInThroughProviderAsync(later);

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        var refused = await factory.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == AuditAction.SignInFailed)
            .Join(db.Users.Where(u => u.Email == "leaver@corp.example"), a => a.EntityId, u => u.Id, (a, _) => a).CountAsync());
        Assert.Equal(1, refused);
    }

    [Fact]
    public async Task An_e_mail_address_held_by_a_local_account_is_not_taken_over()
    {
        factory.Provider.SignedInUser = Person("sub-impostor", "sales@demo.local", ["qg-admins"], "Management");
        using var client = factory.CreateTestClient();

        var answer = await SingleSignOnFactory.SignInThroughProviderAsync(client);

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Contains(Texts.English("External.Refused.EmailTaken", Provider), (await TestClient.ParseAsync(answer)).Body!.TextContent);
        Assert.False(await factory.WithDbAsync(db => db.UserLogins.AnyAsync(l => l.ProviderKey == "sub-impostor")));
    }

    [Fact]
    public async Task A_tampered_state_is_refused()
    {
        factory.Provider.SignedInUser = Person("sub-state", "state@corp.example", ["qg-sales"], "Sales");
        using var client = factory.CreateTestClient();

        var answer = await SingleSignOnFactory.SignInThroughProviderAsync(client, uri => Replace(uri, "state", state => state[..^4] + "AAAA"));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains(Texts.English("External.Failed", Provider), (await TestClient.ParseAsync(answer)).Body!.TextContent);
        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "state@corp.example")));
    }

    [Fact]
    public async Task An_id_token_carrying_another_nonce_is_refused()
    {
        factory.Provider.SignedInUser = Person("sub-nonce", "nonce@corp.example", ["qg-sales"], "Sales");
        factory.Provider.TamperNonce = true;
        using var client = factory.CreateTestClient();

        try
        {
            var answer = await SingleSignOnFactory.SignInThroughProviderAsync(client);

            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
            Assert.Contains(Texts.English("External.Failed", Provider), (await TestClient.ParseAsync(answer)).Body!.TextContent);
            Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "nonce@corp.example")));
        }
        finally
        {
            factory.Provider.TamperNonce = false;
        }
    }

    [Fact]
    public async Task Signing_out_ends_the_session_at_the_provider_too()
    {
        factory.Provider.SignedInUser = Person("sub-out", "out@corp.example", ["qg-sales"], "Sales");
        using var client = factory.CreateTestClient();
        await SingleSignOnFactory.SignInThroughProviderAsync(client);
        var endSessions = factory.Provider.EndSessionRequests;

        var logout = await client.GetAsync("/Account/Logout");
        // The browser follows the posted form's redirect to the provider only if the page's form-action allows it.
        Assert.Contains($"form-action 'self' {factory.Provider.Authority.GetLeftPart(UriPartial.Authority)};",
            logout.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var signOut = await client.SubmitAsync(await TestClient.ParseAsync(logout), new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Contains("id_token_hint=", signOut.Headers.Location!.Query, StringComparison.Ordinal);
        var back = await SingleSignOnFactory.FollowAtProviderAsync(signOut.Headers.Location!);
        var landing = await client.GetAsync(back.PathAndQuery);

        Assert.Equal(endSessions + 1, factory.Provider.EndSessionRequests);
        Assert.Null(factory.Provider.SignedInUser);
        Assert.Equal("/Account/Login", landing.Headers.Location!.PathAndQuery());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Someone_signed_in_through_the_provider_has_no_password_here_to_change()
    {
        factory.Provider.SignedInUser = Person("sub-pw", "pw@corp.example", ["qg-sales"], "Sales");
        using var client = factory.CreateTestClient();
        await SingleSignOnFactory.SignInThroughProviderAsync(client);

        var page = await client.GetPageAsync("/Account/ChangePassword");

        Assert.Contains(Texts.English("ChangePassword.NoPassword", Provider), page.Body!.TextContent);
        Assert.Null(page.QuerySelector("main form[method=post]"));
        // Nor does their menu offer it; a person with a password still finds it there.
        Assert.Null(page.QuerySelector("header a[href='/Account/ChangePassword']"));
        using var local = factory.CreateTestClient();
        await local.SignInSuccessfullyAsync("admin@demo.local");
        Assert.NotNull((await local.GetPageAsync("/")).QuerySelector("header a[href='/Account/ChangePassword']"));
    }

    [Fact]
    public async Task Passwords_are_kept_for_administrators_only()
    {
        using var client = factory.CreateTestClient();
        var login = await client.GetPageAsync("/Account/Login");
        Assert.Contains(Texts.English("Login.SignInWith", Provider), login.Body!.TextContent);

        var salesRep = await client.SignInAsync("sales@demo.local");
        var administrator = await client.SignInAsync("admin@demo.local");

        Assert.Contains(Texts.English("Login.Failed"), (await TestClient.ParseAsync(salesRep)).Body!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, administrator.StatusCode);
    }

    [Fact]
    public async Task A_person_an_administrator_locked_is_refused_although_the_provider_vouches_for_them()
    {
        factory.Provider.SignedInUser = Person("sub-locked", "locked@corp.example", ["qg-sales"], "Sales");
        using (var first = factory.CreateTestClient())
        {
            await SingleSignOnFactory.SignInThroughProviderAsync(first);
        }

        var id = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == "locked@corp.example").Select(u => u.Id).SingleAsync());
        using var admin = factory.CreateTestClient();
        await admin.SignInSuccessfullyAsync("admin@demo.local");
        var edit = await admin.GetPageAsync($"/Admin/Users/Edit/{id}");
        Assert.Contains(Texts.English("Users.FromDirectory", Provider), edit.Body!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(edit, new Dictionary<string, string>(), "form[action*='handler=Lock']")).StatusCode);

        using var client = factory.CreateTestClient();
        var answer = await SingleSignOnFactory.SignInThroughProviderAsync(client);

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Contains(Texts.English("External.Refused.Locked"), (await TestClient.ParseAsync(answer)).Body!.TextContent);
    }

    [Fact]
    public async Task A_sign_in_started_on_one_instance_is_completed_by_another()
    {
        factory.Provider.SignedInUser = Person("sub-two", "two@corp.example", ["qg-sales"], "Sales");
        await using var second = factory.SecondInstance();
        // One browser, whose requests the load balancer sends to either instance.
        var cookies = new CookieContainer();
        using var onFirst = BrowserOf(factory, cookies);
        using var onSecond = BrowserOf(second, cookies);

        var toProvider = await onFirst.GetAsync(await SingleSignOnFactory.SignInLinkAsync(onFirst));
        var answer = await SingleSignOnFactory.FollowAtProviderAsync(toProvider.Headers.Location!);
        var callback = await onSecond.GetAsync(answer.PathAndQuery);
        var signedIn = await onFirst.GetAsync(callback.Headers.Location!.PathAndQuery());

        Assert.Equal("/", signedIn.Headers.Location!.PathAndQuery());
        Assert.Equal(HttpStatusCode.OK, (await onSecond.GetAsync("/Promises/Create")).StatusCode);
    }

    private static TestClient BrowserOf(QualityGatesFactory instance, CookieContainer cookies) =>
        new(new HttpClient(new CookieContainerHandler(cookies) { InnerHandler = instance.Server.CreateHandler() })
        {
            BaseAddress = new Uri("https://localhost"),
        });

    private static Uri Replace(Uri uri, string parameter, Func<string, string> change)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(uri.Query);
        var changed = query.ToDictionary(p => p.Key, p => (string?)(p.Key == parameter ? change(p.Value.ToString()) : p.Value.ToString()));
        return new Uri(Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(uri.GetLeftPart(UriPartial.Path), changed));
    }
}

/// <summary>The provider is down: the login page says so instead of failing.</summary>
public sealed class SingleSignOnProviderDownTests(SingleSignOnFactory factory) : IClassFixture<SingleSignOnFactory>
{
    [Fact]
    public async Task An_unreachable_provider_gives_a_clear_page_and_the_break_glass_password_still_works()
    {
        await factory.Provider.StopAsync();
        using var client = factory.CreateTestClient();

        var answer = await client.GetAsync(await SingleSignOnFactory.SignInLinkAsync(client));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
        Assert.Contains(Texts.English("External.Unreachable", SingleSignOnFactory.ProviderName), (await TestClient.ParseAsync(answer)).Body!.TextContent);
        await client.SignInSuccessfullyAsync("admin@demo.local");
    }
}

/// <summary>
/// Everyone through the provider: no passwords at all, and the first sign-in takes over the local account of the same
/// address (LinkExistingAccountsByEmail), once.
/// </summary>
public sealed class SingleSignOnOnlyTests(SingleSignOnOnlyTests.DirectoryOnlyFactory factory)
    : IClassFixture<SingleSignOnOnlyTests.DirectoryOnlyFactory>
{
    public sealed class DirectoryOnlyFactory : SingleSignOnFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Authentication:OpenIdConnect:LocalAccounts", "Disabled");
            builder.UseSetting("Authentication:OpenIdConnect:LinkExistingAccountsByEmail", "true");
        }
    }

    [Fact]
    public async Task The_login_page_offers_no_password_form_and_a_posted_password_is_not_checked()
    {
        using var client = factory.CreateTestClient();
        var login = await client.GetPageAsync("/Account/Login");

        Assert.Null(login.QuerySelector("#password-sign-in"));
        Assert.NotNull(login.QuerySelector("main a[href^='/Account/External']"));
        // The language switch's token: the post is refused for what it is, not for a missing token.
        var token = login.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var posted = await client.Http.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = "admin@demo.local",
            ["Input.Password"] = Web.Data.Seeding.DemoData.Password,
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task The_local_account_keeps_its_history_and_a_second_identity_with_the_same_address_is_refused()
    {
        var localId = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == "presales@demo.local").Select(u => u.Id).SingleAsync());
        factory.Provider.SignedInUser = new TestIdentityUser("sub-paul", "Paul Presales-Meyer", "presales@demo.local", ["qg-sales"], "PreSales");
        using var client = factory.CreateTestClient();

        Assert.Equal(HttpStatusCode.Redirect, (await SingleSignOnFactory.SignInThroughProviderAsync(client)).StatusCode);

        var linked = await factory.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == "presales@demo.local"));
        Assert.Equal((localId, "Paul Presales-Meyer"), (linked.Id, linked.DisplayName));
        Assert.Contains("Paul Presales-Meyer", (await client.GetPageAsync("/")).Body!.TextContent);

        factory.Provider.SignedInUser = new TestIdentityUser("sub-other", "Someone Else", "presales@demo.local", ["qg-sales"], "PreSales");
        using var other = factory.CreateTestClient();
        Assert.Equal(HttpStatusCode.Forbidden, (await SingleSignOnFactory.SignInThroughProviderAsync(other)).StatusCode);
    }
}
