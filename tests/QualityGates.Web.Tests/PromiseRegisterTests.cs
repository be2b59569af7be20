using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using QualityGates.Domain.Promises;
using QualityGates.Web.Pages.Shared;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

public sealed class PromiseRegisterTests(QualityGatesFactory factory) : IClassFixture<QualityGatesFactory>
{
    private Task<Dictionary<string, string>> ValidFormAsync(string title) => factory.NewPromiseFormAsync(title);

    private async Task<(TestClient Client, string DetailsUrl)> CreateDraftAsync(string email, string title)
    {
        var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync(email);
        var response = await client.SubmitAsync("/Promises/Create", await ValidFormAsync(title));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (client, response.Headers.Location!.PathAndQuery());
    }

    private Task<Promise> StoredAsync(string title) =>
        factory.WithDbAsync(db => db.Promises.AsNoTracking().SingleAsync(p => p.Title == title));

    [Fact]
    public async Task A_sales_rep_creates_a_draft_that_gets_a_number_and_shows_on_its_page()
    {
        var (client, detailsUrl) = await CreateDraftAsync("sales@demo.local", "Ticket answer in 4 h");
        using var _ = client;

        var details = await client.GetPageAsync(detailsUrl);

        var stored = await StoredAsync("Ticket answer in 4 h");
        Assert.Matches(@"^P-\d{4}-\d{5}$", stored.Number);
        Assert.Equal(PromiseStatus.Draft, stored.Status);
        Assert.Contains(stored.Number, details.Body!.TextContent);
        Assert.Contains("First response ≤ 2 h", details.Body.TextContent);
        Assert.Contains("Sara Sales", details.Body.TextContent);

        // In the register the row opens from its title as well as from its number.
        var register = await client.GetPageAsync("/Promises");
        var row = register.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(stored.Number, StringComparison.Ordinal));
        Assert.Equal(
            [stored.Number, "Ticket answer in 4 h"],
            row.QuerySelectorAll($"a[href='{detailsUrl}']").Select(a => a.TextContent.Trim()));
    }

    [Fact]
    public async Task Invalid_input_is_refused_next_to_the_fields_keeping_what_was_typed_and_saving_nothing()
    {
        using var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync("sales@demo.local");
        var countBefore = await factory.WithDbAsync(db => db.Promises.CountAsync());
        var form = await ValidFormAsync("");
        form["Input.Statement"] = "Kept statement <b>with markup</b>";
        form["Input.TargetValue"] = "";
        form["Input.DueDate"] = "2001-01-01";

        var response = await client.SubmitAsync("/Promises/Create", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        Assert.Equal("Enter a short title.", page.FieldError("Input.Title"));
        Assert.Equal("Enter the target value, e.g. 4.", page.FieldError("Input.TargetValue"));
        Assert.Equal("The due date cannot be in the past.", page.FieldError("Input.DueDate"));
        Assert.Equal("Kept statement <b>with markup</b>", page.InputValue("Input.Statement"));
        Assert.Equal("CON-4711", page.InputValue("Input.SourceReference"));
        Assert.Equal(countBefore, await factory.WithDbAsync(db => db.Promises.CountAsync()));

        // All problems of the submission at the top, each a link to its field on the page.
        Assert.StartsWith("Error:", page.Title, StringComparison.Ordinal);
        var summary = page.QuerySelectorAll("#error-summary li a").Select(a => (Text: a.TextContent, Target: a.GetAttribute("href")!)).ToList();
        Assert.Equal(
            [("The due date cannot be in the past.", "#Input_DueDate"), ("Enter the target value, e.g. 4.", "#Input_TargetValue"), ("Enter a short title.", "#Input_Title")],
            summary.OrderBy(e => e.Target, StringComparer.Ordinal));
        Assert.All(summary, e => Assert.NotNull(page.GetElementById(e.Target[1..])));
    }

    [Fact]
    public async Task A_value_that_is_not_a_number_is_refused_rather_than_read_as_empty()
    {
        using var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync("sales@demo.local");
        var form = await ValidFormAsync("Typo in value");
        form["Input.TargetValue"] = "four";

        var page = await TestClient.ParseAsync(await client.SubmitAsync("/Promises/Create", form));

        Assert.NotEqual("", page.FieldError("Input.TargetValue"));
        Assert.Equal(0, await factory.WithDbAsync(db => db.Promises.CountAsync(p => p.Title == "Typo in value")));
    }

    [Fact]
    public async Task Only_marketing_may_log_a_claim_without_a_customer()
    {
        using var sales = factory.CreateTestClient();
        await sales.SignInSuccessfullyAsync("sales@demo.local");
        var salesForm = await ValidFormAsync("Sales claim for everyone");
        salesForm["Input.CustomerId"] = "";
        var refused = await TestClient.ParseAsync(await sales.SubmitAsync("/Promises/Create", salesForm));
        Assert.Contains("Choose the customer", refused.FieldError("Input.CustomerId"));

        using var marketing = factory.CreateTestClient();
        await marketing.SignInSuccessfullyAsync("marketing@demo.local");
        var marketingForm = await ValidFormAsync("Hotline for everyone");
        marketingForm["Input.CustomerId"] = "";
        var accepted = await marketing.SubmitAsync("/Promises/Create", marketingForm);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Null((await StoredAsync("Hotline for everyone")).CustomerId);
    }

    [Fact]
    public async Task A_draft_is_edited_and_then_submitted_for_review()
    {
        var (client, detailsUrl) = await CreateDraftAsync("presales@demo.local", "Edit then submit");
        using var _ = client;
        var id = detailsUrl.Split('/').Last();

        var edit = await client.SubmitAsync($"/Promises/Edit/{id}", new Dictionary<string, string> { ["Input.Title"] = "Edited then submitted" });
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);

        var submit = await client.SubmitAsync(detailsUrl, new Dictionary<string, string>(), "form[action*='handler=Submit']");
        Assert.Equal(HttpStatusCode.Redirect, submit.StatusCode);

        var stored = await StoredAsync("Edited then submitted");
        Assert.Equal(PromiseStatus.UnderReview, stored.Status);
        Assert.NotNull(stored.SubmittedAtUtc);
        var details = await client.GetPageAsync(detailsUrl);
        Assert.Contains("Under review", details.QuerySelector(".badge")!.TextContent);
        Assert.Null(details.QuerySelector("a[href*='/Promises/Edit']"));
    }

    [Fact]
    public async Task A_draft_without_a_measurable_target_cannot_be_submitted()
    {
        using var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync("sales@demo.local");
        var form = await ValidFormAsync("No target yet");
        form["Input.TargetMetric"] = "";
        form["Input.TargetValue"] = "";
        form["Input.TargetUnit"] = "";
        var created = await client.SubmitAsync("/Promises/Create", form);
        var detailsUrl = created.Headers.Location!.PathAndQuery();

        var submit = await client.SubmitAsync(detailsUrl, new Dictionary<string, string>(), "form[action*='handler=Submit']");

        Assert.Equal(HttpStatusCode.Redirect, submit.StatusCode);
        var details = await client.GetPageAsync(detailsUrl);
        Assert.Contains("needs a measurable target", details.QuerySelector(".alert-danger")!.TextContent);
        Assert.Equal(PromiseStatus.Draft, (await StoredAsync("No target yet")).Status);
    }

    [Fact]
    public async Task A_promise_is_withdrawn_only_with_a_reason()
    {
        var (client, detailsUrl) = await CreateDraftAsync("sales@demo.local", "To be withdrawn");
        using var _ = client;
        var withdrawUrl = detailsUrl.Replace("Details", "Withdraw", StringComparison.Ordinal);

        var noReason = await TestClient.ParseAsync(await client.SubmitAsync(withdrawUrl, new Dictionary<string, string> { ["Input.Reason"] = " " }));
        Assert.Equal("Say why the promise is withdrawn.", noReason.FieldError("Input.Reason"));
        Assert.Equal(PromiseStatus.Draft, (await StoredAsync("To be withdrawn")).Status);

        var withdrawn = await client.SubmitAsync(withdrawUrl, new Dictionary<string, string> { ["Input.Reason"] = "Customer cancelled the tender." });
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        var stored = await StoredAsync("To be withdrawn");
        Assert.Equal(PromiseStatus.Withdrawn, stored.Status);
        Assert.Equal("Customer cancelled the tender.", stored.WithdrawalReason);
    }

    [Fact]
    public async Task A_marketing_rep_posting_an_edit_to_a_sales_promise_gets_403_and_nothing_changes()
    {
        var (owner, detailsUrl) = await CreateDraftAsync("sales@demo.local", "Sales-only promise");
        var id = detailsUrl.Split('/').Last();
        var editPage = await owner.GetPageAsync($"/Promises/Edit/{id}");
        owner.Dispose();

        using var marketing = factory.CreateTestClient();
        await marketing.SignInSuccessfullyAsync("marketing@demo.local");
        Assert.Equal(HttpStatusCode.Forbidden, (await marketing.GetAsync($"/Promises/Edit/{id}")).StatusCode);

        // The sales rep's own form, with a fresh token for the marketing user, posted by the marketing user.
        var token = (await marketing.GetPageAsync("/Account/ChangePassword"))
            .QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name='__RequestVerificationToken']")!.Value;
        var response = await marketing.SubmitAsync(editPage, new Dictionary<string, string>
        {
            ["Input.Title"] = "Hijacked",
            ["__RequestVerificationToken"] = token,
        });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Sales-only promise", (await factory.WithDbAsync(db => db.Promises.SingleAsync(p => p.Id == int.Parse(id, CultureInfo.InvariantCulture)))).Title);
        var withdraw = await marketing.Http.PostAsync($"/Promises/Withdraw/{id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Reason"] = "Sabotage",
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Forbidden, withdraw.StatusCode);
        Assert.Equal(PromiseStatus.Draft, (await StoredAsync("Sales-only promise")).Status);
    }

    [Theory]
    [InlineData("service.manager@demo.local")]
    [InlineData("exec@demo.local")]
    [InlineData("aftersales@demo.local")]
    [InlineData("admin@demo.local")]
    public async Task Only_sales_reps_may_open_the_new_promise_form(string email)
    {
        using var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync(email);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Promises/Create")).StatusCode);
        var register = await client.GetPageAsync("/Promises");
        Assert.Null(register.QuerySelector("a[href='/Promises/Create']"));
    }

    [Fact]
    public async Task Editing_with_a_stale_form_is_refused_and_shows_the_current_state()
    {
        var (first, detailsUrl) = await CreateDraftAsync("sales@demo.local", "Concurrent draft");
        using var _ = first;
        var id = detailsUrl.Split('/').Last();
        using var second = factory.CreateTestClient();
        await second.SignInSuccessfullyAsync("sales@demo.local");
        var staleForm = await second.GetPageAsync($"/Promises/Edit/{id}");

        await first.SubmitAsync($"/Promises/Edit/{id}", new Dictionary<string, string> { ["Input.Title"] = "First writer wins" });
        var response = await second.SubmitAsync(staleForm, new Dictionary<string, string> { ["Input.Title"] = "Second writer" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        Assert.Contains(Texts.English("Messages.ConcurrencyConflict"), page.QuerySelector(".alert-danger")!.TextContent);
        Assert.Equal("First writer wins", page.InputValue("Input.Title"));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Promises.CountAsync(p => p.Title == "First writer wins")));
    }

    [Fact]
    public async Task The_register_searches_filters_sorts_and_pages_in_the_database()
    {
        using var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync("exec@demo.local");
        var total = await factory.WithDbAsync(db => db.Promises.CountAsync());
        var newestFirst = await factory.WithDbAsync(db => db.Promises.OrderByDescending(p => p.Id).Select(p => p.Number).ToListAsync());

        var first = await client.GetPageAsync("/Promises");
        Assert.Equal(Paging.DefaultPageSize, first.QuerySelectorAll("tbody tr").Length);
        Assert.Contains(Texts.English("Pager.Count", total), first.QuerySelector("nav[aria-label=Pages]")!.TextContent);

        // Page by page to the end and back: every promise once, newest first, the same pages both ways.
        var (forward, pages) = await WalkAsync(client, "/Promises", "a[rel=next]");
        Assert.Equal(newestFirst, forward.SelectMany(p => p).ToList());
        var (backward, _) = await WalkAsync(client, pages[^1], "a[rel=prev]");
        Assert.Equal(forward.AsEnumerable().Reverse().ToList(), backward, new PageComparer());

        var underReview = await factory.WithDbAsync(db => db.Promises.CountAsync(p => p.Status == PromiseStatus.UnderReview));
        var filtered = await client.GetPageAsync("/Promises?status=UnderReview");
        Assert.Contains(Texts.English("Pager.Count", underReview), filtered.QuerySelector("nav[aria-label=Pages]")!.TextContent);

        var search = await client.GetPageAsync("/Promises?q=availability+99.5");
        var titles = search.QuerySelectorAll("tbody tr td:nth-child(2)").Select(td => td.TextContent).ToList();
        Assert.NotEmpty(titles);
        Assert.All(titles, t => Assert.Contains("99.5", t));
        Assert.Contains(Texts.English("Pager.Count", titles.Count), search.QuerySelector("nav[aria-label=Pages]")!.TextContent);

        var (byDue, _) = await WalkAsync(client, "/Promises?sort=due", "a[rel=next]", dueDates: true);
        var dues = byDue.SelectMany(p => p).Select(d => DateOnly.Parse(d, CultureInfo.GetCultureInfo("en"))).ToList();
        Assert.Equal(total, dues.Count);
        Assert.Equal(dues.Order().ToList(), dues);

        var none = await client.GetPageAsync("/Promises?q=no-such-promise-anywhere");
        Assert.Contains("No promise matches these filters", none.Body!.TextContent);
    }

    [Theory]
    [InlineData("after=not-a-position")]
    [InlineData("before=eyJLZXkiOiJ4IiwiSWQiOjF9")]
    [InlineData("sort=title&after=eyJLZXkiOjQyLCJJZCI6MX0")]
    public async Task A_page_position_that_does_not_read_shows_the_first_page(string query)
    {
        using var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync("exec@demo.local");
        var first = await client.GetPageAsync(query.StartsWith("sort=", StringComparison.Ordinal) ? "/Promises?sort=title" : "/Promises");

        var page = await client.GetPageAsync("/Promises?" + query);

        Assert.Equal(first.QuerySelector("tbody")!.TextContent, page.QuerySelector("tbody")!.TextContent);
    }

    /// <summary>Follows the pager's link from page to page; returns each page's numbers (or due dates) and the pages' addresses.</summary>
    private static async Task<(List<List<string>> Pages, List<string> Addresses)> WalkAsync(TestClient client, string start, string link, bool dueDates = false)
    {
        var (pages, addresses) = (new List<List<string>>(), new List<string>());
        for (var address = start; address is not null && pages.Count < 100;)
        {
            var page = await client.GetPageAsync(address);
            addresses.Add(address);
            pages.Add(page.QuerySelectorAll(dueDates ? "tbody tr td:last-child" : "tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToList());
            address = page.QuerySelector($"nav[aria-label=Pages] li:not(.disabled) {link}")?.GetAttribute("href");
        }

        return (pages, addresses);
    }

    private sealed class PageComparer : IEqualityComparer<List<string>>
    {
        public bool Equals(List<string>? x, List<string>? y) => x!.SequenceEqual(y!);

        public int GetHashCode(List<string> obj) => obj.Count;
    }
}
