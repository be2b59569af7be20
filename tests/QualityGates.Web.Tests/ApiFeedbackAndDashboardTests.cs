using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

/// <summary>Filing feedback and reading the dashboard through the REST API, with the pages' rules and scopes.</summary>
public sealed class ApiFeedbackAndDashboardTests(QualityGatesFactory factory) : IClassFixture<QualityGatesFactory>
{
    private async Task<HttpClient> ApiAsync(string email, string scope = "ReadWrite") =>
        factory.CreateApiClient(await factory.CreateTokenAsync(email, scope, $"{email} {scope}"));

    [Fact]
    public async Task AfterSales_files_feedback_about_a_promise_and_everyone_reads_it_at_its_location()
    {
        using var afterSales = await ApiAsync("aftersales@demo.local");
        var promise = await factory.WithDbAsync(db => db.Promises.OrderBy(p => p.Id).Select(p => new { p.Id, p.Number }).FirstAsync());

        var filed = await afterSales.SendJsonAsync(HttpMethod.Post, "/api/v1/feedback", new
        {
            type = "CustomerComplaint",
            severity = "High",
            title = "Answer came after six hours",
            description = "Reported by the customer's service desk.",
            promiseNumber = promise.Number,
        });

        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var body = await filed.JsonAsync();
        Assert.Equal($"/api/v1/feedback/{body.GetProperty("id").GetInt32()}", filed.Headers.Location!.ToString());
        Assert.Equal(("New", promise.Id), (body.GetProperty("status").GetString(), body.GetProperty("promiseId").GetInt32()));
        Assert.True(await factory.WithDbAsync(db => db.Feedback.AnyAsync(f => f.Title == "Answer came after six hours" && f.PromiseId == promise.Id)));

        // Like the feedback page, every user reads it, with a read-only token too.
        using var sales = await ApiAsync("sales@demo.local", "Read");
        var read = await sales.GetAsync(filed.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(filed.Headers.ETag, read.Headers.ETag);
        Assert.Equal("Answer came after six hours", (await read.JsonAsync()).GetProperty("title").GetString());
        var unknown = await sales.GetAsync("/api/v1/feedback/999999");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Feedback_about_an_unknown_promise_is_422_and_only_AfterSales_files_feedback()
    {
        using var afterSales = await ApiAsync("aftersales@demo.local");
        var refused = await afterSales.SendJsonAsync(HttpMethod.Post, "/api/v1/feedback", new
        {
            type = "CustomerComplaint", severity = "Low", title = "Unknown promise", description = "x", promiseNumber = "P-0000-99999",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(Texts.English("Feedback.Form.PromiseUnknown", "P-0000-99999"), (await refused.JsonAsync()).GetProperty("errors").GetProperty("promiseNumber")[0].GetString());

        using var sales = await ApiAsync("sales@demo.local");
        var forbidden = await sales.SendJsonAsync(HttpMethod.Post, "/api/v1/feedback", new { type = "CustomerPraise", severity = "Low", title = "Not mine", description = "x" });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.False(await factory.WithDbAsync(db => db.Feedback.AnyAsync(f => f.Title == "Unknown promise" || f.Title == "Not mine")));
    }

    [Fact]
    public async Task The_dashboard_counts_within_the_users_department_scope_and_period()
    {
        using var sales = await ApiAsync("sales@demo.local", "Read");
        using var executive = await ApiAsync("exec@demo.local", "Read");
        var salesDepartment = int.Parse(await factory.DepartmentAsync("Sales"), CultureInfo.InvariantCulture);

        var own = await sales.GetAsync("/api/v1/dashboard?from=2026-01-15&to=2026-02-10");
        var all = await (await executive.GetAsync("/api/v1/dashboard")).JsonAsync();

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var body = await own.JsonAsync();
        Assert.Equal(salesDepartment, body.GetProperty("scope").GetProperty("promisingDepartmentId").GetInt32());
        Assert.Equal(("2026-01-01", "2026-02-28"), (body.GetProperty("from").GetString(), body.GetProperty("to").GetString()));
        Assert.True(body.GetProperty("figures").GetProperty("keptRate").TryGetProperty("kept", out _));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, all.GetProperty("scope").GetProperty("promisingDepartmentId").ValueKind);
        Assert.True(all.GetProperty("figures").GetProperty("byPromisingDepartment").GetArrayLength()
            >= body.GetProperty("figures").GetProperty("byPromisingDepartment").GetArrayLength());
    }
}
