using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

public sealed class UserAdministrationTests(QualityGatesFactory factory) : IClassFixture<QualityGatesFactory>
{
    private async Task<TestClient> AdminAsync()
    {
        var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync("admin@demo.local");
        return client;
    }

    private Task<AppUser> UserAsync(string email) =>
        factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email));

    private async Task<string?> RoleOfAsync(string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return (await users.GetRolesAsync((await users.FindByEmailAsync(email))!)).SingleOrDefault();
    }

    [Fact]
    public async Task An_administrator_creates_a_user_who_can_then_sign_in()
    {
        using var admin = await AdminAsync();

        var response = await admin.SubmitAsync("/Admin/Users/Create", new Dictionary<string, string>
        {
            ["Input.Email"] = "new.rep@demo.local",
            ["Input.DisplayName"] = "Nina New",
            ["Input.DepartmentId"] = await factory.DepartmentAsync("PreSales"),
            ["Input.Role"] = Roles.SalesRep,
            ["Input.Password"] = "initial password 2026",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Roles.SalesRep, await RoleOfAsync("new.rep@demo.local"));
        using var newUser = factory.CreateTestClient();
        await newUser.SignInSuccessfullyAsync("new.rep@demo.local", "initial password 2026");
        Assert.Contains("Nina New", (await newUser.GetPageAsync("/")).Body!.TextContent);
    }

    [Fact]
    public async Task A_role_must_fit_the_department_and_a_password_must_be_long_enough()
    {
        using var admin = await AdminAsync();

        var page = await TestClient.ParseAsync(await admin.SubmitAsync("/Admin/Users/Create", new Dictionary<string, string>
        {
            ["Input.Email"] = "wrong.fit@demo.local",
            ["Input.DisplayName"] = "Wrong Fit",
            ["Input.DepartmentId"] = await factory.DepartmentAsync("Service"),
            ["Input.Role"] = Roles.SalesRep,
            ["Input.Password"] = "too short",
        }));

        Assert.Equal(Texts.English("Users.RoleDoesNotFitDepartment", Texts.English("Role.SalesRep")), page.FieldError("Input.DepartmentId"));
        Assert.Equal("The password must have at least 12 characters.", page.FieldError("Input.Password"));
        Assert.Equal("wrong.fit@demo.local", page.InputValue("Input.Email"));
        Assert.False(await factory.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "wrong.fit@demo.local")));
    }

    [Fact]
    public async Task A_stale_edit_form_is_refused_and_the_other_change_kept()
    {
        using var first = await AdminAsync();
        using var second = await AdminAsync();
        var user = await UserAsync("marketing@demo.local");
        var staleForm = await second.GetPageAsync($"/Admin/Users/Edit/{user.Id}");
        await first.SubmitAsync($"/Admin/Users/Edit/{user.Id}", new Dictionary<string, string> { ["Input.DisplayName"] = "First writer" });

        var response = await second.SubmitAsync(staleForm, new Dictionary<string, string> { ["Input.DisplayName"] = "Second writer" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ParseAsync(response);

        Assert.Contains(Texts.English("Messages.ConcurrencyConflict"), page.Body!.TextContent);
        Assert.Equal("First writer", (await UserAsync("marketing@demo.local")).DisplayName);
    }

    [Fact]
    public async Task A_second_user_with_the_same_email_is_refused()
    {
        using var admin = await AdminAsync();

        var page = await TestClient.ParseAsync(await admin.SubmitAsync("/Admin/Users/Create", new Dictionary<string, string>
        {
            ["Input.Email"] = "sales@demo.local",
            ["Input.DisplayName"] = "Duplicate",
            ["Input.DepartmentId"] = await factory.DepartmentAsync("Sales"),
            ["Input.Role"] = Roles.SalesRep,
            ["Input.Password"] = "a perfectly long password",
        }));

        Assert.Equal("A user with this e-mail address already exists.", page.FieldError("Input.Email"));
    }

    [Fact]
    public async Task A_locked_user_cannot_sign_in_until_unlocked()
    {
        using var admin = await AdminAsync();
        var user = await UserAsync("production.manager@demo.local");

        var locked = await admin.SubmitAsync($"/Admin/Users/Edit/{user.Id}", new Dictionary<string, string>(), "form[action*='handler=Lock']");
        Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);
        using (var refused = factory.CreateTestClient())
        {
            Assert.Equal(HttpStatusCode.OK, (await refused.SignInAsync("production.manager@demo.local")).StatusCode);
        }

        await admin.SubmitAsync($"/Admin/Users/Edit/{user.Id}", new Dictionary<string, string>(), "form[action*='handler=Unlock']");
        using var allowed = factory.CreateTestClient();
        await allowed.SignInSuccessfullyAsync("production.manager@demo.local");
    }

    [Fact]
    public async Task Changing_a_users_department_and_role_takes_effect_on_their_rights()
    {
        using var admin = await AdminAsync();
        var user = await UserAsync("presales@demo.local");

        var saved = await admin.SubmitAsync($"/Admin/Users/Edit/{user.Id}", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Paul Executive",
            ["Input.DepartmentId"] = await factory.DepartmentAsync("Management"),
            ["Input.Role"] = Roles.Executive,
        }, "form:not([action])");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(Roles.Executive, await RoleOfAsync("presales@demo.local"));
        Assert.Equal("Paul Executive", (await UserAsync("presales@demo.local")).DisplayName);
        using var paul = factory.CreateTestClient();
        await paul.SignInSuccessfullyAsync("presales@demo.local");
        Assert.Equal(HttpStatusCode.Forbidden, (await paul.GetAsync("/Promises/Create")).StatusCode);
    }

    [Fact]
    public async Task An_administrator_resets_a_password()
    {
        using var admin = await AdminAsync();
        var user = await UserAsync("aftersales@demo.local");

        var response = await admin.SubmitAsync($"/Admin/Users/Edit/{user.Id}",
            new Dictionary<string, string> { ["Password.NewPassword"] = "reset by the administrator" },
            "form[action*='handler=ResetPassword']");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync("aftersales@demo.local", "reset by the administrator");
    }

    [Fact]
    public async Task An_administrator_cannot_lock_themselves_out()
    {
        using var admin = await AdminAsync();
        var self = await UserAsync("admin@demo.local");

        var page = await admin.GetPageAsync($"/Admin/Users/Edit/{self.Id}");
        Assert.Null(page.QuerySelector("form[action*='handler=Lock']"));
        var demoted = await TestClient.ParseAsync(await admin.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Input.Role"] = Roles.Executive,
        }, "form:not([action])"));

        Assert.Equal("You cannot take away your own administrator role.", demoted.FieldError("Input.Role"));
        Assert.Equal(Roles.Administrator, await RoleOfAsync("admin@demo.local"));
    }

    [Fact]
    public async Task The_user_list_searches_by_name_and_filters_by_role()
    {
        using var admin = await AdminAsync();

        var managers = await admin.GetPageAsync("/Admin/Users?role=ServiceManager");
        var search = await admin.GetPageAsync("/Admin/Users?q=stefan");

        Assert.Equal(3, managers.QuerySelectorAll("tbody tr").Length);
        Assert.Single(search.QuerySelectorAll("tbody tr"));
        Assert.Contains("service.manager@demo.local", search.QuerySelector("tbody")!.TextContent);
    }
}
