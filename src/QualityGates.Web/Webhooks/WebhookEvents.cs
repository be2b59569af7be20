using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QualityGates.Domain.Feedback;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;
using QualityGates.Web.Data;
using QualityGates.Web.Notifications;

namespace QualityGates.Web.Webhooks;

/// <summary>
/// Puts an event into the webhook outbox: one delivery for each active endpoint that subscribed to it, added to the
/// request's DbContext, so the caller's SaveChanges commits the deliveries with the change (ADR 0029). Called by
/// <see cref="GateNotifications"/> and <see cref="ImprovementNotifications"/>, where the e-mails of the same events are
/// queued, so every way in (pages, API) raises them. A record new in the same save is named after its insert.
/// </summary>
public sealed class WebhookEvents(QualityGatesDbContext db, IOptions<NotificationOptions> options, TimeProvider time)
{
    public Task PromiseSubmittedAsync(Promise promise, CancellationToken ct = default) =>
        RaiseAsync(WebhookEvent.PromiseSubmitted, () => Promise(promise), () => promise.Id != 0, ct);

    public Task GateDecidedAsync(GateReview review, Promise promise, CancellationToken ct = default) =>
        RaiseAsync(WebhookEvent.GateDecided, () => Promise(promise) with
        {
            Gate = new WebhookGate(review.Id, review.GateCode, review.Stage.ToString(), review.Outcome?.ToString(), review.PassedByEnvelope,
                Link("/Reviews/Details/", review.Id)),
        }, () => promise.Id != 0 && review.Id != 0, ct);

    public Task PromiseAtRiskAsync(Promise promise, CancellationToken ct = default) =>
        RaiseAsync(WebhookEvent.PromiseAtRisk, () => Promise(promise), () => promise.Id != 0, ct);

    public Task PromiseBrokenAsync(Promise promise, CancellationToken ct = default) =>
        RaiseAsync(WebhookEvent.PromiseBroken, () => Promise(promise), () => promise.Id != 0, ct);

    public async Task FeedbackFiledAsync(FeedbackItem feedback, CancellationToken ct = default)
    {
        var promise = feedback.PromiseId is { } promiseId
            ? await db.Promises.Where(p => p.Id == promiseId).Select(p => new { p.Id, p.Number }).SingleAsync(ct)
            : null;
        await RaiseAsync(WebhookEvent.FeedbackFiled, () => new WebhookRecord(
            "feedback", feedback.Id, Number: null, feedback.Title, feedback.Status.ToString(), Link("/Feedback/Details/", feedback.Id))
        {
            Promise = promise is null ? null : new WebhookPromiseReference(promise.Id, promise.Number, Link("/Promises/Details/", promise.Id)),
        }, () => feedback.Id != 0, ct);
    }

    private async Task RaiseAsync(WebhookEvent eventType, Func<WebhookRecord> record, Func<bool> recordKnown, CancellationToken ct)
    {
        // Few endpoints: read the active ones, pick the subscribers here (the set of events is stored by name).
        var endpoints = await db.WebhookEndpoints.AsNoTracking().Where(e => e.IsActive).ToListAsync(ct);
        var subscribers = endpoints.Where(e => e.Wants(eventType)).Select(e => e.Id).ToList();
        if (subscribers.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var eventId = Guid.NewGuid();
        string Payload() => new WebhookPayload(eventId, WebhookEventNames.Of(eventType), now, record()).ToJson();
        foreach (var endpointId in subscribers)
        {
            db.WebhookDeliveries.Add(new WebhookDelivery(endpointId, eventType, eventId, Payload, recordKnown(), now));
        }
    }

    private WebhookRecord Promise(Promise promise) =>
        new("promise", promise.Id, promise.Number, promise.Title, promise.Status.ToString(), Link("/Promises/Details/", promise.Id));

    private string Link(string pathPrefix, int id) =>
        (options.Value.BaseUrl?.TrimEnd('/') ?? "") + pathPrefix + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
