using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

public sealed class GateMeetingTests(QualityGatesFactory factory) : IClassFixture<QualityGatesFactory>
{
    private async Task<TestClient> SignedInAsync(string email)
    {
        var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync(email);
        return client;
    }

    private static string Week(DateOnly day)
    {
        var date = day.ToDateTime(TimeOnly.MinValue);
        return string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(date)}-W{ISOWeek.GetWeekOfYear(date):00}");
    }

    private static string Section(IHtmlDocument page, string name) => page.QuerySelector($"section.meeting-{name}")!.TextContent;

    /// <summary>Sales logs and submits a promise delivered by Service; 24 h lies outside the demo envelope, 72 h inside it.</summary>
    private async Task<(int Id, string Number)> SubmittedAsync(string title, string hours, int dueInDays, string metric = "Time to on-site")
    {
        using var sales = await SignedInAsync("sales@demo.local");
        var form = await factory.NewPromiseFormAsync(title, hours);
        form["Input.TargetMetric"] = metric;
        form["Input.DueDate"] = factory.FormDate(dueInDays);
        var created = await sales.SubmitAsync("/Promises/Create", form);
        var details = created.Headers.Location!.PathAndQuery();
        await sales.SubmitAsync(details, new Dictionary<string, string>(), "form[action*='handler=Submit']");
        var id = int.Parse(details.Split('/').Last(), CultureInfo.InvariantCulture);
        return (id, await factory.WithDbAsync(db => db.Promises.Where(p => p.Id == id).Select(p => p.Number).SingleAsync()));
    }

    /// <summary>A promise inside the envelope passes G1 at once; its owner commits it to the customer.</summary>
    private async Task<string> CommittedAsync(string title, int dueInDays)
    {
        var (id, number) = await SubmittedAsync(title, "72", dueInDays);
        using var sales = await SignedInAsync("sales@demo.local");
        var committed = await sales.SubmitAsync($"/Promises/Details/{id}",
            new Dictionary<string, string> { ["Commit.CommittedOn"] = factory.FormDate(0), ["Commit.Channel"] = nameof(CommitChannel.Contract) }, "form.commit-form");
        Assert.Equal(HttpStatusCode.Redirect, committed.StatusCode);
        return number;
    }

    [Fact]
    public async Task A_manager_sees_the_review_waiting_for_their_department_with_the_facts_to_decide_it()
    {
        var (_, number) = await SubmittedAsync("Meeting: on-site in 24 h", "24", 90);
        using var manager = await SignedInAsync("service.manager@demo.local");

        var meeting = await manager.GetPageAsync("/Meeting");

        Assert.Equal(Texts.English("Meeting.Heading", "Service"), meeting.QuerySelector("h1")!.TextContent);
        var row = meeting.QuerySelectorAll("section.meeting-decisions tbody tr").Single(r => r.TextContent.Contains(number, StringComparison.Ordinal));
        var customer = await factory.WithDbAsync(db => db.Customers.OrderBy(c => c.Id).Select(c => c.Name).FirstAsync());
        Assert.Contains("Meeting: on-site in 24 h", row.TextContent, StringComparison.Ordinal);
        Assert.Contains(customer, row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Time to on-site ≤ 24 h", row.TextContent, StringComparison.Ordinal);
        Assert.Contains(Texts.English("Meeting.Answered", 0, 5), row.TextContent, StringComparison.Ordinal);
        Assert.Equal("0", row.QuerySelector("td.meeting-days")!.TextContent);
        Assert.NotNull(row.QuerySelector("a[href^='/Reviews/Details/']"));
        Assert.NotNull(row.QuerySelector("a[href^='/Promises/Details/']"));
    }

    private async Task DecideAsync(int promiseId, Dictionary<string, string> form)
    {
        var reviewId = await factory.WithDbAsync(db => db.GateReviews.Where(r => r.PromiseId == promiseId).Select(r => r.Id).SingleAsync());
        using var manager = await SignedInAsync("service.manager@demo.local");
        foreach (var i in Enumerable.Range(0, 5))
        {
            form[$"Input.Answers[{i}].Answer"] = nameof(CheckpointAnswer.Met);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await manager.SubmitAsync($"/Reviews/Details/{reviewId}", form, "form[action*='handler=Decide']")).StatusCode);
    }

    [Fact]
    public async Task A_review_on_hold_comes_back_on_the_agenda_of_the_week_of_its_re_review_date()
    {
        var (id, number) = await SubmittedAsync("Meeting: held for two weeks", "24", 90);
        await DecideAsync(id, new Dictionary<string, string>
        {
            ["Input.Decision"] = nameof(GateDecision.Hold), ["Input.Reason"] = "Roster not known yet.", ["Input.ReReviewDate"] = factory.FormDate(14),
        });
        using var manager = await SignedInAsync("service.manager@demo.local");

        var now = Section(await manager.GetPageAsync("/Meeting"), "decisions");
        var then = await manager.GetPageAsync($"/Meeting?week={Week(factory.Today.AddDays(14))}");

        Assert.DoesNotContain(number, now, StringComparison.Ordinal);
        var row = then.QuerySelectorAll("section.meeting-decisions tbody tr").Single(r => r.TextContent.Contains(number, StringComparison.Ordinal));
        Assert.Contains(Texts.English("ReviewState.OnHold"), row.TextContent, StringComparison.Ordinal);
        Assert.Contains(Texts.English("Meeting.Answered", 5, 5), row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_condition_is_on_the_agenda_of_its_owners_department_in_the_week_it_falls_due()
    {
        var (id, number) = await SubmittedAsync("Meeting: go with a condition", "24", 90);
        await DecideAsync(id, new Dictionary<string, string>
        {
            ["Input.Decision"] = nameof(GateDecision.ConditionalGo),
            ["Input.Conditions[0].Text"] = "Meeting: escalation contacts confirmed",
            ["Input.Conditions[0].OwnerId"] = await factory.WithDbAsync(db => db.Users.Where(u => u.Email == "sales@demo.local").Select(u => u.Id).SingleAsync()),
            ["Input.Conditions[0].DueDate"] = factory.FormDate(7),
        });
        using var sales = await SignedInAsync("sales@demo.local");

        var now = Section(await sales.GetPageAsync("/Meeting"), "conditions");
        var then = Section(await sales.GetPageAsync($"/Meeting?week={Week(factory.Today.AddDays(7))}"), "conditions");

        Assert.DoesNotContain("Meeting: escalation contacts confirmed", now, StringComparison.Ordinal);
        Assert.Contains("Meeting: escalation contacts confirmed", then, StringComparison.Ordinal);
        Assert.Contains(number, then, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_review_an_envelope_defined_since_would_cover_says_so()
    {
        var (_, number) = await SubmittedAsync("Meeting: callback in 4 h", "4", 90, metric: "Time to callback");
        using var manager = await SignedInAsync("service.manager@demo.local");
        var defined = await manager.SubmitAsync("/Envelopes/Create", new Dictionary<string, string>
        {
            ["Input.Name"] = "Callback within 4 h",
            ["Input.CategoryId"] = await factory.CategoryAsync("Response time"),
            ["Input.Metric"] = "Time to callback",
            ["Input.Comparator"] = nameof(TargetComparator.AtMost),
            ["Input.Bound"] = "4",
            ["Input.Unit"] = "h",
        });
        Assert.Equal(HttpStatusCode.Redirect, defined.StatusCode);

        var meeting = await manager.GetPageAsync("/Meeting");

        var row = meeting.QuerySelectorAll("section.meeting-decisions tbody tr").Single(r => r.TextContent.Contains(number, StringComparison.Ordinal));
        Assert.Contains(Texts.English("Meeting.InsideEnvelope", "Callback within 4 h"), row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_promise_due_next_week_is_on_next_weeks_agenda_and_not_on_this_ones()
    {
        var thisWeek = await CommittedAsync("Meeting: due in two weeks", 14);
        var nextWeek = await CommittedAsync("Meeting: due in three weeks", 21);
        using var manager = await SignedInAsync("service.manager@demo.local");

        var first = Section(await manager.GetPageAsync($"/Meeting?week={Week(factory.Today.AddDays(14))}"), "due");
        var second = Section(await manager.GetPageAsync($"/Meeting?week={Week(factory.Today.AddDays(21))}"), "due");

        Assert.Contains(thisWeek, first, StringComparison.Ordinal);
        Assert.DoesNotContain(nextWeek, first, StringComparison.Ordinal);
        Assert.Contains(nextWeek, second, StringComparison.Ordinal);
        Assert.DoesNotContain(thisWeek, second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_departments_manager_sees_neither_and_may_not_open_services_meeting_but_an_executive_may()
    {
        var (_, number) = await SubmittedAsync("Meeting: watched by others", "24", 90);
        var service = await factory.DepartmentAsync("Service");
        using var projects = await SignedInAsync("projects.manager@demo.local");
        using var executive = await SignedInAsync("exec@demo.local");

        var own = await projects.GetPageAsync("/Meeting");
        var forbidden = await projects.GetAsync($"/Meeting?department={service}");
        var chosen = await executive.GetPageAsync($"/Meeting?department={service}");

        Assert.Equal(Texts.English("Meeting.Heading", "Projects"), own.QuerySelector("h1")!.TextContent);
        Assert.DoesNotContain(number, own.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Single(own.SelectOptions("department"));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Contains(number, Section(chosen, "decisions"), StringComparison.Ordinal);
        Assert.True(chosen.SelectOptions("department").Count > 1);
        Assert.Equal(service, chosen.SelectOptions("department").Single(o => o.IsSelected).Value);
    }

    [Fact]
    public async Task A_department_nothing_waits_for_says_so()
    {
        var sales = await factory.DepartmentAsync("Sales");
        using var executive = await SignedInAsync("exec@demo.local");

        var meeting = await executive.GetPageAsync($"/Meeting?department={sales}");

        Assert.Equal(Texts.English("Meeting.Decisions.Title", 0), meeting.QuerySelector("#meeting-decisions")!.TextContent);
        Assert.Contains(Texts.English("Meeting.Decisions.Empty", "Sales"), Section(meeting, "decisions"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_week_links_lead_to_the_week_before_and_after_across_the_new_year()
    {
        var service = await factory.DepartmentAsync("Service");
        using var manager = await SignedInAsync("service.manager@demo.local");

        var meeting = await manager.GetPageAsync("/Meeting?week=2027-W01");

        Assert.Equal(Texts.English("Meeting.Week", 1, 2027, "4 Jan 2027", "10 Jan 2027"), meeting.QuerySelector(".meeting-week")!.TextContent);
        Assert.Equal($"/Meeting?department={service}&week=2026-W53", meeting.QuerySelector("a[rel=prev]")!.GetAttribute("href"));
        Assert.Equal($"/Meeting?department={service}&week=2027-W02", meeting.QuerySelector("a[rel=next]")!.GetAttribute("href"));
        Assert.NotNull(meeting.QuerySelector("button[data-print]"));
    }

    [Fact]
    public async Task The_german_page_has_german_headings()
    {
        // The language is kept with the user: a manager the other tests of this class do not sign in as.
        using var manager = await SignedInAsync("production.manager@demo.local");
        await manager.SubmitAsync("/Meeting", new Dictionary<string, string> { ["culture"] = "de" }, "form.language-switch");

        var meeting = await manager.GetPageAsync("/Meeting");

        Assert.Equal(Texts.German("Meeting.Heading", "Produktion"), meeting.QuerySelector("h1")!.TextContent);
        var headings = meeting.QuerySelectorAll("main h2").Select(h => h.TextContent.Split(" (")[0]).ToList();
        Assert.Equal(
            [Texts.German("Meeting.Decisions.Title", 0).Split(" (")[0], Texts.German("Meeting.Due.Title", 0).Split(" (")[0], Texts.German("Meeting.Conditions.Title", 0).Split(" (")[0]],
            headings);
        Assert.Equal(Texts.German("Meeting.Print"), meeting.QuerySelector("button[data-print]")!.TextContent);
    }
}
