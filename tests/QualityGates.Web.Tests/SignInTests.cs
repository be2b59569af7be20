using System.Net;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

public sealed class SignInTests(QualityGatesFactory factory) : IClassFixture<QualityGatesFactory>
{
    [Fact]
    public async Task A_demo_user_signs_in_and_sees_my_work()
    {
        using var client = factory.CreateTestClient();

        var response = await client.SignInAsync("sales@demo.local");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var home = await client.GetPageAsync("/");
        Assert.Contains("Sara Sales", home.Body!.TextContent);
        Assert.Equal("My work", home.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task The_auth_cookie_is_http_only_secure_and_not_persistent()
    {
        using var client = factory.CreateTestClient();

        var response = await client.SignInAsync("exec@demo.local");

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("QualityGates.Auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message_that_does_not_tell_whether_the_account_exists()
    {
        using var client = factory.CreateTestClient();

        var wrongPassword = await TestClient.ParseAsync(await client.SignInAsync("presales@demo.local", "not-the-password-at-all"));
        var unknownUser = await TestClient.ParseAsync(await client.SignInAsync("nobody@demo.local", "not-the-password-at-all"));

        Assert.Contains(Texts.English("Login.Failed"), wrongPassword.Body!.TextContent);
        Assert.Contains(Texts.English("Login.Failed"), unknownUser.Body!.TextContent);
        Assert.Equal("presales@demo.local", wrongPassword.InputValue("Input.Email"));
    }

    [Fact]
    public async Task Five_failed_attempts_lock_the_account_even_for_the_right_password()
    {
        using var client = factory.CreateTestClient();
        for (var i = 0; i < 5; i++)
        {
            await client.SignInAsync("marketing@demo.local", "wrong-password-number-" + i);
        }

        var response = await client.SignInAsync("marketing@demo.local");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Texts.English("Login.Failed"), (await TestClient.ParseAsync(response)).Body!.TextContent);
    }

    [Fact]
    public async Task Empty_fields_are_refused_next_to_the_fields()
    {
        using var client = factory.CreateTestClient();

        var page = await TestClient.ParseAsync(await client.SignInAsync("", ""));

        Assert.Equal("Enter your e-mail address.", page.FieldError("Input.Email"));
        Assert.Equal("Enter your password.", page.FieldError("Input.Password"));
    }

    [Fact]
    public async Task A_return_url_to_another_site_is_ignored()
    {
        using var client = factory.CreateTestClient();
        var login = await client.GetPageAsync("/Account/Login?ReturnUrl=https%3A%2F%2Fevil.example%2F");

        var response = await client.SubmitAsync(login, new Dictionary<string, string>
        {
            ["Input.Email"] = "exec@demo.local",
            ["Input.Password"] = Data.Seeding.DemoData.Password,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_local_return_url_is_followed_after_sign_in()
    {
        using var client = factory.CreateTestClient();
        var challenge = await client.GetAsync("/Customers");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);

        var login = await client.GetPageAsync(challenge.Headers.Location!.PathAndQuery());
        var response = await client.SubmitAsync(login, new Dictionary<string, string>
        {
            ["Input.Email"] = "exec@demo.local",
            ["Input.Password"] = Data.Seeding.DemoData.Password,
        });

        Assert.Equal("/Customers", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        using var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync("aftersales@demo.local");
        var home = await client.GetPageAsync("/");

        await client.SubmitAsync(home, new Dictionary<string, string>(), "form[action='/Account/Logout']");

        var after = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/Login", after.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_changes_their_password_and_signs_in_with_the_new_one()
    {
        using var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync("projects.manager@demo.local");

        var tooShort = await TestClient.ParseAsync(await client.SubmitAsync("/Account/ChangePassword", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = Data.Seeding.DemoData.Password,
            ["Input.NewPassword"] = "short",
            ["Input.ConfirmPassword"] = "short",
        }));
        Assert.Equal("The password must have at least 12 characters.", tooShort.FieldError("Input.NewPassword"));

        var changed = await client.SubmitAsync("/Account/ChangePassword", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = Data.Seeding.DemoData.Password,
            ["Input.NewPassword"] = "a long new passphrase",
            ["Input.ConfirmPassword"] = "a long new passphrase",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        using var other = factory.CreateTestClient();
        Assert.Equal(HttpStatusCode.OK, (await other.SignInAsync("projects.manager@demo.local")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await other.SignInAsync("projects.manager@demo.local", "a long new passphrase")).StatusCode);
    }
}
