using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;
using QualityGates.Web.Localization;
using QualityGates.Web.Notifications;
using QualityGates.Web.Tests.Infrastructure;
using QualityGates.Web.Tests.Notifications;

namespace QualityGates.Web.Tests;

/// <summary>
/// Times are shown in the reader's zone, named by its offset: the installation's default (Europe/Berlin) unless the
/// user chose another on My settings; e-mails in the recipient's zone. Each test moves the clock to a known winter or
/// summer instant, so the offsets do not depend on the day the suite runs.
/// </summary>
public sealed class TimeZoneTests(NotificationFactory factory) : IClassFixture<NotificationFactory>
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo(Cultures.English);

    /// <summary>Moves the clock forward to the next 15th of <paramref name="month"/>, 09:30 UTC.</summary>
    private DateTimeOffset MoveTo(int month)
    {
        var now = factory.Clock.GetUtcNow();
        var instant = new DateTimeOffset(now.Year, month, 15, 9, 30, 0, TimeSpan.Zero);
        while (instant <= now.AddDays(1))
        {
            instant = instant.AddYears(1);
        }

        factory.Clock.SetUtcNow(instant);
        return instant;
    }

    /// <summary>"15 Jan 2027 10:30 AM UTC+1": the wall-clock time the reader should see, as an English page writes it.</summary>
    private static string Shown(DateTimeOffset utc, int hour, int minute, string offset) =>
        new DateTime(utc.Year, utc.Month, utc.Day, hour, minute, 0).ToString($"d MMM yyyy {English.DateTimeFormat.ShortTimePattern}", English)
        + " " + offset;

    private async Task<TestClient> SignedInAsync(string email)
    {
        var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync(email);
        return client;
    }

    private async Task<string> CreatePromiseAsync(TestClient client, string title)
    {
        var created = await client.SubmitAsync("/Promises/Create", await factory.NewPromiseFormAsync(title));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return created.Headers.Location!.PathAndQuery();
    }

    private static string FirstHistoryTime(IHtmlDocument details) =>
        details.QuerySelector("ol.history time")!.TextContent.Trim();

    private Task<string?> TimeZoneOfAsync(string email) =>
        factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.TimeZone).SingleAsync());

    [Fact]
    public async Task A_user_with_the_default_zone_sees_history_in_Berlin_time_in_winter_and_in_summer()
    {
        var winter = MoveTo(1);
        using (var client = await SignedInAsync("presales@demo.local"))
        {
            var details = await client.GetPageAsync(await CreatePromiseAsync(client, "Zone: created in winter"));
            Assert.Equal(Shown(winter, 10, 30, "UTC+1"), FirstHistoryTime(details));
        }

        var summer = MoveTo(7);
        using (var client = await SignedInAsync("presales@demo.local"))
        {
            var details = await client.GetPageAsync(await CreatePromiseAsync(client, "Zone: created in summer"));
            Assert.Equal(Shown(summer, 11, 30, "UTC+2"), FirstHistoryTime(details));
        }

        Assert.Null(await TimeZoneOfAsync("presales@demo.local"));
    }

    [Fact]
    public async Task A_user_who_chooses_New_York_on_my_settings_sees_the_same_time_in_New_York_time()
    {
        var winter = MoveTo(1);
        using var client = await SignedInAsync("marketing@demo.local");
        var promise = await CreatePromiseAsync(client, "Zone: read from New York");
        Assert.Equal(Shown(winter, 10, 30, "UTC+1"), FirstHistoryTime(await client.GetPageAsync(promise)));

        var saved = await client.SubmitAsync("/Account/Settings", new Dictionary<string, string> { ["Input.TimeZone"] = "America/New_York" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        Assert.Equal(Shown(winter, 4, 30, "UTC-5"), FirstHistoryTime(await client.GetPageAsync(promise)));
        Assert.Equal("America/New_York", (await client.GetPageAsync("/Account/Settings")).InputValue("Input.TimeZone"));
        Assert.Equal("America/New_York", await TimeZoneOfAsync("marketing@demo.local"));
    }

    [Theory]
    [InlineData("Europe/Berlinn")]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("W. Europe Standard Time")]
    public async Task An_unknown_zone_is_refused_with_a_message_the_input_kept_and_nothing_saved(string zone)
    {
        using var client = await SignedInAsync("aftersales@demo.local");

        var response = await client.SubmitAsync("/Account/Settings", new Dictionary<string, string>
        {
            ["Input.TimeZone"] = zone,
            ["Input.EmailNotifications"] = "false",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        Assert.Equal(Texts.English("Settings.TimeZone.Unknown", zone), page.FieldError("Input.TimeZone"));
        Assert.Equal(zone, page.InputValue("Input.TimeZone"));
        Assert.Null(await TimeZoneOfAsync("aftersales@demo.local"));
        Assert.True(await factory.WithDbAsync(db => db.Users.Where(u => u.Email == "aftersales@demo.local").Select(u => u.EmailNotifications).SingleAsync()));
    }

    [Fact]
    public async Task The_at_risk_email_names_the_time_in_the_recipients_zone()
    {
        await factory.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Email == "sales@demo.local")).TimeZone = "Asia/Tokyo";
            return await db.SaveChangesAsync();
        });
        try
        {
            var winter = MoveTo(1);
            using var sales = await SignedInAsync("sales@demo.local");
            var details = await CreatePromiseAsync(sales, "Zone: at risk, read in Tokyo");
            await sales.SubmitAsync(details, new Dictionary<string, string>(), "form[action*='handler=Submit']");
            var promiseId = int.Parse(details.Split('/').Last(), CultureInfo.InvariantCulture);
            var (review, number) = await factory.WithDbAsync(async db => (
                await db.GateReviews.AsNoTracking().SingleAsync(r => r.PromiseId == promiseId),
                await db.Promises.Where(p => p.Id == promiseId).Select(p => p.Number).SingleAsync()));
            using (var manager = await SignedInAsync("service.manager@demo.local"))
            {
                var form = Enumerable.Range(0, 5).ToDictionary(i => $"Input.Answers[{i}].Answer", _ => "Met");
                form["Input.Decision"] = nameof(GateDecision.Go);
                Assert.Equal(HttpStatusCode.Redirect, (await manager.SubmitAsync($"/Reviews/Details/{review.Id}", form, "form[action*='handler=Decide']")).StatusCode);
            }

            Assert.Equal(HttpStatusCode.Redirect, (await sales.SubmitAsync(details,
                new Dictionary<string, string> { ["Commit.CommittedOn"] = factory.FormDate(0), ["Commit.Channel"] = nameof(CommitChannel.Contract) }, "form.commit-form")).StatusCode);
            using (var manager = await SignedInAsync("service.manager@demo.local"))
            {
                Assert.Equal(HttpStatusCode.Redirect, (await manager.SubmitAsync(details,
                    new Dictionary<string, string> { ["Risk.Reason"] = "Storm damage at the site" }, "form.risk-form")).StatusCode);
            }

            var message = Assert.Single(await factory.MessagesAsync(q => q.Where(m => m.Kind == NotificationKind.AtRiskOnYourPromise && m.LinkPath == details)));
            await factory.DeliverAsync();

            var mail = factory.MailFor(message.Id) ?? throw new InvalidOperationException("No e-mail in the pickup folder");
            var expected = Texts.English("Notification.AtRiskOnYourPromise.Body", number, "Zone: at risk, read in Tokyo", "Storm damage at the site", Shown(winter, 18, 30, "UTC+9"));
            Assert.Contains(expected.ReplaceLineEndings("\n"), (mail.TextBody ?? "").ReplaceLineEndings("\n"));
        }
        finally
        {
            await factory.WithDbAsync(async db =>
            {
                (await db.Users.SingleAsync(u => u.Email == "sales@demo.local")).TimeZone = null;
                return await db.SaveChangesAsync();
            });
        }
    }

    [Theory]
    [InlineData(0, 0, "UTC")]
    [InlineData(2, 0, "UTC+2")]
    [InlineData(-5, 0, "UTC-5")]
    [InlineData(5, 30, "UTC+5:30")]
    [InlineData(-3, -30, "UTC-3:30")]
    public void An_offset_is_named_in_hours_and_minutes_only_when_there_are_some(int hours, int minutes, string expected) =>
        Assert.Equal(expected, LocalizerExtensions.Offset(new TimeSpan(hours, minutes, 0)));
}
