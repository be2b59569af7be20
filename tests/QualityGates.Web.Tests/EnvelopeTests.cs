using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using QualityGates.Domain.Envelopes;
using QualityGates.Domain.Promises;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

public sealed class EnvelopeTests(QualityGatesFactory factory) : IClassFixture<QualityGatesFactory>
{
    private const string ServiceManager = "service.manager@demo.local";

    private async Task<Dictionary<string, string>> ValidFormAsync(string name) => new()
    {
        ["Input.Name"] = name,
        ["Input.CategoryId"] = await factory.CategoryAsync("Resolution time"),
        ["Input.Metric"] = "Resolution of critical faults",
        ["Input.Comparator"] = nameof(TargetComparator.AtMost),
        ["Input.Bound"] = "8",
        ["Input.Unit"] = "h",
    };

    private Task<CapabilityEnvelope> StoredAsync(string name) =>
        factory.WithDbAsync(db => db.CapabilityEnvelopes.AsNoTracking().SingleAsync(e => e.Name.English == name));

    /// <summary>A Service envelope defined through the form by Service's manager; its edit page's url.</summary>
    private async Task<(TestClient Client, string EditUrl)> DefineAsync(string name)
    {
        var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync(ServiceManager);
        var response = await client.SubmitAsync("/Envelopes/Create", await ValidFormAsync(name));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (client, $"/Envelopes/Edit/{(await StoredAsync(name)).Id}");
    }

    private static async Task<string> TokenOfAsync(TestClient client) =>
        (await client.GetPageAsync("/Account/ChangePassword"))
        .QuerySelector<IHtmlInputElement>("input[name='__RequestVerificationToken']")!.Value;

    [Fact]
    public async Task A_service_manager_defines_an_envelope_that_is_active_and_listed_for_everyone()
    {
        var (client, editUrl) = await DefineAsync("Critical faults fixed within 8 h");
        using var _ = client;

        var stored = await StoredAsync("Critical faults fixed within 8 h");
        Assert.True(stored.IsActive);
        Assert.Equal(await factory.DepartmentAsync("Service"), stored.DeliveringDepartmentId.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(TargetComparator.AtMost, stored.Comparator);
        Assert.Equal(8m, stored.Bound);

        var list = await client.GetPageAsync("/Envelopes?sort=-name");
        var row = list.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("Critical faults fixed within 8 h", StringComparison.Ordinal));
        Assert.Contains("Resolution of critical faults ≤ 8 h", row.TextContent);
        Assert.Contains(Texts.English("Envelopes.Active"), row.TextContent);
        Assert.NotNull(row.QuerySelector($"a[href='{editUrl}']"));

        using var reader = factory.CreateTestClient();
        await reader.SignInSuccessfullyAsync("sales@demo.local");
        var readersList = await reader.GetPageAsync("/Envelopes?sort=-name");
        Assert.Contains("Critical faults fixed within 8 h", readersList.QuerySelector("tbody")!.TextContent);
        Assert.Null(readersList.QuerySelector($"a[href='{editUrl}']"));
    }

    [Fact]
    public async Task An_envelope_named_in_both_languages_is_listed_in_the_readers_language()
    {
        using var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync(ServiceManager);
        var form = await ValidFormAsync("Critical faults fixed within 6 h");
        form["Input.NameGerman"] = "Kritische Störungen binnen 6 h behoben";
        form["Input.MetricGerman"] = "Behebung kritischer Störungen";
        form["Input.Bound"] = "6";
        form["Input.UnitGerman"] = "Std.";

        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync("/Envelopes/Create", form)).StatusCode);

        var stored = await StoredAsync("Critical faults fixed within 6 h");
        Assert.Equal("Kritische Störungen binnen 6 h behoben", stored.Name.German);
        using var german = factory.CreateTestClient();
        german.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de");
        await german.SignInSuccessfullyAsync("sales@demo.local");
        var list = await german.GetPageAsync("/Envelopes?sort=name");
        var row = list.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("Kritische Störungen binnen 6 h behoben", StringComparison.Ordinal));
        Assert.Contains("Lösungszeit", row.TextContent);
        Assert.Contains("Kundendienst", row.TextContent);
        Assert.Contains("Behebung kritischer Störungen ≤ 6 Std.", row.TextContent);
        var edit = await client.GetPageAsync($"/Envelopes/Edit/{stored.Id}");
        Assert.Equal("Kritische Störungen binnen 6 h behoben", edit.InputValue("Input.NameGerman"));
        Assert.Equal("Behebung kritischer Störungen", edit.InputValue("Input.MetricGerman"));
    }

    [Fact]
    public async Task Invalid_input_is_refused_next_to_the_fields_keeping_what_was_typed_and_saving_nothing()
    {
        using var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync(ServiceManager);
        var countBefore = await factory.WithDbAsync(db => db.CapabilityEnvelopes.CountAsync());
        var form = await ValidFormAsync("Delivery by the agreed date");
        form["Input.Metric"] = "Delivery <b>on time</b>";
        form["Input.Comparator"] = nameof(TargetComparator.ByDate);
        form["Input.Bound"] = "";
        form["Input.Unit"] = "";

        var response = await client.SubmitAsync("/Envelopes/Create", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        Assert.Equal(Texts.English("Envelopes.Form.NoDate"), page.FieldError("Input.Comparator"));
        Assert.Equal(Texts.English("Envelopes.Form.BoundRequired"), page.FieldError("Input.Bound"));
        Assert.Equal(Texts.English("Envelopes.Form.UnitRequired"), page.FieldError("Input.Unit"));
        Assert.Equal("Delivery by the agreed date", page.InputValue("Input.Name"));
        Assert.Equal("Delivery <b>on time</b>", page.InputValue("Input.Metric"));
        Assert.Equal(countBefore, await factory.WithDbAsync(db => db.CapabilityEnvelopes.CountAsync()));
    }

    [Fact]
    public async Task A_bound_typed_in_german_format_is_read_as_meant()
    {
        using var client = factory.CreateTestClient();
        client.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de");
        await client.SignInSuccessfullyAsync(ServiceManager);
        var form = await ValidFormAsync("Hotline-Verfügbarkeit");
        form["Input.Comparator"] = nameof(TargetComparator.AtLeast);
        form["Input.Bound"] = "99,5";
        form["Input.Unit"] = "%";

        var response = await client.SubmitAsync("/Envelopes/Create", form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(99.5m, (await StoredAsync("Hotline-Verfügbarkeit")).Bound);
    }

    [Fact]
    public async Task A_manager_of_another_department_gets_403_on_a_service_envelope_and_nothing_changes()
    {
        var (owner, editUrl) = await DefineAsync("Service-only envelope");
        var editPage = await owner.GetPageAsync(editUrl);
        owner.Dispose();

        using var projects = factory.CreateTestClient();
        await projects.SignInSuccessfullyAsync("projects.manager@demo.local");
        Assert.Equal(HttpStatusCode.Forbidden, (await projects.GetAsync(editUrl)).StatusCode);

        // Service's own form, with a fresh token for the Projects manager, posted by the Projects manager.
        var token = await TokenOfAsync(projects);
        var edit = await projects.SubmitAsync(editPage, new Dictionary<string, string>
        {
            ["Input.Name"] = "Hijacked",
            ["Input.Bound"] = "1",
            ["__RequestVerificationToken"] = token,
        });
        var deactivate = await projects.SubmitAsync(editPage, new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
        }, "form[action*='handler=Deactivate']");

        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, deactivate.StatusCode);
        var stored = await StoredAsync("Service-only envelope");
        Assert.Equal(8m, stored.Bound);
        Assert.True(stored.IsActive);
        Assert.Equal(0, stored.Version);
    }

    [Theory]
    [InlineData("sales@demo.local")]
    [InlineData("exec@demo.local")]
    [InlineData("aftersales@demo.local")]
    [InlineData("admin@demo.local")]
    public async Task Only_service_managers_may_open_the_new_envelope_form(string email)
    {
        using var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync(email);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Envelopes/Create")).StatusCode);
        var list = await client.GetPageAsync("/Envelopes");
        Assert.NotEmpty(list.QuerySelectorAll("tbody tr"));
        Assert.Null(list.QuerySelector("a[href='/Envelopes/Create']"));
    }

    [Fact]
    public async Task A_sales_rep_posting_a_new_envelope_gets_403_and_nothing_is_saved()
    {
        using var sales = factory.CreateTestClient();
        await sales.SignInSuccessfullyAsync("sales@demo.local");
        var form = await ValidFormAsync("Sales' own envelope");
        form["__RequestVerificationToken"] = await TokenOfAsync(sales);

        var response = await sales.Http.PostAsync("/Envelopes/Create", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.CapabilityEnvelopes.AnyAsync(e => e.Name.English == "Sales' own envelope")));
    }

    [Fact]
    public async Task A_service_manager_deactivates_an_envelope_and_activates_it_again()
    {
        var (client, editUrl) = await DefineAsync("To be deactivated");
        using var _ = client;

        var deactivated = await client.SubmitAsync(editUrl, new Dictionary<string, string>(), "form[action*='handler=Deactivate']");

        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);
        Assert.False((await StoredAsync("To be deactivated")).IsActive);
        var page = await client.GetPageAsync(deactivated.Headers.Location!.PathAndQuery());
        Assert.Contains(Texts.English("Envelopes.Deactivate.Done", "To be deactivated"), page.QuerySelector(".alert-success")!.TextContent);
        Assert.Equal(Texts.English("Envelopes.Inactive"), page.QuerySelector("h1 + div .badge")!.TextContent);
        var inactive = await client.GetPageAsync("/Envelopes?active=false&sort=-name");
        Assert.Contains("To be deactivated", inactive.QuerySelector("tbody")!.TextContent);
        var active = await client.GetPageAsync("/Envelopes?active=true&sort=-name");
        Assert.DoesNotContain("To be deactivated", active.QuerySelector("tbody")!.TextContent);

        var activated = await client.SubmitAsync(editUrl, new Dictionary<string, string>(), "form[action*='handler=Activate']");

        Assert.Equal(HttpStatusCode.Redirect, activated.StatusCode);
        Assert.True((await StoredAsync("To be deactivated")).IsActive);
    }

    [Fact]
    public async Task Editing_with_a_stale_form_is_refused_and_shows_the_current_state()
    {
        var (first, editUrl) = await DefineAsync("Concurrent envelope");
        using var _ = first;
        using var second = factory.CreateTestClient();
        await second.SignInSuccessfullyAsync(ServiceManager);
        var staleForm = await second.GetPageAsync(editUrl);

        var firstSave = await first.SubmitAsync(editUrl, new Dictionary<string, string> { ["Input.Bound"] = "12" });
        var response = await second.SubmitAsync(staleForm, new Dictionary<string, string> { ["Input.Bound"] = "4" });

        Assert.Equal(HttpStatusCode.Redirect, firstSave.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        Assert.Contains(Texts.English("Messages.ConcurrencyConflict"), page.QuerySelector(".alert-danger")!.TextContent);
        Assert.Equal("12", page.InputValue("Input.Bound"));
        Assert.Equal(12m, (await StoredAsync("Concurrent envelope")).Bound);
    }

    [Fact]
    public async Task Deactivating_from_a_stale_page_is_refused_and_changes_nothing()
    {
        var (first, editUrl) = await DefineAsync("Stale deactivation");
        using var _ = first;
        using var second = factory.CreateTestClient();
        await second.SignInSuccessfullyAsync(ServiceManager);
        var stalePage = await second.GetPageAsync(editUrl);

        await first.SubmitAsync(editUrl, new Dictionary<string, string> { ["Input.Bound"] = "10" });
        var response = await second.SubmitAsync(stalePage, new Dictionary<string, string>(), "form[action*='handler=Deactivate']");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await second.GetPageAsync(response.Headers.Location!.PathAndQuery());
        Assert.Contains(Texts.English("Messages.ConcurrencyConflict"), page.QuerySelector(".alert-danger")!.TextContent);
        var stored = await StoredAsync("Stale deactivation");
        Assert.True(stored.IsActive);
        Assert.Equal(10m, stored.Bound);
    }

    [Fact]
    public async Task The_list_filters_by_department_category_and_state_and_pages_in_the_database()
    {
        using var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync("exec@demo.local");
        var production = await factory.DepartmentAsync("Production");
        var deliveryDate = await factory.CategoryAsync("Delivery date");

        var byDepartment = await client.GetPageAsync($"/Envelopes?deliveringDepartmentId={production}");
        var departments = byDepartment.QuerySelectorAll("tbody tr td:nth-child(2)").Select(td => td.TextContent).ToList();
        Assert.NotEmpty(departments);
        Assert.All(departments, d => Assert.Equal("Production", d));

        var byCategory = await client.GetPageAsync($"/Envelopes?categoryId={deliveryDate}&active=true");
        Assert.Contains("Lead time ≤ 6 weeks", byCategory.QuerySelector("tbody")!.TextContent);

        var inactive = await factory.WithDbAsync(db => db.CapabilityEnvelopes.CountAsync(e => !e.IsActive));
        var inactiveList = await client.GetPageAsync("/Envelopes?active=false");
        Assert.Equal(inactive, inactiveList.QuerySelectorAll("tbody tr").Length);

        var sorted = await client.GetPageAsync("/Envelopes?sort=name");
        var names = sorted.QuerySelectorAll("tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal).ToList(), names);

        var none = await client.GetPageAsync($"/Envelopes?deliveringDepartmentId={production}&categoryId={await factory.CategoryAsync("Feature")}");
        Assert.Contains(Texts.English("Envelopes.NoMatch"), none.Body!.TextContent);
    }
}
