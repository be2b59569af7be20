using System.Net;
using Microsoft.EntityFrameworkCore;
using QualityGates.Web.Authorization;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

/// <summary>Locking a user or changing their role reaches their open sessions within the security-stamp interval.</summary>
public sealed class SessionRevocationTests(QualityGatesFactory factory) : IClassFixture<QualityGatesFactory>
{
    private static readonly TimeSpan _interval = TimeSpan.FromMinutes(5);

    private async Task<string> UserIdAsync(string email) =>
        await factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    [Fact]
    public async Task A_locked_users_open_session_ends_within_five_minutes()
    {
        using var user = factory.CreateTestClient();
        await user.SignInSuccessfullyAsync("service.manager@demo.local");
        using var admin = factory.CreateTestClient();
        await admin.SignInSuccessfullyAsync("admin@demo.local");

        var locked = await admin.SubmitAsync($"/Admin/Users/Edit/{await UserIdAsync("service.manager@demo.local")}",
            new Dictionary<string, string>(), "form[action*='handler=Lock']");
        Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);

        factory.Clock.Advance(_interval + TimeSpan.FromSeconds(1));
        var after = await user.GetAsync("/Envelopes");

        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/Login", after.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_users_open_session_ends_within_five_minutes_of_a_role_change()
    {
        using var user = factory.CreateTestClient();
        await user.SignInSuccessfullyAsync("presales@demo.local");
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/Promises/Create")).StatusCode);
        using var admin = factory.CreateTestClient();
        await admin.SignInSuccessfullyAsync("admin@demo.local");

        var saved = await admin.SubmitAsync($"/Admin/Users/Edit/{await UserIdAsync("presales@demo.local")}",
            new Dictionary<string, string> { ["Input.Role"] = Roles.Executive, ["Input.DepartmentId"] = await DepartmentIdAsync("Management") },
            "form:not([action])");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        factory.Clock.Advance(_interval + TimeSpan.FromSeconds(1));

        var after = await user.GetAsync("/Promises/Create");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/Login", after.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);

        await user.SignInSuccessfullyAsync("presales@demo.local");
        Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync("/Promises/Create")).StatusCode);
    }

    private async Task<string> DepartmentIdAsync(string name) =>
        await factory.WithDbAsync(db => db.Departments.Where(d => d.Name.English == name)
            .Select(d => d.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).SingleAsync());
}
