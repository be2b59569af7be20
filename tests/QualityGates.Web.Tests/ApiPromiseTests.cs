using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

/// <summary>The promise endpoints of the REST API, per role: the register's list, one promise, and each step with its refusals.</summary>
public sealed class ApiPromiseTests(QualityGatesFactory factory) : IClassFixture<QualityGatesFactory>
{
    private const string Promises = "/api/v1/promises";

    private async Task<HttpClient> ApiAsync(string email, string scope = "ReadWrite") =>
        factory.CreateApiClient(await factory.CreateTokenAsync(email, scope, $"{email} {scope}"));

    private async Task<object> NewPromiseAsync(string title) => new
    {
        title,
        statement = "We answer every ticket within four hours.",
        categoryId = int.Parse(await factory.CategoryAsync("Response time"), CultureInfo.InvariantCulture),
        customerId = int.Parse(await factory.FirstCustomerAsync(), CultureInfo.InvariantCulture),
        deliveringDepartmentId = int.Parse(await factory.DepartmentAsync("Service"), CultureInfo.InvariantCulture),
        source = "Contract",
        sourceReference = "CRM-0815",
        targetMetric = "First response",
        targetComparator = "AtMost",
        targetValue = 2m,
        targetUnit = "h",
        dueDate = factory.Today.AddDays(60),
    };

    /// <summary>A draft created through the API: its id and entity tag.</summary>
    private async Task<(int Id, string ETag)> DraftAsync(HttpClient sales, string title)
    {
        var created = await sales.SendJsonAsync(HttpMethod.Post, Promises, await NewPromiseAsync(title));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return ((await created.JsonAsync()).GetProperty("id").GetInt32(), created.Headers.ETag!.ToString());
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, (await response.JsonAsync()).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_sales_rep_creates_a_draft_that_the_register_and_the_promise_show()
    {
        using var sales = await ApiAsync("sales@demo.local");
        var created = await sales.SendJsonAsync(HttpMethod.Post, Promises, await NewPromiseAsync("Four-hour answers for the API"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.JsonAsync();
        var id = body.GetProperty("id").GetInt32();
        Assert.Equal($"{Promises}/{id}", created.Headers.Location!.ToString());
        Assert.Equal("Draft", body.GetProperty("status").GetString());
        Assert.Equal("Sara Sales", body.GetProperty("ownerName").GetString());
        Assert.Equal(factory.Today.AddDays(60).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), body.GetProperty("dueDate").GetString());
        var read = await sales.GetAsync($"{Promises}/{id}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal($"\"{(await read.JsonAsync()).GetProperty("version").GetInt32()}\"", read.Headers.ETag!.ToString());
        var listed = await (await sales.GetAsync($"{Promises}?q=Four-hour%20answers%20for%20the%20API")).JsonAsync();
        Assert.Equal(id, listed.GetProperty("items").EnumerateArray().Single().GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task A_draft_names_its_value_chain_and_reads_it_back_with_each_links_department()
    {
        using var sales = await ApiAsync("sales@demo.local");
        var projects = int.Parse(await factory.DepartmentAsync("Projects"), CultureInfo.InvariantCulture);
        var service = int.Parse(await factory.DepartmentAsync("Service"), CultureInfo.InvariantCulture);
        var chained = await sales.SendJsonAsync(HttpMethod.Post, Promises, (await NewPromiseAsync("Installed and run, through the API")) switch
        {
            var form => new Dictionary<string, object?>(form.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(form)))
            {
                ["deliveringDepartmentId"] = projects,
                ["deliveringPart"] = "install",
                ["furtherLinks"] = new[] { new { departmentId = service, part = "operate", receiveBy = factory.Today.AddDays(30) } },
            },
        });

        Assert.Equal(HttpStatusCode.Created, chained.StatusCode);
        var read = await (await sales.GetAsync(chained.Headers.Location!.ToString())).JsonAsync();
        Assert.Equal([(1, "Projects", "install"), (2, "Service", "operate")], read.GetProperty("chain").EnumerateArray()
            .Select(l => (l.GetProperty("position").GetInt32(), l.GetProperty("departmentName").GetString(), l.GetProperty("part").GetString())));
        Assert.Equal(projects, read.GetProperty("holdingDepartmentId").GetInt32());
    }

    [Fact]
    public async Task An_invalid_draft_is_422_with_a_message_per_field_and_nothing_is_saved()
    {
        using var sales = await ApiAsync("presales@demo.local");
        var before = await factory.WithDbAsync(db => db.Promises.CountAsync());

        var refused = await sales.SendJsonAsync(HttpMethod.Post, Promises, new { title = "", statement = "No title", source = "Offer", targetComparator = "AtMost" });

        await AssertProblemAsync(refused, HttpStatusCode.UnprocessableEntity);
        var errors = (await refused.JsonAsync()).GetProperty("errors");
        Assert.Equal(Texts.English("Promises.Form.TitleRequired"), errors.GetProperty("title")[0].GetString());
        Assert.Equal(Texts.English("Promises.Form.DueRequired"), errors.GetProperty("dueDate")[0].GetString());
        Assert.Equal(before, await factory.WithDbAsync(db => db.Promises.CountAsync()));
    }

    [Fact]
    public async Task Malformed_json_is_400_as_problem_details()
    {
        using var sales = await ApiAsync("marketing@demo.local");
        var response = await sales.PostAsync(Promises, new StringContent("{\"title\": ", Encoding.UTF8, "application/json"));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Only_sales_reps_create_promises_and_a_read_token_writes_nothing()
    {
        using var manager = await ApiAsync("service.manager@demo.local");
        await AssertProblemAsync(await manager.SendJsonAsync(HttpMethod.Post, Promises, await NewPromiseAsync("Not mine to make")), HttpStatusCode.Forbidden);

        using var reader = await ApiAsync("sales@demo.local", "Read");
        await AssertProblemAsync(await reader.SendJsonAsync(HttpMethod.Post, Promises, await NewPromiseAsync("Read only")), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(Promises)).StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.Promises.AnyAsync(p => p.Title == "Read only" || p.Title == "Not mine to make")));
    }

    [Fact]
    public async Task An_unknown_promise_is_404()
    {
        using var reader = await ApiAsync("exec@demo.local", "Read");
        await AssertProblemAsync(await reader.GetAsync($"{Promises}/999999"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Editing_a_draft_needs_its_current_version_in_If_Match()
    {
        using var sales = await ApiAsync("sales@demo.local");
        var (id, etag) = await DraftAsync(sales, "Versioned draft");
        var changed = await NewPromiseAsync("Versioned draft, changed");

        await AssertProblemAsync(await sales.SendJsonAsync(HttpMethod.Put, $"{Promises}/{id}", changed), (HttpStatusCode)428);
        var saved = await sales.SendJsonAsync(HttpMethod.Put, $"{Promises}/{id}", changed, etag);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("Versioned draft, changed", (await saved.JsonAsync()).GetProperty("title").GetString());
        Assert.NotEqual(etag, saved.Headers.ETag!.ToString());

        var stale = await sales.SendJsonAsync(HttpMethod.Put, $"{Promises}/{id}", await NewPromiseAsync("Lost update"), etag);
        await AssertProblemAsync(stale, HttpStatusCode.PreconditionFailed);
        Assert.Equal("Versioned draft, changed", await factory.WithDbAsync(db => db.Promises.Where(p => p.Id == id).Select(p => p.Title).SingleAsync()));
    }

    [Fact]
    public async Task Another_departments_sales_rep_may_not_edit_or_submit_a_draft()
    {
        using var sales = await ApiAsync("sales@demo.local");
        var (id, etag) = await DraftAsync(sales, "Sales' own draft");
        using var marketing = await ApiAsync("marketing@demo.local");

        await AssertProblemAsync(await marketing.SendJsonAsync(HttpMethod.Put, $"{Promises}/{id}", await NewPromiseAsync("Taken over"), etag), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await marketing.SendJsonAsync(HttpMethod.Post, $"{Promises}/{id}/submit", null, etag), HttpStatusCode.Forbidden);
        Assert.Equal(PromiseStatus.Draft, await StatusAsync(id));
    }

    [Fact]
    public async Task Submitting_opens_the_feasibility_review_and_a_second_submit_is_a_409_with_the_rule()
    {
        using var sales = await ApiAsync("sales@demo.local");
        var (id, etag) = await DraftAsync(sales, "Submitted through the API");

        var submitted = await sales.SendJsonAsync(HttpMethod.Post, $"{Promises}/{id}/submit", null, etag);

        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        var body = await submitted.JsonAsync();
        Assert.Equal("UnderReview", body.GetProperty("status").GetString());
        Assert.Equal("Feasibility", body.GetProperty("reviews").EnumerateArray().Single().GetProperty("stage").GetString());
        var again = await sales.SendJsonAsync(HttpMethod.Post, $"{Promises}/{id}/submit", null, submitted.Headers.ETag!.ToString());
        await AssertProblemAsync(again, HttpStatusCode.Conflict);
        Assert.Equal(Texts.English("Error.OnlyDraftsAreSubmitted", Texts.English("PromiseStatus.UnderReview")), (await again.JsonAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_approved_promise_is_committed_and_only_its_delivering_department_records_the_outcome()
    {
        using var sales = await ApiAsync("sales@demo.local");
        var (id, etag) = await DraftAsync(sales, "Committed through the API");
        etag = (await sales.SendJsonAsync(HttpMethod.Post, $"{Promises}/{id}/submit", null, etag)).Headers.ETag!.ToString();
        await ApproveAsync(id);
        etag = (await sales.GetAsync($"{Promises}/{id}")).Headers.ETag!.ToString();

        var invalid = await sales.SendJsonAsync(HttpMethod.Post, $"{Promises}/{id}/commit", new { committedOn = factory.Today.AddDays(3) }, etag);
        await AssertProblemAsync(invalid, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(Texts.English("Promises.Commit.ChannelRequired"), (await invalid.JsonAsync()).GetProperty("errors").GetProperty("channel")[0].GetString());
        var committed = await sales.SendJsonAsync(HttpMethod.Post, $"{Promises}/{id}/commit", new { committedOn = factory.Today, channel = "Contract" }, etag);
        Assert.Equal(HttpStatusCode.OK, committed.StatusCode);
        Assert.Equal("Committed", (await committed.JsonAsync()).GetProperty("status").GetString());

        var outcome = new { kind = "Kept", actualValue = 1.5m, date = factory.Today, evidence = "Ticket log" };
        await AssertProblemAsync(await sales.SendJsonAsync(HttpMethod.Post, $"{Promises}/{id}/outcome", outcome, committed.Headers.ETag!.ToString()), HttpStatusCode.Forbidden);
        using var service = await ApiAsync("service.manager@demo.local");
        var early = await service.SendJsonAsync(HttpMethod.Post, $"{Promises}/{id}/outcome", outcome, committed.Headers.ETag!.ToString());
        await AssertProblemAsync(early, HttpStatusCode.Conflict);
        Assert.Equal(PromiseStatus.Committed, await StatusAsync(id));
    }

    [Fact]
    public async Task A_withdrawal_through_a_token_is_in_the_audit_trail_with_the_user_and_the_token()
    {
        using var sales = factory.CreateApiClient(await factory.CreateTokenAsync("sales@demo.local", "ReadWrite", "CRM withdrawals"));
        var (id, etag) = await DraftAsync(sales, "Withdrawn through the API");

        await AssertProblemAsync(await sales.SendJsonAsync(HttpMethod.Post, $"{Promises}/{id}/withdraw", new { reason = "" }, etag), HttpStatusCode.UnprocessableEntity);
        var withdrawn = await sales.SendJsonAsync(HttpMethod.Post, $"{Promises}/{id}/withdraw", new { reason = "Customer chose another offer" }, etag);

        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal("Withdrawn", (await withdrawn.JsonAsync()).GetProperty("status").GetString());
        var entry = await factory.WithDbAsync(db => db.AuditEntries.SingleAsync(e =>
            e.EntityType == nameof(Promise) && e.EntityId == id.ToString(CultureInfo.InvariantCulture) && e.Field == nameof(Promise.Status) && e.NewValue == "Withdrawn"));
        var tokenId = await factory.WithDbAsync(db => db.PersonalAccessTokens.Where(t => t.Name == "CRM withdrawals").Select(t => t.Id).SingleAsync());
        Assert.Equal(("Sara Sales", "CRM withdrawals", tokenId, "Customer chose another offer"), (entry.ActorName, entry.ActorTokenName, entry.ActorTokenId!.Value, entry.Reason!));
        using var admin = factory.CreateTestClient();
        await admin.SignInSuccessfullyAsync("admin@demo.local");
        var log = await admin.GetPageAsync($"/Admin/Audit?entityType=Promise&entityId={id}");
        Assert.Contains("CRM withdrawals", log.QuerySelector("table")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_list_is_bounded_and_leads_to_the_next_page_with_the_same_filters()
    {
        using var reader = await ApiAsync("exec@demo.local", "Read");

        var first = await (await reader.GetAsync($"{Promises}?status=Committed&pageSize=2")).JsonAsync();

        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        Assert.All(first.GetProperty("items").EnumerateArray(), p => Assert.Equal("Committed", p.GetProperty("status").GetString()));
        var next = first.GetProperty("nextLink").GetString()!;
        Assert.Contains("status=Committed", next, StringComparison.Ordinal);
        var second = await (await reader.GetAsync(next)).JsonAsync();
        var firstIds = first.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetInt32());
        Assert.Empty(second.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetInt32()).Intersect(firstIds));
        var huge = await (await reader.GetAsync($"{Promises}?pageSize=100000")).JsonAsync();
        Assert.True(huge.GetProperty("items").GetArrayLength() <= 100);
    }

    private Task<PromiseStatus> StatusAsync(int id) => factory.WithDbAsync(db => db.Promises.Where(p => p.Id == id).Select(p => p.Status).SingleAsync());

    /// <summary>Service decides the feasibility review on its page: every checkpoint met, Go.</summary>
    private async Task ApproveAsync(int promiseId)
    {
        var reviewId = await factory.WithDbAsync(db => db.GateReviews.Where(r => r.PromiseId == promiseId && r.Stage == GateStage.Feasibility).Select(r => r.Id).SingleAsync());
        using var manager = factory.CreateTestClient();
        await manager.SignInSuccessfullyAsync("service.manager@demo.local");
        var review = await manager.GetPageAsync($"/Reviews/Details/{reviewId}");
        var rows = review.QuerySelectorAll("form[action*='handler=Decide'] tbody tr").Length;
        var form = Enumerable.Range(0, rows).ToDictionary(i => $"Input.Answers[{i}].Answer", _ => "Met");
        form["Input.Decision"] = nameof(GateDecision.Go);
        var decided = await manager.SubmitAsync(review, form, "form[action*='handler=Decide']");
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
    }
}
