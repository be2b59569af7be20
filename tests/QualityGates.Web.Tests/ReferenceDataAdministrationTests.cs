using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using QualityGates.Domain;
using QualityGates.Domain.Promises;
using QualityGates.Web.Data.Auditing;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

/// <summary>Administrators rename departments and categories in both languages, add categories and deactivate them (ADR 0027).</summary>
public sealed class ReferenceDataAdministrationTests(QualityGatesFactory factory) : IClassFixture<QualityGatesFactory>
{
    private async Task<TestClient> SignedInAsync(string email, string language = "en")
    {
        var client = factory.CreateTestClient();
        client.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        await client.SignInSuccessfullyAsync(email);
        return client;
    }

    private Task<string> EditDepartmentUrlAsync(string english) =>
        factory.WithDbAsync(async db => $"/Admin/ReferenceData/EditDepartment/{(await db.Departments.SingleAsync(d => d.Name.English == english)).Id}");

    private Task<PromiseCategory> CategoryAsync(string english) =>
        factory.WithDbAsync(db => db.PromiseCategories.AsNoTracking().SingleAsync(c => c.Name.English == english));

    [Fact]
    public async Task An_administrator_renames_a_department_in_both_languages_and_each_reader_sees_their_name()
    {
        using var admin = await SignedInAsync("admin@demo.local");
        var list = await admin.GetPageAsync("/Admin/ReferenceData");
        var marketing = list.QuerySelectorAll("table.departments tbody tr").Single(r => r.TextContent.Contains("Marketing", StringComparison.Ordinal));
        var editUrl = marketing.QuerySelector("a")!.GetAttribute("href")!;

        var response = await admin.SubmitAsync(editUrl, new Dictionary<string, string>
        {
            ["Input.Name"] = "Marketing & Communications",
            ["Input.NameGerman"] = "Marketing und Kommunikation",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var german = await SignedInAsync("sales@demo.local", "de");
        using var english = await SignedInAsync("sales@demo.local", "en");
        Assert.Contains("Marketing und Kommunikation", (await german.GetPageAsync("/Promises")).SelectOptions("promisingDepartmentId").Select(o => o.Text));
        Assert.Contains("Marketing & Communications", (await english.GetPageAsync("/Promises")).SelectOptions("promisingDepartmentId").Select(o => o.Text));
        var department = await factory.WithDbAsync(db => db.Departments.AsNoTracking().SingleAsync(d => d.Name.English == "Marketing & Communications"));
        Assert.Equal(1, department.Version);
        var audit = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == "Department" && a.EntityId == department.Id.ToString(CultureInfo.InvariantCulture) && a.Action == AuditAction.Changed)
            .ToListAsync());
        Assert.Contains(audit, a => a.Field == "Name.English" && a.OldValue == "Marketing" && a.NewValue == "Marketing & Communications");
        Assert.Contains(audit, a => a.Field == "Name.German" && a.OldValue == "Marketing" && a.NewValue == "Marketing und Kommunikation");
        Assert.All(audit, a => Assert.Equal("Anna Admin", a.ActorName));
        Assert.Equal(2, audit.Count);
    }

    [Fact]
    public async Task An_added_category_is_offered_for_new_promises_until_deactivated_and_stays_on_the_promises_that_have_it()
    {
        using var admin = await SignedInAsync("admin@demo.local");
        var added = await admin.SubmitAsync("/Admin/ReferenceData/CreateCategory", new Dictionary<string, string>
        {
            ["Input.Name"] = "Training",
            ["Input.NameGerman"] = "Schulung",
        });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var category = await CategoryAsync("Training");
        Assert.Equal(new LocalizedText("Training", "Schulung"), category.Name);
        Assert.True(category.IsActive);

        using var rep = await SignedInAsync("sales@demo.local", "de");
        Assert.Contains("Schulung", (await rep.GetPageAsync("/Promises/Create")).SelectOptions("Input.CategoryId").Select(o => o.Text));
        var created = await rep.SubmitAsync("/Promises/Create", new Dictionary<string, string>
        {
            ["Input.Title"] = "Ten key users trained",
            ["Input.Statement"] = "Ten key users are trained before acceptance.",
            ["Input.CategoryId"] = category.Id.ToString(CultureInfo.InvariantCulture),
            ["Input.CustomerId"] = await factory.FirstCustomerAsync(),
            ["Input.DeliveringDepartmentId"] = await factory.DepartmentAsync("Projects"),
            ["Input.Source"] = nameof(PromiseSource.Offer),
            ["Input.DueDate"] = factory.FormDate(60),
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var promiseUrl = created.Headers.Location!.PathAndQuery();

        var deactivated = await admin.SubmitAsync($"/Admin/ReferenceData/EditCategory/{category.Id}", new Dictionary<string, string>(), "form[action*='handler=Deactivate']");

        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);
        Assert.False((await CategoryAsync("Training")).IsActive);
        Assert.DoesNotContain("Schulung", (await rep.GetPageAsync("/Promises/Create")).SelectOptions("Input.CategoryId").Select(o => o.Text));
        Assert.Contains("Schulung", (await rep.GetPageAsync(promiseUrl)).QuerySelectorAll("dd").Select(d => d.TextContent.Trim()));
        // The draft keeps its category when it is edited.
        var editUrl = promiseUrl.Replace("/Details/", "/Edit/", StringComparison.Ordinal);
        Assert.Contains("Schulung", (await rep.GetPageAsync(editUrl)).SelectOptions("Input.CategoryId").Select(o => o.Text));
        var edited = await rep.SubmitAsync(editUrl, new Dictionary<string, string> { ["Input.Title"] = "Twelve key users trained" });
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);

        var activated = await admin.SubmitAsync($"/Admin/ReferenceData/EditCategory/{category.Id}", new Dictionary<string, string>(), "form[action*='handler=Activate']");
        Assert.Equal(HttpStatusCode.Redirect, activated.StatusCode);
        Assert.True((await CategoryAsync("Training")).IsActive);
    }

    [Fact]
    public async Task A_name_needs_its_english_and_may_not_be_another_ones_name_in_either_language()
    {
        using var admin = await SignedInAsync("admin@demo.local");
        var url = await EditDepartmentUrlAsync("Projects");

        var empty = await TestClient.ParseAsync(await admin.SubmitAsync(url, new Dictionary<string, string> { ["Input.Name"] = " ", ["Input.NameGerman"] = "Projektgeschäft" }));
        var takenInEnglish = await TestClient.ParseAsync(await admin.SubmitAsync(url, new Dictionary<string, string> { ["Input.Name"] = "production" }));
        var takenInGerman = await TestClient.ParseAsync(await admin.SubmitAsync(url, new Dictionary<string, string> { ["Input.NameGerman"] = "Kundendienst" }));
        var tooLong = await TestClient.ParseAsync(await admin.SubmitAsync(url, new Dictionary<string, string> { ["Input.NameGerman"] = new string('x', 101) }));

        Assert.Equal(Texts.English("ReferenceData.NameRequired"), empty.FieldError("Input.Name"));
        Assert.Equal("Projektgeschäft", empty.InputValue("Input.NameGerman"));
        Assert.Equal(Texts.English("ReferenceData.DepartmentNameTaken"), takenInEnglish.FieldError("Input.Name"));
        Assert.Equal(Texts.English("ReferenceData.DepartmentNameTaken"), takenInGerman.FieldError("Input.NameGerman"));
        Assert.Equal(Texts.English("Validation.TooLong", 100), tooLong.FieldError("Input.NameGerman"));
        var category = await TestClient.ParseAsync(await admin.SubmitAsync("/Admin/ReferenceData/CreateCategory", new Dictionary<string, string>
        {
            ["Input.Name"] = "Warranty",
            ["Input.NameGerman"] = "reaktionszeit",
        }));
        Assert.Equal(Texts.English("ReferenceData.CategoryNameTaken"), category.FieldError("Input.NameGerman"));
        Assert.Equal(new LocalizedText("Projects", "Projekte"), await factory.WithDbAsync(db => db.Departments.Where(d => d.Name.English == "Projects").Select(d => d.Name).SingleAsync()));
        Assert.False(await factory.WithDbAsync(db => db.PromiseCategories.AnyAsync(c => c.Name.English == "Warranty")));
    }

    [Fact]
    public async Task A_stale_form_is_refused_and_shows_the_current_names()
    {
        using var first = await SignedInAsync("admin@demo.local");
        using var second = await SignedInAsync("admin@demo.local");
        var url = await EditDepartmentUrlAsync("AfterSales");
        var stale = await second.GetPageAsync(url);

        await first.SubmitAsync(url, new Dictionary<string, string> { ["Input.NameGerman"] = "Kundenbetreuung" });
        var page = await TestClient.ParseAsync(await second.SubmitAsync(stale, new Dictionary<string, string> { ["Input.NameGerman"] = "Nachbetreuung" }));

        Assert.Contains(Texts.English("Messages.ConcurrencyConflict"), page.QuerySelector(".alert-danger")!.TextContent);
        Assert.Equal("Kundenbetreuung", page.InputValue("Input.NameGerman"));
        Assert.Equal("Kundenbetreuung", await factory.WithDbAsync(db => db.Departments.Where(d => d.Name.English == "AfterSales").Select(d => d.Name.German).SingleAsync()));
    }

    [Theory]
    [InlineData("sales@demo.local")]
    [InlineData("exec@demo.local")]
    [InlineData("service.manager@demo.local")]
    public async Task Only_administrators_reach_the_pages_and_nothing_else_changes_a_name(string email)
    {
        using var user = await SignedInAsync(email);
        var department = await EditDepartmentUrlAsync("Production");
        var category = $"/Admin/ReferenceData/EditCategory/{(await CategoryAsync("Other")).Id}";

        foreach (var url in new[] { "/Admin/ReferenceData", department, category, "/Admin/ReferenceData/CreateCategory" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync(url)).StatusCode);
        }

        // With the user's own valid antiforgery token: the refusal is the authorization's, not the token's.
        var token = (await user.GetPageAsync("/Account/Settings")).QuerySelector<IHtmlInputElement>("input[name='__RequestVerificationToken']")!.Value;
        var posted = await user.Http.PostAsync(department, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Input.Name"] = "Fabrication", ["Input.Version"] = "0",
        }));
        var deactivate = await user.Http.PostAsync($"{category}?handler=Deactivate", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["version"] = "0",
        }));
        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, deactivate.StatusCode);
        Assert.Equal("Production", await factory.WithDbAsync(db => db.Departments.Where(d => d.Name.English == "Production").Select(d => d.Name.English).SingleAsync()));
        Assert.True((await CategoryAsync("Other")).IsActive);
    }

    [Fact]
    public async Task The_administration_menu_leads_to_the_page_in_both_languages()
    {
        using var german = await SignedInAsync("admin@demo.local", "de");

        var home = await german.GetPageAsync("/");
        var link = home.QuerySelectorAll("nav .dropdown-menu a").Single(a => a.TextContent == Texts.German("Layout.ReferenceData"));
        var page = await german.GetPageAsync(link.GetAttribute("href")!);

        Assert.Equal(Texts.German("ReferenceData.Title"), page.QuerySelector("h1")!.TextContent);
        Assert.Contains(page.QuerySelectorAll("table.departments tbody tr"), r => r.TextContent.Contains("Kundendienst", StringComparison.Ordinal));
        Assert.Contains(page.QuerySelectorAll("table.categories tbody tr"), r => r.TextContent.Contains("Reaktionszeit", StringComparison.Ordinal));
    }
}
