using System.Globalization;
using Microsoft.EntityFrameworkCore;
using QualityGates.Domain;
using QualityGates.Domain.Promises;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

/// <summary>
/// Gate names and checkpoints, categories, departments and envelopes read in the reader's language (ADR 0027):
/// German on German pages, English on English ones, and the English where no German name was entered.
/// </summary>
public sealed class ReferenceDataLanguageTests(QualityGatesFactory factory) : IClassFixture<QualityGatesFactory>
{
    private async Task<TestClient> SignedInAsync(string email, string language)
    {
        var client = factory.CreateTestClient();
        client.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        await client.SignInSuccessfullyAsync(email);
        return client;
    }

    /// <summary>A Service promise of the category "Response time", submitted by Sales; its number, page and G1 review's page.</summary>
    private async Task<(string Number, string PromiseUrl, string ReviewUrl)> SubmittedAsync(string title, string hours)
    {
        using var sales = await SignedInAsync("sales@demo.local", "en");
        var created = await sales.SubmitAsync("/Promises/Create", new Dictionary<string, string>
        {
            ["Input.Title"] = title,
            ["Input.Statement"] = "A technician is on site in time.",
            ["Input.CategoryId"] = await factory.CategoryAsync("Response time"),
            ["Input.CustomerId"] = await factory.FirstCustomerAsync(),
            ["Input.DeliveringDepartmentId"] = await factory.DepartmentAsync("Service"),
            ["Input.Source"] = nameof(PromiseSource.Offer),
            ["Input.TargetMetric"] = "Time to on-site",
            ["Input.TargetComparator"] = nameof(TargetComparator.AtMost),
            ["Input.TargetValue"] = hours,
            ["Input.TargetUnit"] = "h",
            ["Input.DueDate"] = factory.FormDate(90),
        });
        var promiseUrl = created.Headers.Location!.PathAndQuery();
        await sales.SubmitAsync(promiseUrl, new Dictionary<string, string>(), "form[action*='handler=Submit']");
        var id = int.Parse(promiseUrl.Split('/').Last(), CultureInfo.InvariantCulture);
        var (number, reviewId) = await factory.WithDbAsync(async db =>
            (await db.Promises.Where(p => p.Id == id).Select(p => p.Number).SingleAsync(),
             await db.GateReviews.Where(r => r.PromiseId == id).Select(r => r.Id).SingleAsync()));
        return (number, promiseUrl, $"/Reviews/Details/{reviewId}");
    }

    private static string[] Cells(AngleSharp.Dom.IElement row) => row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray();

    [Theory]
    [InlineData("de", "Reaktionszeit", "Vertrieb", "Kundendienst", "G1 Machbarkeit", "Messbares Ziel festgelegt")]
    [InlineData("en", "Response time", "Sales", "Service", "G1 Feasibility", "Measurable target defined")]
    public async Task The_register_the_promise_its_review_and_my_work_name_everything_in_the_readers_language(
        string language, string category, string sales, string service, string gate, string checkpoint)
    {
        var (number, promiseUrl, reviewUrl) = await SubmittedAsync($"On-site for a reader of {language}", hours: "24");
        using var rep = await SignedInAsync("sales@demo.local", language);
        using var manager = await SignedInAsync("service.manager@demo.local", language);

        var register = await rep.GetPageAsync($"/Promises?q={number}");
        var row = Cells(register.QuerySelectorAll("main table tbody tr").Single());
        Assert.Equal([category, sales, service], row[3..6]);

        var promise = await rep.GetPageAsync(promiseUrl);
        var facts = promise.QuerySelectorAll("dd").Select(d => d.TextContent.Trim()).ToList();
        Assert.Contains(category, facts);
        Assert.Contains(sales, facts);
        Assert.Contains(service, facts);
        Assert.Contains(promise.QuerySelectorAll("main table tbody tr"), r => r.TextContent.Contains(gate, StringComparison.Ordinal));

        var review = await manager.GetPageAsync(reviewUrl);
        Assert.Contains(gate, review.QuerySelector("h1")!.TextContent);
        Assert.Contains(checkpoint, review.QuerySelector("form[action*='handler=Decide'] tbody")!.TextContent);
        Assert.Contains(category, review.QuerySelector("main .card")!.TextContent);

        var myWork = await manager.GetPageAsync("/");
        Assert.Contains(myWork.QuerySelectorAll("main table tbody tr"), r => r.TextContent.Contains(gate, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("de", "Vor Ort innerhalb von 48 h in Deutschland")]
    [InlineData("en", "On-site within 48 h in Germany")]
    public async Task A_review_passed_by_an_envelope_names_the_envelope_in_the_readers_language(string language, string envelope)
    {
        var (_, _, reviewUrl) = await SubmittedAsync($"On-site in 72 h for a reader of {language}", hours: "72");
        using var manager = await SignedInAsync("service.manager@demo.local", language);

        var review = await manager.GetPageAsync(reviewUrl);

        Assert.Contains(Texts.In(language, "Reviews.ByEnvelope", envelope), review.Body!.TextContent);
    }

    [Theory]
    [InlineData("de", new[] { "Kundendienst", "Projekte" }, "Reaktionszeit")]
    [InlineData("en", new[] { "Projects", "Service" }, "Response time")]
    public async Task The_dashboard_groups_and_filters_by_the_names_of_the_readers_language_sorted_by_them(
        string language, string[] departments, string category)
    {
        var data = await DashboardDataSet.BuildAsync(factory, $"Dashboard customer in {language}");
        using var exec = await SignedInAsync("exec@demo.local", language);
        var (from, to) = (data.Filter().From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), data.Filter().To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

        var page = await exec.GetPageAsync($"/Dashboard?Input.From={from}&Input.To={to}&Input.CustomerId={data.CustomerId}");

        Assert.Equal(departments, page.QuerySelectorAll("table#traffic-lights tbody tr th").Select(c => c.TextContent.Trim()));
        Assert.Equal([category], page.QuerySelectorAll("table#kept-by-category tbody tr th").Select(c => c.TextContent.Trim()));
        Assert.Contains(category, page.SelectOptions("Input.CategoryId").Select(o => o.Text));
        Assert.Contains(departments[0], page.SelectOptions("Input.DeliveringDepartmentId").Select(o => o.Text));
    }

    [Fact]
    public async Task Without_a_german_name_a_reader_of_german_sees_the_english_one()
    {
        await factory.WithDbAsync(async db =>
        {
            db.PromiseCategories.Add(new PromiseCategory(new LocalizedText("Spare parts")));
            return await db.SaveChangesAsync();
        });
        using var rep = await SignedInAsync("sales@demo.local", "de");

        var form = await rep.GetPageAsync("/Promises/Create");
        var register = await rep.GetPageAsync("/Promises");

        Assert.Contains("Spare parts", form.SelectOptions("Input.CategoryId").Select(o => o.Text));
        Assert.Contains("Reaktionszeit", form.SelectOptions("Input.CategoryId").Select(o => o.Text));
        Assert.Contains("Spare parts", register.SelectOptions("categoryId").Select(o => o.Text));
    }

    [Fact]
    public async Task Choices_are_sorted_by_the_name_the_reader_sees()
    {
        using var german = await SignedInAsync("sales@demo.local", "de");
        using var english = await SignedInAsync("sales@demo.local", "en");

        var inGerman = (await german.GetPageAsync("/Promises")).SelectOptions("deliveringDepartmentId").Skip(1).Select(o => o.Text).ToList();
        var inEnglish = (await english.GetPageAsync("/Promises")).SelectOptions("deliveringDepartmentId").Skip(1).Select(o => o.Text).ToList();

        Assert.Equal(["Kundendienst", "Produktion", "Projekte"], inGerman);
        Assert.Equal(["Production", "Projects", "Service"], inEnglish);
    }
}
