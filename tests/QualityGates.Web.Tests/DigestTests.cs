using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;
using QualityGates.Web.Localization;
using QualityGates.Web.Notifications;
using QualityGates.Web.Pages.Digest;
using QualityGates.Web.Pages.Shared;
using QualityGates.Web.Tests.Infrastructure;
using QualityGates.Web.Tests.Notifications;
using static QualityGates.Web.Tests.Infrastructure.ValueChains;

namespace QualityGates.Web.Tests;

/// <summary>
/// The weekly digest of a department along a chain Production → Projects → Service, on the page and in the Monday
/// e-mail. Week numbers follow the test clock, so the checks hold whatever day it starts on.
/// </summary>
public sealed class DigestTests(NotificationFactory factory) : IClassFixture<NotificationFactory>
{
    private IsoWeek ThisWeek => IsoWeek.Of(factory.Today);

    private static string Section(IHtmlDocument page, string name) => page.QuerySelector($"section.digest-{name}")!.TextContent;

    private async Task<IHtmlDocument> DigestAsync(string manager, IsoWeek week, string? department = null)
    {
        using var client = await factory.SignedInAsync(manager);
        return await client.GetPageAsync($"/Digest?week={week}" + (department is null ? "" : $"&department={department}"));
    }

    private Task<string> NumberAsync(int promiseId) =>
        factory.WithDbAsync(db => db.Promises.Where(p => p.Id == promiseId).Select(p => p.Number).SingleAsync());

    private async Task LessonAsync(string text)
    {
        using var afterSales = await factory.SignedInAsync("aftersales@demo.local");
        var saved = await afterSales.SubmitAsync("/Lessons/Create", new Dictionary<string, string>
        {
            ["Input.Text"] = text, ["Input.CategoryId"] = await factory.CategoryAsync("Response time"),
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
    }

    [Fact]
    public async Task Each_link_sees_what_comes_to_it_what_waits_for_it_and_what_is_at_risk_along_its_chain()
    {
        // Counted from this Monday: Projects receives within this week's four weeks, Service only within next week's.
        var (projectsBy, serviceBy) = (ThisWeek.Monday.AddDays(10), ThisWeek.Monday.AddDays(30));
        var promiseId = await factory.WithProductionAsync(
            await factory.ChainFormAsync("Digest: line availability along the chain", projectsReceiveBy: projectsBy, serviceReceiveBy: serviceBy));
        var number = await NumberAsync(promiseId);
        await factory.HandOnAsync(Production, promiseId);
        using (var holder = await factory.SignedInAsync(Production))
        {
            await holder.SubmitAsync($"/Promises/Details/{promiseId}", new Dictionary<string, string> { ["Risk.Reason"] = "Spare parts late" }, "form.risk-form");
        }

        var service = await DigestAsync(Service, ThisWeek);
        var serviceNextWeek = await DigestAsync(Service, ThisWeek.Next);
        var projects = await DigestAsync(Projects, ThisWeek);
        var production = await DigestAsync(Production, ThisWeek);

        var coming = projects.QuerySelectorAll("section.digest-coming tbody tr").Single(r => r.TextContent.Contains(number, StringComparison.Ordinal));
        Assert.Contains("Digest: line availability along the chain", coming.TextContent, StringComparison.Ordinal);
        Assert.Contains(Texts.English("Digest.Coming.FactPart", projectsBy.ToString("d MMM yyyy", CultureInfo.InvariantCulture), "install"), coming.TextContent, StringComparison.Ordinal);
        Assert.NotNull(coming.QuerySelector($"a[href='/Promises/Details/{promiseId}']"));
        Assert.DoesNotContain(number, Section(service, "coming"), StringComparison.Ordinal);
        Assert.Contains(number, Section(serviceNextWeek, "coming"), StringComparison.Ordinal);
        Assert.DoesNotContain(number, Section(production, "coming"), StringComparison.Ordinal);

        var handover = projects.QuerySelectorAll("section.digest-handovers tbody tr").Single(r => r.TextContent.Contains(number, StringComparison.Ordinal));
        var reviewId = (await factory.OpenReviewsByLinkAsync(promiseId, GateStage.Handover))[2];
        Assert.Equal(Texts.English("Digest.Handover.Open", "G2"), handover.QuerySelector($"a[href='/Reviews/Details/{reviewId}']")!.TextContent);
        Assert.DoesNotContain(number, Section(service, "handovers"), StringComparison.Ordinal);
        Assert.DoesNotContain(number, Section(production, "handovers"), StringComparison.Ordinal);

        foreach (var page in new[] { service, projects, production })
        {
            Assert.Contains(Texts.English("Digest.AtRisk.Fact", "Production", "Spare parts late"), Section(page, "at-risk"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_returned_handover_waits_for_the_link_that_hands_it_over_again()
    {
        var promiseId = await factory.WithProductionAsync(await factory.ChainFormAsync("Digest: handover returned"));
        var number = await NumberAsync(promiseId);
        await factory.HandOnAsync(Production, promiseId);
        await factory.DecideLinkAsync(Projects, (await factory.OpenReviewsByLinkAsync(promiseId, GateStage.Handover))[2], GateDecision.Recycle, "Acceptance report missing");

        var production = await DigestAsync(Production, ThisWeek);
        var projects = await DigestAsync(Projects, ThisWeek);

        Assert.Contains(number + " Digest: handover returned", Section(production, "handovers"), StringComparison.Ordinal);
        Assert.Contains(Texts.English("Digest.Handover.Returned", "G2"), Section(production, "handovers"), StringComparison.Ordinal);
        Assert.DoesNotContain(number, Section(projects, "handovers"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_promise_broken_at_projects_is_in_next_weeks_digest_of_production_and_projects_but_not_of_service()
    {
        var promiseId = await factory.WithProductionAsync(await factory.ChainFormAsync("Digest: broken at Projects"));
        var number = await NumberAsync(promiseId);
        await factory.HandOnAsync(Production, promiseId);
        await factory.DecideLinkAsync(Projects, (await factory.OpenReviewsByLinkAsync(promiseId, GateStage.Handover))[2], GateDecision.Go);
        using (var projectsManager = await factory.SignedInAsync(Projects))
        {
            var recorded = await projectsManager.SubmitAsync($"/Promises/Details/{promiseId}", new Dictionary<string, string>
            {
                ["Outcome.Kind"] = nameof(OutcomeKind.Broken),
                ["Outcome.Evidence"] = "Installation a month late.",
                ["Outcome.BreachCause"] = nameof(BreachCause.Execution),
                ["Outcome.BrokenAtDepartmentId"] = await factory.DepartmentAsync("Projects"),
            }, "form.outcome-form");
            Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        }

        var broken = Texts.English("Digest.Broken.Fact", factory.Today.ToString("d MMM yyyy", CultureInfo.InvariantCulture), "Projects");
        Assert.Contains(broken, Section(await DigestAsync(Production, ThisWeek.Next), "broken"), StringComparison.Ordinal);
        Assert.Contains(number, Section(await DigestAsync(Projects, ThisWeek.Next), "broken"), StringComparison.Ordinal);
        Assert.DoesNotContain(number, Section(await DigestAsync(Service, ThisWeek.Next), "broken"), StringComparison.Ordinal);
        Assert.DoesNotContain(number, Section(await DigestAsync(Projects, ThisWeek), "broken"), StringComparison.Ordinal);
        Assert.DoesNotContain(number, Section(await DigestAsync(Projects, ThisWeek.Next.Next), "broken"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lesson_of_this_week_is_in_next_weeks_digest_of_departments_with_open_promises_of_its_category()
    {
        await factory.ApprovedAsync(await factory.ChainFormAsync("Digest: open in Response time"));
        await LessonAsync("Digest: name the escalation contact before G1");
        using var executive = await factory.SignedInAsync("exec@demo.local");

        var service = await DigestAsync(Service, ThisWeek.Next);
        var sales = await executive.GetPageAsync($"/Digest?week={ThisWeek.Next}&department={await factory.DepartmentAsync("Sales")}");

        Assert.Contains("Digest: name the escalation contact before G1", Section(service, "lessons"), StringComparison.Ordinal);
        Assert.Contains("Response time", Section(service, "lessons"), StringComparison.Ordinal);
        Assert.DoesNotContain("Digest: name the escalation contact before G1", Section(await DigestAsync(Service, ThisWeek), "lessons"), StringComparison.Ordinal);
        Assert.DoesNotContain("Digest: name the escalation contact before G1", Section(sales, "lessons"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_department_with_nothing_shows_five_empty_sections_and_another_departments_manager_may_not_open_it()
    {
        var sales = await factory.DepartmentAsync("Sales");
        using var executive = await factory.SignedInAsync("exec@demo.local");
        using var projects = await factory.SignedInAsync(Projects);

        var page = await executive.GetPageAsync($"/Digest?department={sales}");
        var forbidden = await projects.GetAsync($"/Digest?department={sales}");

        Assert.Equal(Texts.English("Digest.Heading", "Sales"), page.QuerySelector("h1")!.TextContent);
        Assert.Equal(Texts.English("Digest.Handovers.Title", 0), page.QuerySelector("#digest-handovers")!.TextContent);
        foreach (var (section, empty) in new[] { ("coming", "Digest.Coming.Empty"), ("handovers", "Digest.Handovers.Empty"), ("at-risk", "Digest.AtRisk.Empty"), ("broken", "Digest.Broken.Empty"), ("lessons", "Digest.Lessons.Empty") })
        {
            Assert.Contains(Texts.English(empty, "Sales"), Section(page, section), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal($"/Digest?department={sales}&week={ThisWeek.Next}", page.QuerySelector("a[rel=next]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task The_german_digest_has_german_headings_and_is_linked_from_the_meeting_and_my_work()
    {
        // The language is kept with the user: one the other tests of this class do not sign in as.
        using var afterSales = await factory.SignedInAsync("aftersales@demo.local");
        await afterSales.SubmitAsync("/Digest", new Dictionary<string, string> { ["culture"] = "de" }, "form.language-switch");

        var page = await afterSales.GetPageAsync("/Digest");

        static string Heading(string text) => text.Split(" (")[0];
        Assert.Equal(Texts.German("Digest.Heading", "After-Sales"), page.QuerySelector("h1")!.TextContent);
        Assert.Equal(
            new[] { Texts.German("Digest.Coming.Title", 0, 4), Texts.German("Digest.Handovers.Title", 0), Texts.German("Digest.AtRisk.Title", 0),
                Texts.German("Digest.Broken.Title", 0), Texts.German("Digest.Lessons.Title", 0) }.Select(Heading),
            page.QuerySelectorAll("main h2").Select(h => Heading(h.TextContent)));
        using var manager = await factory.SignedInAsync(Service);
        Assert.NotNull((await manager.GetPageAsync("/Meeting")).QuerySelector("a.digest-link[href^='/Digest?department=']"));
        Assert.NotNull((await manager.GetPageAsync("/")).QuerySelector("a.digest-link[href='/Digest']"));
    }

    private Task<List<NotificationMessage>> DigestsAsync(IsoWeek week) =>
        factory.MessagesAsync(q => q.Where(m => m.Kind == NotificationKind.WeeklyDigest && m.DedupeKey!.Contains($":{week}:")));

    private Task<int> SetAsync(string email, string? culture, bool digest) => factory.WithDbAsync(async db =>
    {
        var user = await db.Users.SingleAsync(u => u.Email == email);
        (user.PreferredCulture, user.ReceivesWeeklyDigest) = (culture, digest);
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task On_monday_each_manager_gets_one_digest_with_the_counts_in_their_language_unless_switched_off()
    {
        var promiseId = await factory.WithProductionAsync(await factory.ChainFormAsync("Digest: mailed on Monday"));
        await factory.HandOnAsync(Production, promiseId);
        using (var production = await factory.SignedInAsync(Production))
        {
            await production.SubmitAsync($"/Promises/Details/{promiseId}", new Dictionary<string, string> { ["Risk.Reason"] = "Crane booked twice" }, "form.risk-form");
        }

        var productionId = await factory.DepartmentAsync("Production");
        using (var projects = await factory.SignedInAsync(Projects))
        {
            var saved = await projects.SubmitAsync("/Account/Settings", new Dictionary<string, string> { ["Input.ReceivesWeeklyDigest"] = "false" });
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            Assert.False((await projects.GetPageAsync("/Account/Settings")).QuerySelector<IHtmlInputElement>("input[type=checkbox][name='Input.ReceivesWeeklyDigest']")!.IsChecked);
        }

        await SetAsync(Production, Cultures.German, digest: true);
        try
        {
            var week = ThisWeek.Next;
            var job = factory.Services.GetRequiredService<ReminderJob>();
            await job.RunAsync(week.Monday.AddDays(1));
            Assert.Empty(await DigestsAsync(week));

            await job.RunAsync(week.Monday);
            await job.RunAsync(week.Monday);

            var digests = await DigestsAsync(week);
            var recipients = new[] { Production, Service };
            var ids = await Task.WhenAll(recipients.Select(factory.UserIdAsync));
            Assert.Equal(ids.Order(), digests.Select(d => d.RecipientId).Order());
            var german = digests.Single(d => d.RecipientId == ids[0]);
            var counts = await factory.WithDbAsync(db => WeeklyDigest.ReadAsync(db, int.Parse(productionId, CultureInfo.InvariantCulture), week, WeeklyDigestReminder.Lines, default));
            Assert.Equal(Cultures.German, german.Culture);
            Assert.Equal(Texts.German("Notification.WeeklyDigest.Subject", "Produktion", week.Number, week.Year), german.Subject);
            Assert.Contains(Texts.German("Digest.Handovers.Title", counts.Handovers.Count), german.Body, StringComparison.Ordinal);
            Assert.Contains(Texts.German("Digest.AtRisk.Title", counts.AtRisk.Count), german.Body, StringComparison.Ordinal);
            Assert.Contains(Texts.German("Digest.Coming.Title", counts.Coming.Count, 4), german.Body, StringComparison.Ordinal);
            Assert.Equal($"/Digest?department={productionId}&week={week}", german.LinkPath);

            var english = digests.Single(d => d.RecipientId == ids[1]);
            Assert.Equal(Texts.English("Notification.WeeklyDigest.Subject", "Service", week.Number, week.Year), english.Subject);
            Assert.Contains("Digest: mailed on Monday", english.Body, StringComparison.Ordinal);

            await factory.DeliverAsync();
            Assert.Contains($"{NotificationFactory.BaseUrl}/Digest?department=", factory.MailFor(english.Id)!.TextBody, StringComparison.Ordinal);
        }
        finally
        {
            await SetAsync(Production, null, digest: true);
            await SetAsync(Projects, null, digest: true);
        }
    }
}
