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
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests.Notifications;

/// <summary>What happens at the gates reaches the right people: in the outbox, by e-mail, and as counts on My work.</summary>
public sealed class NotificationTests(NotificationFactory factory) : IClassFixture<NotificationFactory>
{
    private const string Decide = "form[action*='handler=Decide']";

    private async Task<TestClient> SignedInAsync(string email)
    {
        var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync(email);
        return client;
    }

    /// <summary>Sales logs and submits a promise that a Service manager must review (2 h is outside every envelope).</summary>
    private async Task<(Promise Promise, GateReview Review)> SubmittedAsync(string title)
    {
        using var sales = await SignedInAsync("sales@demo.local");
        var created = await sales.SubmitAsync("/Promises/Create", await factory.NewPromiseFormAsync(title));
        var details = created.Headers.Location!.PathAndQuery();
        await sales.SubmitAsync(details, new Dictionary<string, string>(), "form[action*='handler=Submit']");
        var promiseId = int.Parse(details.Split('/').Last(), CultureInfo.InvariantCulture);
        return await factory.WithDbAsync(async db => (
            await db.Promises.AsNoTracking().SingleAsync(p => p.Id == promiseId),
            await db.GateReviews.AsNoTracking().SingleAsync(r => r.PromiseId == promiseId)));
    }

    private async Task DecideAsync(GateReview review, string decision, Dictionary<string, string>? extra = null)
    {
        using var manager = await SignedInAsync("service.manager@demo.local");
        var form = Enumerable.Range(0, 5).ToDictionary(i => $"Input.Answers[{i}].Answer", _ => "Met");
        form["Input.Decision"] = decision;
        foreach (var (key, value) in extra ?? [])
        {
            form[key] = value;
        }

        Assert.Equal(HttpStatusCode.Redirect, (await manager.SubmitAsync($"/Reviews/Details/{review.Id}", form, Decide)).StatusCode);
    }

    private Task<int> SetCultureAsync(string email, string? culture) => factory.WithDbAsync(async db =>
    {
        (await db.Users.SingleAsync(u => u.Email == email)).PreferredCulture = culture;
        return await db.SaveChangesAsync();
    });

    private static int CardCount(IHtmlDocument home, WorkCategory category) =>
        int.Parse(home.QuerySelector($".work-counts a[data-category={category}] .work-count")!.TextContent, CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_review_waiting_reaches_the_deciding_managers_in_their_language_and_not_the_submitter()
    {
        await SetCultureAsync("service.manager@demo.local", "de");
        try
        {
            var (promise, review) = await SubmittedAsync("Notify: first response in 2 h");

            var messages = await factory.MessagesAsync(q => q.Where(m => m.Kind == NotificationKind.ReviewWaiting && m.LinkPath == $"/Reviews/Details/{review.Id}"));
            var managerId = await factory.UserIdAsync("service.manager@demo.local");
            var manager = Assert.Single(messages, m => m.RecipientId == managerId);
            Assert.Equal("de", manager.Culture);
            Assert.Equal(Texts.German("Notification.ReviewWaiting.Subject", review.GateCode, promise.Number, promise.Title), manager.Subject);
            Assert.Contains(Texts.German("Notification.ReviewWaiting.Body", review.GateCode, promise.Number, promise.Title), manager.Body);
            Assert.DoesNotContain(messages, m => m.RecipientId == promise.OwnerId);
        }
        finally
        {
            await SetCultureAsync("service.manager@demo.local", null);
        }
    }

    [Fact]
    public async Task A_decision_reaches_the_owner_by_email_with_a_link_to_the_review()
    {
        var (promise, review) = await SubmittedAsync("Notify: decided with Go");

        await DecideAsync(review, nameof(GateDecision.Go));

        var message = Assert.Single(await factory.MessagesAsync(q => q.Where(m => m.Kind == NotificationKind.DecisionOnYourPromise && m.LinkPath == $"/Reviews/Details/{review.Id}")));
        Assert.Equal(promise.OwnerId, message.RecipientId);
        Assert.Equal(NotificationState.Pending, message.State);

        await factory.DeliverAsync();

        var mail = factory.MailFor(message.Id) ?? throw new InvalidOperationException("No e-mail in the pickup folder");
        Assert.Equal("sales@demo.local", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Equal(Texts.English("Notification.DecisionOnYourPromise.Subject", review.GateCode, promise.Number, promise.Title, Texts.English("Decision.Go")), mail.Subject);
        Assert.Contains(Texts.English("Notification.DecisionOnYourPromise.Body", review.GateCode, promise.Number, promise.Title, Texts.English("Decision.Go")), mail.TextBody);
        Assert.Contains($"{NotificationFactory.BaseUrl}/Reviews/Details/{review.Id}", mail.TextBody);
        var sent = Assert.Single(await factory.MessagesAsync(q => q.Where(m => m.Id == message.Id)));
        Assert.Equal((NotificationState.Sent, 1), (sent.State, sent.Attempts));
        Assert.NotNull(sent.SentAtUtc);
    }

    [Fact]
    public async Task An_at_risk_signal_reaches_the_owner_and_shows_on_their_work_list()
    {
        var (promise, review) = await SubmittedAsync("Notify: committed, then at risk");
        await DecideAsync(review, nameof(GateDecision.Go));
        using var owner = await SignedInAsync("sales@demo.local");
        var committed = await owner.SubmitAsync($"/Promises/Details/{promise.Id}",
            new Dictionary<string, string> { ["Commit.CommittedOn"] = factory.FormDate(0), ["Commit.Channel"] = nameof(CommitChannel.Contract) }, "form.commit-form");
        Assert.Equal(HttpStatusCode.Redirect, committed.StatusCode);
        var (promiseId, number) = (promise.Id, promise.Number);
        var before = CardCount(await owner.GetPageAsync("/"), WorkCategory.AtRisk);

        using (var manager = await SignedInAsync("service.manager@demo.local"))
        {
            await manager.SubmitAsync($"/Promises/Details/{promiseId}", new Dictionary<string, string> { ["Risk.Reason"] = "Two technicians on sick leave" }, "form.risk-form");
        }

        var message = Assert.Single(await factory.MessagesAsync(q => q.Where(m => m.Kind == NotificationKind.AtRiskOnYourPromise && m.LinkPath == $"/Promises/Details/{promiseId}")));
        Assert.Equal(promise.OwnerId, message.RecipientId);
        Assert.Contains("Two technicians on sick leave", message.Body);
        var home = await owner.GetPageAsync("/");
        Assert.Equal(before + 1, CardCount(home, WorkCategory.AtRisk));
        var list = await owner.GetPageAsync(home.QuerySelector($".work-counts a[data-category={WorkCategory.AtRisk}]")!.GetAttribute("href")!);
        Assert.Contains(number, list.QuerySelector("main table")!.TextContent);
    }

    [Fact]
    public async Task Decisions_and_conditions_count_on_my_work_and_in_the_navigation_badge()
    {
        using var sales = await SignedInAsync("sales@demo.local");
        var home = await sales.GetPageAsync("/");
        var (decisions, conditions) = (CardCount(home, WorkCategory.Decisions), CardCount(home, WorkCategory.ConditionsDue));
        var (promise, review) = await SubmittedAsync("Notify: conditional, condition due soon");

        await DecideAsync(review, nameof(GateDecision.ConditionalGo), new Dictionary<string, string>
        {
            ["Input.Conditions[0].Text"] = "Customer confirms the escalation contacts",
            ["Input.Conditions[0].OwnerId"] = promise.OwnerId,
            ["Input.Conditions[0].DueDate"] = factory.FormDate(2),
        });

        home = await sales.GetPageAsync("/");
        Assert.Equal(decisions + 1, CardCount(home, WorkCategory.Decisions));
        Assert.Equal(conditions + 1, CardCount(home, WorkCategory.ConditionsDue));
        Assert.Null(home.QuerySelector($".work-counts a[data-category={WorkCategory.ReviewsWaiting}]"));
        var total = home.QuerySelectorAll(".work-counts .work-count").Sum(c => int.Parse(c.TextContent, CultureInfo.InvariantCulture));
        Assert.Equal(total.ToString(CultureInfo.InvariantCulture), home.QuerySelector("nav .work-badge [aria-hidden]")!.TextContent);
        var list = await sales.GetPageAsync("/Work?category=ConditionsDue");
        var row = list.QuerySelectorAll("main table tbody tr").Single(r => r.TextContent.Contains(promise.Number, StringComparison.Ordinal));
        Assert.Contains("Customer confirms the escalation contacts", row.TextContent);
        Assert.NotNull(row.QuerySelector($"a[href='/Reviews/Details/{review.Id}']"));
    }

    [Theory]
    [InlineData(Cultures.English, "d MMM yyyy")]
    [InlineData(Cultures.German, "dd.MM.yyyy")]
    public async Task The_daily_reminder_for_a_condition_is_written_once_a_day_in_the_owners_language_even_when_the_job_runs_twice_at_once(
        string culture, string dateFormat)
    {
        await SetCultureAsync("sales@demo.local", culture);
        try
        {
            var (promise, review) = await SubmittedAsync($"Notify: reminder once a day ({culture})");
            await DecideAsync(review, nameof(GateDecision.ConditionalGo), new Dictionary<string, string>
            {
                ["Input.Conditions[0].Text"] = "Backup technician named",
                ["Input.Conditions[0].OwnerId"] = promise.OwnerId,
                ["Input.Conditions[0].DueDate"] = factory.FormDate(2),
            });
            var conditionId = await factory.WithDbAsync(db => db.GateReviews.Where(r => r.Id == review.Id).SelectMany(r => r.Conditions).Select(c => c.Id).SingleAsync());
            var job = factory.Services.GetRequiredService<ReminderJob>();
            var today = factory.Today;
            Task<List<NotificationMessage>> RemindersAsync() =>
                factory.MessagesAsync(q => q.Where(m => m.DedupeKey != null && m.DedupeKey.Contains($":{conditionId}:")));

            await Task.WhenAll(Task.Run(() => job.RunAsync(today)), Task.Run(() => job.RunAsync(today)));
            await job.RunAsync(today);

            var due = Assert.Single(await RemindersAsync());
            Assert.Equal((NotificationKind.ConditionDue, promise.OwnerId, culture), (due.Kind, due.RecipientId, due.Culture));
            var dueDate = today.AddDays(2).ToString(dateFormat, CultureInfo.InvariantCulture);
            Assert.Equal(Texts.In(culture, "Notification.ConditionDue.Subject", "Backup technician named", dueDate, review.GateCode, promise.Number, promise.Title), due.Subject);

            await job.RunAsync(today.AddDays(3));

            var reminders = await RemindersAsync();
            Assert.Equal(2, reminders.Count);
            Assert.Equal(NotificationKind.ConditionOverdue, reminders[1].Kind);
        }
        finally
        {
            await SetCultureAsync("sales@demo.local", null);
        }
    }

    [Fact]
    public async Task A_user_who_switches_email_off_gets_no_email_but_still_sees_the_count()
    {
        using var manager = await SignedInAsync("service.manager@demo.local");
        var saved = await manager.SubmitAsync("/Account/Settings", new Dictionary<string, string> { ["Input.EmailNotifications"] = "false" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        try
        {
            var page = await manager.GetPageAsync("/Account/Settings");
            Assert.False(page.QuerySelector<IHtmlInputElement>("input[type=checkbox][name='Input.EmailNotifications']")!.IsChecked);
            var before = CardCount(await manager.GetPageAsync("/"), WorkCategory.ReviewsWaiting);

            var (_, review) = await SubmittedAsync("Notify: manager without e-mail");
            await factory.DeliverAsync();

            var message = Assert.Single(await factory.MessagesAsync(q => q.Where(m => m.Kind == NotificationKind.ReviewWaiting && m.LinkPath == $"/Reviews/Details/{review.Id}")));
            Assert.Equal(NotificationState.Suppressed, message.State);
            Assert.Null(factory.MailFor(message.Id));
            Assert.Equal(before + 1, CardCount(await manager.GetPageAsync("/"), WorkCategory.ReviewsWaiting));
        }
        finally
        {
            await manager.SubmitAsync("/Account/Settings", new Dictionary<string, string> { ["Input.EmailNotifications"] = "true" });
        }
    }

    [Fact]
    public async Task Settings_changed_meanwhile_are_a_conflict_not_overwritten()
    {
        using var manager = await SignedInAsync("production.manager@demo.local");
        var stale = await manager.GetPageAsync("/Account/Settings");
        using (var otherTab = await SignedInAsync("production.manager@demo.local"))
        {
            await otherTab.SubmitAsync("/Account/Settings", new Dictionary<string, string> { ["Input.EmailNotifications"] = "false" });
        }

        var response = await manager.SubmitAsync(stale, new Dictionary<string, string> { ["Input.EmailNotifications"] = "true" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ParseAsync(response);

        Assert.Contains(Texts.English("Messages.ConcurrencyConflict"), page.QuerySelector("main .alert-danger")!.TextContent);
        Assert.False(page.QuerySelector<IHtmlInputElement>("input[type=checkbox][name='Input.EmailNotifications']")!.IsChecked);
        Assert.False(await factory.WithDbAsync(db => db.Users.Where(u => u.Email == "production.manager@demo.local").Select(u => u.EmailNotifications).SingleAsync()));
    }
}
