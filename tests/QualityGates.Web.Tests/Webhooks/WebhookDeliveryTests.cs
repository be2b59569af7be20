using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using QualityGates.Domain.Feedback;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;
using QualityGates.Web.Notifications;
using QualityGates.Web.Tests.Infrastructure;
using QualityGates.Web.Tests.Notifications;
using QualityGates.Web.Webhooks;

namespace QualityGates.Web.Tests.Webhooks;

/// <summary>
/// Events reach a real receiver: written with the change, delivered by the dispatcher when the test runs it, signed
/// with the endpoint's secret, retried after growing pauses on the app's clock, and sent again from the log.
/// </summary>
public sealed class WebhookDeliveryTests(WebhookFactory factory) : IClassFixture<WebhookFactory>
{
    private WebhookReceiver Receiver => factory.Receiver;

    /// <summary>Sales logs and submits a promise that a Service manager must review; returns its id and number.</summary>
    private async Task<(int Id, string Number)> SubmitPromiseAsync(string title, string hours = "2")
    {
        using var sales = await factory.SignedInAsync("sales@demo.local");
        var created = await sales.SubmitAsync("/Promises/Create", await factory.NewPromiseFormAsync(title, hours));
        var details = created.Headers.Location!.PathAndQuery();
        Assert.Equal(HttpStatusCode.Redirect, (await sales.SubmitAsync(details, new Dictionary<string, string>(), "form[action*='handler=Submit']")).StatusCode);
        var id = int.Parse(details.Split('/').Last(), CultureInfo.InvariantCulture);
        return (id, await factory.WithDbAsync(db => db.Promises.Where(p => p.Id == id).Select(p => p.Number).SingleAsync()));
    }

    private async Task<int> ReviewOfAsync(int promiseId) =>
        await factory.WithDbAsync(db => db.GateReviews.Where(r => r.PromiseId == promiseId).Select(r => r.Id).SingleAsync());

    private async Task DecideGoAsync(int reviewId)
    {
        using var manager = await factory.SignedInAsync("service.manager@demo.local");
        var form = Enumerable.Range(0, 5).ToDictionary(i => $"Input.Answers[{i}].Answer", _ => "Met");
        form["Input.Decision"] = nameof(GateDecision.Go);
        Assert.Equal(HttpStatusCode.Redirect, (await manager.SubmitAsync($"/Reviews/Details/{reviewId}", form, "form[action*='handler=Decide']")).StatusCode);
    }

    [Fact]
    public async Task A_submitted_promise_reaches_the_receiver_signed_with_the_endpoints_secret()
    {
        var (endpointId, secret) = await factory.RegisterAsync("CRM", Receiver.UrlFor("submitted"), WebhookEvent.PromiseSubmitted);

        var (promiseId, number) = await SubmitPromiseAsync("Webhook: submitted");

        // Written with the change, sent only by the dispatcher.
        var queued = Assert.Single(await factory.DeliveriesAsync(endpointId));
        Assert.Equal((NotificationState.Pending, WebhookEvent.PromiseSubmitted), (queued.State, queued.Event));
        Assert.Empty(Receiver.ReceivedFor("submitted"));

        await factory.DeliverWebhooksAsync();

        var request = Assert.Single(Receiver.ReceivedFor("submitted"));
        Assert.True(ReceiverCheck.SignatureIsValid(request, secret), "The signature does not verify with the endpoint's secret.");
        Assert.False(ReceiverCheck.SignatureIsValid(request, secret + "x"));
        Assert.False(ReceiverCheck.SignatureIsValid(request with { Body = request.Body.Replace(number, "P-0000-00000", StringComparison.Ordinal) }, secret));
        Assert.Equal("promise.submitted", request.Header(WebhookSignature.EventHeader));
        Assert.Equal(queued.DeliveryId.ToString(), request.Header(WebhookSignature.DeliveryHeader));
        Assert.Equal(factory.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), request.Header(WebhookSignature.TimestampHeader));
        Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);

        var json = ReceiverCheck.Json(request);
        Assert.Equal(queued.EventId.ToString(), json.GetProperty("id").GetString());
        Assert.Equal("promise.submitted", json.GetProperty("type").GetString());
        Assert.Equal(factory.Clock.GetUtcNow().UtcDateTime, json.GetProperty("occurredAt").GetDateTime().ToUniversalTime(), TimeSpan.FromSeconds(1));
        var data = json.GetProperty("data");
        Assert.Equal(("promise", promiseId, number, "Webhook: submitted", "UnderReview"),
            (data.GetProperty("object").GetString(), data.GetProperty("id").GetInt32(), data.GetProperty("number").GetString(),
             data.GetProperty("title").GetString(), data.GetProperty("status").GetString()));
        Assert.Equal($"{NotificationFactory.BaseUrl}/Promises/Details/{promiseId}", data.GetProperty("link").GetString());

        var sent = Assert.Single(await factory.DeliveriesAsync(endpointId));
        Assert.Equal((NotificationState.Sent, 1, 200), (sent.State, sent.Attempts, sent.LastStatusCode));
    }

    [Fact]
    public async Task A_gate_decision_and_filed_feedback_reach_a_receiver_that_subscribed_to_them_and_nothing_else()
    {
        var (endpointId, secret) = await factory.RegisterAsync("BI", Receiver.UrlFor("decided"), WebhookEvent.GateDecided, WebhookEvent.FeedbackFiled);

        var (promiseId, number) = await SubmitPromiseAsync("Webhook: decided");
        Assert.Empty(await factory.DeliveriesAsync(endpointId));
        var reviewId = await ReviewOfAsync(promiseId);
        await DecideGoAsync(reviewId);
        using (var afterSales = await factory.SignedInAsync("aftersales@demo.local"))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await afterSales.SubmitAsync("/Feedback/Create", new Dictionary<string, string>
            {
                ["Input.Type"] = nameof(FeedbackType.CustomerPraise),
                ["Input.Title"] = "Webhook: quick answer",
                ["Input.Description"] = "Answered within the hour.",
                ["Input.PromiseNumber"] = number,
            })).StatusCode);
        }

        await factory.DeliverWebhooksAsync();

        var requests = Receiver.ReceivedFor("decided");
        Assert.Equal(["gate.decided", "feedback.filed"], requests.Select(r => r.Header(WebhookSignature.EventHeader)));
        Assert.All(requests, r => Assert.True(ReceiverCheck.SignatureIsValid(r, secret)));
        var gate = ReceiverCheck.Json(requests[0]).GetProperty("data");
        Assert.Equal((promiseId, "Approved"), (gate.GetProperty("id").GetInt32(), gate.GetProperty("status").GetString()));
        Assert.Equal((reviewId, "G1", "Go", false), (gate.GetProperty("gate").GetProperty("reviewId").GetInt32(),
            gate.GetProperty("gate").GetProperty("code").GetString(), gate.GetProperty("gate").GetProperty("decision").GetString(),
            gate.GetProperty("gate").GetProperty("passedByEnvelope").GetBoolean()));
        var feedbackId = await factory.WithDbAsync(db => db.Feedback.Where(f => f.Title == "Webhook: quick answer").Select(f => f.Id).SingleAsync());
        var feedback = ReceiverCheck.Json(requests[1]).GetProperty("data");
        Assert.Equal(("feedback", feedbackId, "Webhook: quick answer", number),
            (feedback.GetProperty("object").GetString(), feedback.GetProperty("id").GetInt32(), feedback.GetProperty("title").GetString(),
             feedback.GetProperty("promise").GetProperty("number").GetString()));
        Assert.Equal($"{NotificationFactory.BaseUrl}/Feedback/Details/{feedbackId}", feedback.GetProperty("link").GetString());
    }

    [Fact]
    public async Task A_promise_an_envelope_covers_is_submitted_and_decided_in_one_go_naming_the_review_opened_by_the_same_save()
    {
        var (endpointId, secret) = await factory.RegisterAsync("Fast lane", Receiver.UrlFor("envelope"), WebhookEvent.PromiseSubmitted, WebhookEvent.GateDecided);

        var (promiseId, _) = await SubmitPromiseAsync("Webhook: fast lane", hours: "4");

        var review = await factory.WithDbAsync(db => db.GateReviews.AsNoTracking().SingleAsync(r => r.PromiseId == promiseId));
        Assert.True(review.PassedByEnvelope);
        await factory.DeliverWebhooksAsync();
        var requests = Receiver.ReceivedFor("envelope");
        Assert.Equal(["promise.submitted", "gate.decided"], requests.Select(r => r.Header(WebhookSignature.EventHeader)));
        Assert.All(requests, r => Assert.True(ReceiverCheck.SignatureIsValid(r, secret)));
        var gate = ReceiverCheck.Json(requests[1]).GetProperty("data").GetProperty("gate");
        Assert.Equal((review.Id, true, $"{NotificationFactory.BaseUrl}/Reviews/Details/{review.Id}"),
            (gate.GetProperty("reviewId").GetInt32(), gate.GetProperty("passedByEnvelope").GetBoolean(), gate.GetProperty("link").GetString()));
        Assert.Equal(2, (await factory.DeliveriesAsync(endpointId)).Count(d => d.State == NotificationState.Sent));
    }

    [Fact]
    public async Task A_risk_and_a_broken_outcome_reach_a_receiver_that_subscribed_to_them()
    {
        var (_, secret) = await factory.RegisterAsync("Escalation", Receiver.UrlFor("escalation"), WebhookEvent.PromiseAtRisk, WebhookEvent.PromiseBroken);
        var service = int.Parse(await factory.DepartmentAsync("Service"), CultureInfo.InvariantCulture);
        var promiseId = await factory.WithDbAsync(db => db.Promises.Where(p => p.Status == PromiseStatus.InDelivery && p.DeliveringDepartmentId == service)
            .OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());
        using var manager = await factory.SignedInAsync("service.manager@demo.local");
        var details = $"/Promises/Details/{promiseId}";

        Assert.Equal(HttpStatusCode.Redirect, (await manager.SubmitAsync(details, new Dictionary<string, string> { ["Risk.Reason"] = "Carrier strike" }, "form.risk-form")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await manager.SubmitAsync(details, new Dictionary<string, string>
        {
            ["Outcome.Kind"] = nameof(OutcomeKind.Broken),
            ["Outcome.ActualValue"] = "36",
            ["Outcome.Evidence"] = "Shipping log",
            ["Outcome.BreachCause"] = nameof(BreachCause.Execution),
        }, "form.outcome-form")).StatusCode);
        await factory.DeliverWebhooksAsync();

        var requests = Receiver.ReceivedFor("escalation");
        Assert.Equal(["promise.at_risk", "promise.broken"], requests.Select(r => r.Header(WebhookSignature.EventHeader)));
        Assert.All(requests, r => Assert.True(ReceiverCheck.SignatureIsValid(r, secret)));
        var broken = ReceiverCheck.Json(requests[1]).GetProperty("data");
        Assert.Equal((promiseId, "Broken"), (broken.GetProperty("id").GetInt32(), broken.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task A_receiver_that_fails_is_tried_again_after_growing_pauses_until_it_answers()
    {
        var (endpointId, secret) = await factory.RegisterAsync("Flaky", Receiver.UrlFor("flaky"), WebhookEvent.PromiseSubmitted);
        Receiver.AnswerNext("flaky", HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError);
        await SubmitPromiseAsync("Webhook: retried");
        async Task<WebhookDelivery> DeliveryAsync() => Assert.Single(await factory.DeliveriesAsync(endpointId));

        await factory.DeliverWebhooksAsync();
        var first = await DeliveryAsync();
        Assert.Equal((NotificationState.Pending, 1, 500), (first.State, first.Attempts, first.LastStatusCode));
        Assert.Contains("500", first.LastError, StringComparison.Ordinal);
        Assert.Equal(factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(1), first.NextAttemptAtUtc, TimeSpan.FromMilliseconds(1));
        await factory.DeliverWebhooksAsync();
        Assert.Single(Receiver.ReceivedFor("flaky"));

        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await factory.DeliverWebhooksAsync();
        var second = await DeliveryAsync();
        Assert.Equal((NotificationState.Pending, 2), (second.State, second.Attempts));
        Assert.Equal(factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(2), second.NextAttemptAtUtc, TimeSpan.FromMilliseconds(1));
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await factory.DeliverWebhooksAsync();
        Assert.Equal(2, Receiver.ReceivedFor("flaky").Count);

        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await factory.DeliverWebhooksAsync();
        var delivered = await DeliveryAsync();
        Assert.Equal((NotificationState.Sent, 3, 200), (delivered.State, delivered.Attempts, delivered.LastStatusCode));
        var requests = Receiver.ReceivedFor("flaky");
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r => Assert.True(ReceiverCheck.SignatureIsValid(r, secret)));
        Assert.Single(requests.Select(r => r.Header(WebhookSignature.DeliveryHeader)).Distinct());
    }

    [Fact]
    public async Task A_delivery_given_up_shows_in_the_log_and_is_sent_again_from_there()
    {
        var (endpointId, secret) = await factory.RegisterAsync("Down", Receiver.UrlFor("down"), WebhookEvent.PromiseSubmitted);
        Receiver.AnswerNext("down", HttpStatusCode.InternalServerError, HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable);
        await SubmitPromiseAsync("Webhook: given up");
        foreach (var _ in Enumerable.Range(0, 3))
        {
            await factory.DeliverWebhooksAsync();
            factory.Clock.Advance(TimeSpan.FromMinutes(4));
        }

        var failed = Assert.Single(await factory.DeliveriesAsync(endpointId));
        Assert.Equal((NotificationState.Failed, 3, 503), (failed.State, failed.Attempts, failed.LastStatusCode));

        using var admin = await factory.SignedInAsync("admin@demo.local");
        var log = await admin.GetPageAsync($"/Admin/Webhooks/Details/{endpointId}");
        var row = Assert.Single(log.QuerySelectorAll("table.webhook-log tbody tr"));
        Assert.Equal(nameof(NotificationState.Failed), row.GetAttribute("data-state"));
        Assert.Equal(("3", "503"), (row.QuerySelector("td.attempts")!.TextContent, row.QuerySelector("td.status-code")!.TextContent));
        Assert.Contains("503", row.QuerySelector("td.last-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(Texts.English("WebhookState.Failed"), row.TextContent, StringComparison.Ordinal);
        Assert.Single(await factory.WithDbAsync(db => db.Set<WebhookEndpoint>().Where(e => e.Id == endpointId).ToListAsync()));
        var index = await admin.GetPageAsync("/Admin/Webhooks");
        Assert.Contains(index.QuerySelectorAll("table.webhooks tbody tr"), r => r.TextContent.Contains("Down", StringComparison.Ordinal) && r.QuerySelector("td.failed")!.TextContent == "1");

        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(log, new Dictionary<string, string>(), "form.send-again")).StatusCode);
        await factory.DeliverWebhooksAsync();

        var deliveries = await factory.DeliveriesAsync(endpointId);
        Assert.Equal(2, deliveries.Count);
        var again = deliveries[1];
        Assert.Equal((NotificationState.Sent, 200, failed.EventId, failed.Payload), (again.State, again.LastStatusCode, again.EventId, again.Payload));
        Assert.NotEqual(failed.DeliveryId, again.DeliveryId);
        var last = Receiver.ReceivedFor("down")[^1];
        Assert.Equal(again.DeliveryId.ToString(), last.Header(WebhookSignature.DeliveryHeader));
        Assert.True(ReceiverCheck.SignatureIsValid(last, secret));
        var newest = (await admin.GetPageAsync($"/Admin/Webhooks/Details/{endpointId}")).QuerySelectorAll("table.webhook-log tbody tr")[0];
        Assert.Equal(nameof(NotificationState.Sent), newest.GetAttribute("data-state"));
    }

    [Fact]
    public async Task A_paused_receiver_gets_nothing_not_even_what_was_waiting()
    {
        var (endpointId, _) = await factory.RegisterAsync("Paused", Receiver.UrlFor("paused"), WebhookEvent.PromiseSubmitted);
        await SubmitPromiseAsync("Webhook: waiting when paused");

        using (var admin = await factory.SignedInAsync("admin@demo.local"))
        {
            var details = await admin.GetPageAsync($"/Admin/Webhooks/Details/{endpointId}");
            Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(details, new Dictionary<string, string>(), "form.pause-form")).StatusCode);
        }

        await factory.DeliverWebhooksAsync();
        await SubmitPromiseAsync("Webhook: submitted while paused");
        await factory.DeliverWebhooksAsync();

        var waiting = Assert.Single(await factory.DeliveriesAsync(endpointId));
        Assert.Equal(NotificationState.Suppressed, waiting.State);
        Assert.Empty(Receiver.ReceivedFor("paused"));
    }
}
