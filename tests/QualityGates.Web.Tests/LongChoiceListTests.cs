using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

/// <summary>
/// Customers and people are chosen by typing: a page sends only the chosen option (and the empty one), never the
/// whole list, and keeps the choice with its name when a form comes back with errors.
/// </summary>
public sealed class LongChoiceListTests(QualityGatesFactory factory) : IClassFixture<QualityGatesFactory>
{
    private async Task<TestClient> SignedInAsync(string email)
    {
        var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync(email);
        return client;
    }

    private Task<string> CustomerIdAsync(string name) =>
        factory.WithDbAsync(async db => (await db.Customers.SingleAsync(c => c.Name == name)).Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static IHtmlSelectElement Select(IHtmlDocument page, string name) =>
        page.QuerySelector<IHtmlSelectElement>($"select[name='{name}']") ?? throw new InvalidOperationException($"No select {name}");

    private static void AssertChosen(IHtmlDocument page, string name, string value, string text)
    {
        var options = page.SelectOptions(name);
        Assert.Equal(["", value], options.Select(o => o.Value));
        Assert.Equal(text, options.Single(o => o.IsSelected).Text);
    }

    public static TheoryData<string, string, string, string> CustomerAndOwnerSelects => new()
    {
        { "sales@demo.local", "/Promises", "customerId", "/Customers/Search" },
        { "sales@demo.local", "/Promises/Create", "Input.CustomerId", "/Customers/Search" },
        { "exec@demo.local", "/Dashboard", "Input.CustomerId", "/Customers/Search" },
        { "aftersales@demo.local", "/Feedback", "CustomerId", "/Customers/Search" },
        { "aftersales@demo.local", "/Feedback/Create", "Input.CustomerId", "/Customers/Search" },
        { "aftersales@demo.local", "/Lessons", "CustomerId", "/Customers/Search" },
        { "aftersales@demo.local", "/Lessons/Create", "Input.CustomerId", "/Customers/Search" },
        { "aftersales@demo.local", "/Actions", "OwnerId", "/Users/Search?actionOwners=True" },
    };

    [Theory]
    [MemberData(nameof(CustomerAndOwnerSelects))]
    public async Task A_page_with_nothing_chosen_sends_only_the_empty_option_and_where_to_search(string email, string url, string select, string searchUrl)
    {
        using var client = await SignedInAsync(email);

        var page = await client.GetPageAsync(url);

        Assert.Equal([""], page.SelectOptions(select).Select(o => o.Value));
        Assert.Equal(searchUrl, Select(page, select).GetAttribute("data-typeahead-url"));
        Assert.Equal(Texts.English("TypeAhead.NoResults"), Select(page, select).GetAttribute("data-typeahead-no-results"));
    }

    [Fact]
    public async Task The_register_and_the_dashboard_show_the_filtered_customer_as_the_only_choice()
    {
        using var client = await SignedInAsync("exec@demo.local");
        var id = await CustomerIdAsync("Klinikum am Park");

        var register = await client.GetPageAsync($"/Promises?customerId={id}");
        var dashboard = await client.GetPageAsync($"/Dashboard?Input.CustomerId={id}");

        AssertChosen(register, "customerId", id, "Klinikum am Park");
        AssertChosen(dashboard, "Input.CustomerId", id, "Klinikum am Park");
    }

    [Fact]
    public async Task A_promise_form_refused_for_errors_keeps_the_chosen_customer_with_its_name()
    {
        using var client = await SignedInAsync("sales@demo.local");
        var id = await CustomerIdAsync("Elbe Energie AG");
        var form = await factory.NewPromiseFormAsync("");
        form["Input.CustomerId"] = id;

        var response = await client.SubmitAsync("/Promises/Create", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        Assert.NotEqual("", page.FieldError("Input.Title"));
        AssertChosen(page, "Input.CustomerId", id, "Elbe Energie AG");
    }

    [Fact]
    public async Task A_new_action_offers_its_author_as_owner_and_looks_for_others_among_active_action_owners()
    {
        using var client = await SignedInAsync("aftersales@demo.local");
        var authorId = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == "aftersales@demo.local").Select(u => u.Id).SingleAsync());

        var page = await client.GetPageAsync("/Actions/Create");

        AssertChosen(page, "Input.OwnerId", authorId, "Alex AfterSales");
        Assert.Equal("/Users/Search?actionOwners=True&active=True", Select(page, "Input.OwnerId").GetAttribute("data-typeahead-url"));
    }
}
