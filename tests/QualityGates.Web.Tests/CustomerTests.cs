using System.Net;
using Microsoft.EntityFrameworkCore;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

public sealed class CustomerTests(QualityGatesFactory factory) : IClassFixture<QualityGatesFactory>
{
    [Fact]
    public async Task A_sales_rep_adds_a_customer_that_then_appears_in_the_list()
    {
        using var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync("sales@demo.local");

        var response = await client.SubmitAsync("/Customers/Create", new Dictionary<string, string>
        {
            ["Input.Name"] = "Zeppelin Aerospace GmbH",
            ["Input.AccountNumber"] = "C-99001",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var list = await client.GetPageAsync("/Customers?q=zeppelin");
        Assert.Single(list.QuerySelectorAll("tbody tr"));
        Assert.Contains("C-99001", list.QuerySelector("tbody")!.TextContent);
    }

    [Fact]
    public async Task A_duplicate_or_empty_name_is_refused_and_nothing_is_saved()
    {
        using var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync("sales@demo.local");
        var existing = await factory.WithDbAsync(db => db.Customers.OrderBy(c => c.Id).FirstAsync());
        var count = await factory.WithDbAsync(db => db.Customers.CountAsync());

        var duplicate = await TestClient.ParseAsync(await client.SubmitAsync("/Customers/Create",
            new Dictionary<string, string> { ["Input.Name"] = existing.Name }));
        var empty = await TestClient.ParseAsync(await client.SubmitAsync("/Customers/Create",
            new Dictionary<string, string> { ["Input.Name"] = "", ["Input.AccountNumber"] = "C-1" }));

        Assert.Equal("A customer with this name already exists.", duplicate.FieldError("Input.Name"));
        Assert.Equal("Enter the customer's name.", empty.FieldError("Input.Name"));
        Assert.Equal("C-1", empty.InputValue("Input.AccountNumber"));
        Assert.Equal(count, await factory.WithDbAsync(db => db.Customers.CountAsync()));
    }

    [Theory]
    [InlineData("service.manager@demo.local")]
    [InlineData("exec@demo.local")]
    public async Task Only_sales_reps_and_administrators_add_customers(string email)
    {
        using var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync(email);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Customers/Create")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Customers")).StatusCode);
    }
}
