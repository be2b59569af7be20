using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QualityGates.Domain.Customers;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;
using QualityGates.Web.Data.Seeding;
using QualityGates.Web.Pages.Shared;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

/// <summary>The JSON searches behind the type-ahead selects: few, matching, signed-in only.</summary>
public sealed class TypeAheadSearchTests(QualityGatesFactory factory) : IClassFixture<QualityGatesFactory>
{
    private sealed record CustomerMatch(int Id, string Name);

    private sealed record UserMatch(string Id, string Name, string Department);

    private async Task<TestClient> SignedInAsync(string email = "sales@demo.local")
    {
        var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync(email);
        return client;
    }

    private static async Task<List<T>> SearchAsync<T>(TestClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<List<T>>())!;
    }

    [Fact]
    public async Task A_customer_search_answers_at_most_twenty_matches_in_name_order()
    {
        await factory.WithDbAsync(async db =>
        {
            db.Customers.AddRange(Enumerable.Range(1, 25).Select(i =>
                new Customer($"Zeppelin Werk {i:00}", $"ZW-{i:00}", factory.Clock.GetUtcNow().UtcDateTime)));
            return await db.SaveChangesAsync();
        });
        using var client = await SignedInAsync();

        var matches = await SearchAsync<CustomerMatch>(client, "/Customers/Search?q=zeppelin%20WERK");

        Assert.Equal(TypeAheadSearch.MaxResults, matches.Count);
        Assert.Equal(Enumerable.Range(1, 20).Select(i => $"Zeppelin Werk {i:00}"), matches.Select(m => m.Name));
    }

    [Fact]
    public async Task A_customer_is_found_by_part_of_its_name_or_its_account_number_and_names_starting_with_the_text_come_first()
    {
        using var client = await SignedInAsync();

        var byName = await SearchAsync<CustomerMatch>(client, "/Customers/Search?q=BAU");
        var byAccount = await SearchAsync<CustomerMatch>(client, "/Customers/Search?q=c-10003");

        Assert.Equal(["Baumann Bau GmbH & Co. KG", "Müller Maschinenbau GmbH"], byName.Select(m => m.Name));
        var stadtwerke = Assert.Single(byAccount);
        Assert.Equal("Stadtwerke Bergheim", stadtwerke.Name);
        Assert.Equal(await factory.WithDbAsync(db => db.Customers.Where(c => c.AccountNumber == "C-10003").Select(c => c.Id).SingleAsync()), stadtwerke.Id);
    }

    [Fact]
    public async Task A_person_is_found_by_name_with_their_department()
    {
        using var client = await SignedInAsync();

        var sara = Assert.Single(await SearchAsync<UserMatch>(client, "/Users/Search?q=sara"));

        Assert.Equal(("Sara Sales", "Sales"), (sara.Name, sara.Department));
        Assert.Equal(await factory.WithDbAsync(db => db.Users.Where(u => u.Email == "sales@demo.local").Select(u => u.Id).SingleAsync()), sara.Id);
    }

    [Fact]
    public async Task The_asking_page_narrows_people_to_action_owners_to_departments_and_to_those_not_locked_out()
    {
        await AddLockedAfterSalesUserAsync("Alex Locked");
        var sales = await factory.DepartmentAsync("Sales");
        var service = await factory.DepartmentAsync("Service");
        using var client = await SignedInAsync();

        var anyone = await SearchAsync<UserMatch>(client, "/Users/Search?q=e");
        var owners = await SearchAsync<UserMatch>(client, "/Users/Search?q=e&actionOwners=true");
        var activeOwners = await SearchAsync<UserMatch>(client, "/Users/Search?q=alex&actionOwners=true&active=true");
        var inDepartments = await SearchAsync<UserMatch>(client, $"/Users/Search?departmentId={sales}&departmentId={service}&active=true");

        Assert.Contains("Sara Sales", anyone.Select(u => u.Name));
        Assert.Equal(["Alex AfterSales", "Alex Locked", "Peter Production", "Petra Projects", "Stefan Service"],
            owners.Select(u => u.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["Alex AfterSales"], activeOwners.Select(u => u.Name));
        Assert.Equal(["Sara Sales", "Stefan Service"], inDepartments.Select(u => u.Name));
    }

    [Theory]
    [InlineData("/Customers/Search?q=m")]
    [InlineData("/Users/Search?q=s")]
    public async Task The_searches_send_anonymous_visitors_to_the_login_page(string url)
    {
        using var client = factory.CreateTestClient();

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login?ReturnUrl=", response.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
    }

    private async Task AddLockedAfterSalesUserAsync(string displayName)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser
        {
            UserName = "locked.aftersales@demo.local",
            Email = "locked.aftersales@demo.local",
            DisplayName = displayName,
            DepartmentId = int.Parse(await factory.DepartmentAsync("AfterSales"), CultureInfo.InvariantCulture),
        };
        Assert.True((await users.CreateAsync(user, DemoData.Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.AfterSales)).Succeeded);
        // As an administrator locks a user (Admin/Users/Edit).
        Assert.True((await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue)).Succeeded);
    }
}
