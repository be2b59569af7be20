using System.Collections;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using QualityGates.Domain.Promises;
using QualityGates.Tests;
using QualityGates.Web.Authorization;
using QualityGates.Web.Localization;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

/// <summary>Every text exists in English and German, and pages render text, never keys.</summary>
public sealed partial class LocalizationTests(QualityGatesFactory factory) : IClassFixture<QualityGatesFactory>
{
    private static HashSet<string> KeysOf(CultureInfo culture) =>
        Texts.Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!
            .Cast<DictionaryEntry>().Select(e => (string)e.Key).ToHashSet();


    [GeneratedRegex("""\b[Ll]\["([A-Za-z0-9.]+)"[,\]]""")]
    private static partial Regex LiteralKeyUse();

    [GeneratedRegex("""\b[A-Z][A-Za-z]+(\.[A-Z0-9][A-Za-z0-9]*)+\b""")]
    private static partial Regex KeyShaped();

    [GeneratedRegex("""new DomainException\(\s*"([A-Za-z]+)""")]
    private static partial Regex DomainErrorCode();

    [Fact]
    public void English_and_German_have_the_same_keys_and_no_empty_text()
    {
        var english = KeysOf(CultureInfo.InvariantCulture);
        var german = KeysOf(CultureInfo.GetCultureInfo("de"));

        Assert.NotEmpty(english);
        Assert.Empty(english.Except(german));
        Assert.Empty(german.Except(english));
        Assert.All(german, key => Assert.False(string.IsNullOrWhiteSpace(Texts.German(key)), key));
    }

    [Fact]
    public void Every_text_the_code_asks_for_exists()
    {
        var keys = KeysOf(CultureInfo.InvariantCulture);
        var sources = Directory.EnumerateFiles(Path.Combine(Repository.Root, "src"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .ToList();
        var used = sources.SelectMany(s => LiteralKeyUse().Matches(s).Select(m => m.Groups[1].Value)).ToHashSet();
        var domainErrors = sources.SelectMany(s => DomainErrorCode().Matches(s).Select(m => "Error." + m.Groups[1].Value));
        var enumTexts = Enum.GetValues<PromiseStatus>().Select(s => $"PromiseStatus.{s}")
            .Concat(Enum.GetValues<PromiseSource>().Select(s => $"PromiseSource.{s}"))
            .Concat(Roles.All.Select(r => $"Role.{r}"));

        Assert.True(used.Count > 100, $"only {used.Count} keys found in the sources");
        Assert.Empty(used.Concat(domainErrors).Concat(enumTexts).Where(k => !keys.Contains(k)).Distinct());
    }

    public static TheoryData<string, string> Pages => new()
    {
        { "admin@demo.local", "/" },
        { "admin@demo.local", "/Promises" },
        { "admin@demo.local", "/Promises/Details/1" },
        { "admin@demo.local", "/Customers" },
        { "admin@demo.local", "/Admin/Users" },
        { "admin@demo.local", "/Admin/Users/Create" },
        { "admin@demo.local", "/Admin/Gates" },
        { "admin@demo.local", "/Admin/Gates/Create" },
        { "admin@demo.local", "/Admin/Gates/Edit/1" },
        { "admin@demo.local", "/Admin/Audit" },
        { "admin@demo.local", "/Account/ChangePassword" },
        { "admin@demo.local", "/Account/Settings" },
        { "admin@demo.local", "/Admin/Outbox" },
        { "sales@demo.local", "/Work?category=Decisions" },
        { "sales@demo.local", "/Work?category=ConditionsDue" },
        { "sales@demo.local", "/Work?category=AtRisk" },
        { "service.manager@demo.local", "/Work?category=ReviewsWaiting" },
        { "sales@demo.local", "/Promises/Create" },
        { "sales@demo.local", "/Promises/Import" },
        { "sales@demo.local", "/Promises/Edit/1" },
        { "sales@demo.local", "/Promises/Withdraw/1" },
        { "sales@demo.local", "/Promises/Revisions/2" },
        { "sales@demo.local", "/Customers/Create" },
        { "service.manager@demo.local", "/" },
        { "service.manager@demo.local", "/Reviews" },
        { "service.manager@demo.local", "/Reviews/Details/1" },
        { "service.manager@demo.local", "/Reviews/Details/2" },
        { "service.manager@demo.local", "/Meeting" },
        { "service.manager@demo.local", "/Digest" },
        { "sales@demo.local", "/Envelopes" },
        { "service.manager@demo.local", "/Envelopes" },
        { "service.manager@demo.local", "/Envelopes/Create" },
        { "service.manager@demo.local", "/Envelopes/Edit/1" },
        { "aftersales@demo.local", "/" },
        { "aftersales@demo.local", "/Feedback" },
        { "aftersales@demo.local", "/Feedback/Board" },
        { "aftersales@demo.local", "/Feedback/Create" },
        { "aftersales@demo.local", "/Feedback/Details/1" },
        { "aftersales@demo.local", "/Feedback/Edit/1" },
        { "aftersales@demo.local", "/Actions" },
        { "aftersales@demo.local", "/Actions/Board" },
        { "aftersales@demo.local", "/Actions/Create?feedbackId=1" },
        { "aftersales@demo.local", "/Actions/Details/1" },
        { "aftersales@demo.local", "/Actions/Details/2" },
        { "aftersales@demo.local", "/Actions/Edit/1" },
        { "aftersales@demo.local", "/Lessons" },
        { "aftersales@demo.local", "/Lessons/Create" },
        { "aftersales@demo.local", "/Lessons/Details/1" },
        { "exec@demo.local", "/Dashboard" },
        { "sales@demo.local", "/Dashboard" },
        { "service.manager@demo.local", "/Dashboard" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Main_pages_render_text_in_both_languages_and_never_a_key(string email, string url)
    {
        var keys = KeysOf(CultureInfo.InvariantCulture);
        foreach (var language in Cultures.Supported)
        {
            using var client = factory.CreateTestClient();
            client.Http.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
            await client.SignInSuccessfullyAsync(email);

            var page = await client.GetPageAsync(url);

            Assert.Equal(language, page.DocumentElement.GetAttribute("lang"));
            var text = page.Body!.TextContent + string.Join(" ", page.QuerySelectorAll("[placeholder],[aria-label],[title]")
                .SelectMany(e => new[] { e.GetAttribute("placeholder"), e.GetAttribute("aria-label"), e.GetAttribute("title") }));
            // Known keys, and anything shaped like one ("Section.Name"): a missing text renders its key.
            var renderedKeys = keys.Where(key => text.Contains(key, StringComparison.Ordinal))
                .Concat(KeyShaped().Matches(text).Select(m => m.Value)).ToList();
            Assert.True(renderedKeys.Count == 0, $"{url} in {language} shows keys: {string.Join(", ", renderedKeys)}");
        }
    }

    [Fact]
    public async Task The_browser_language_picks_german_texts_and_formats()
    {
        using var client = factory.CreateTestClient();
        client.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE,de;q=0.9,en;q=0.8");

        var login = await client.GetPageAsync("/Account/Login");
        Assert.Equal(Texts.German("Login.Title"), login.QuerySelector("h1")!.TextContent);
        await client.SignInSuccessfullyAsync("exec@demo.local");
        var register = await client.GetPageAsync("/Promises?sort=due");

        Assert.Equal(Texts.German("Promises.Register.Title"), register.QuerySelector("h1")!.TextContent);
        Assert.Matches(@"^\d{2}\.\d{2}\.\d{4}$", register.QuerySelector("tbody tr td:last-child")!.TextContent);
    }

    [Fact]
    public async Task The_language_switch_is_remembered_in_the_profile_for_the_next_sign_in()
    {
        // A user no other test of this class signs in as: the profile keeps German for every later sign-in.
        const string email = "presales@demo.local";
        using (var client = factory.CreateTestClient())
        {
            await client.SignInSuccessfullyAsync(email);
            var home = await client.GetPageAsync("/Promises");
            var switched = await client.SubmitAsync(home, new Dictionary<string, string> { ["culture"] = "de" }, "form.language-switch");
            Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
            Assert.Equal("/Promises", switched.Headers.Location!.PathAndQuery());
            Assert.Equal(Texts.German("Promises.Register.Title"), (await client.GetPageAsync("/Promises")).QuerySelector("h1")!.TextContent);
        }

        using var another = factory.CreateTestClient();
        another.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        await another.SignInSuccessfullyAsync(email);
        Assert.Equal(Texts.German("Home.Title"), (await another.GetPageAsync("/")).QuerySelector("h1")!.TextContent);
    }

    [Theory]
    [InlineData("99,5", 99.5)]
    [InlineData("99.5", 99.5)]
    [InlineData("1.000", 1000)]
    [InlineData("1.000,25", 1000.25)]
    public async Task Numbers_typed_in_german_or_english_format_are_read_correctly(string typed, double expected)
    {
        using var client = factory.CreateTestClient();
        client.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de");
        await client.SignInSuccessfullyAsync("sales@demo.local");
        var title = $"Availability typed as {typed}";

        var response = await client.SubmitAsync("/Promises/Create", await ValidFormAsync(title, typed));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await factory.WithDbAsync(db => db.Promises.AsNoTracking().SingleAsync(p => p.Title == title));
        Assert.Equal((decimal)expected, stored.Target.Value);
        var details = await client.GetPageAsync(response.Headers.Location!.PathAndQuery());
        Assert.Contains($"{((decimal)expected).ToString("0.####", CultureInfo.GetCultureInfo("de"))} %", details.Body!.TextContent);
    }

    [Fact]
    public async Task A_value_in_no_known_format_gets_a_german_message_and_nothing_is_saved()
    {
        using var client = factory.CreateTestClient();
        client.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de");
        await client.SignInSuccessfullyAsync("sales@demo.local");
        var form = await ValidFormAsync("Unreadable value", "neunundneunzig");
        form["Input.Title"] = "";

        var page = await TestClient.ParseAsync(await client.SubmitAsync("/Promises/Create", form));

        Assert.Equal(Texts.German("Validation.NotAValidValue", "neunundneunzig"), page.FieldError("Input.TargetValue"));
        Assert.Equal(Texts.German("Promises.Form.TitleRequired"), page.FieldError("Input.Title"));
        Assert.Equal("neunundneunzig", page.QuerySelector<IHtmlInputElement>("[name='Input.TargetValue']")!.Value);
        Assert.False(await factory.WithDbAsync(db => db.Promises.AnyAsync(p => p.Title == "Unreadable value")));
    }

    private async Task<Dictionary<string, string>> ValidFormAsync(string title, string value) => new()
    {
        ["Input.Title"] = title,
        ["Input.Statement"] = "Die Plattform ist zu 99,5 % verfügbar.",
        ["Input.CategoryId"] = await factory.CategoryAsync("Availability"),
        ["Input.CustomerId"] = await factory.FirstCustomerAsync(),
        ["Input.DeliveringDepartmentId"] = await factory.DepartmentAsync("Service"),
        ["Input.Source"] = nameof(PromiseSource.Contract),
        ["Input.TargetMetric"] = "Verfügbarkeit",
        ["Input.TargetComparator"] = nameof(TargetComparator.AtLeast),
        ["Input.TargetValue"] = value,
        ["Input.TargetUnit"] = "%",
        ["Input.DueDate"] = factory.FormDate(90),
    };
}
