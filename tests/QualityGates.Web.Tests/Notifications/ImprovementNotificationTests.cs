using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QualityGates.Domain.Feedback;
using QualityGates.Domain.Improvement;
using QualityGates.Domain.Promises;
using QualityGates.Web.Notifications;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests.Notifications;

/// <summary>The improvement loop reaches the people it concerns: the promise's owner, an action's owner.</summary>
public sealed class ImprovementNotificationTests(NotificationFactory factory) : IClassFixture<NotificationFactory>
{
    private async Task<TestClient> AfterSalesAsync()
    {
        var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync("aftersales@demo.local");
        return client;
    }

    [Fact]
    public async Task Feedback_filed_on_a_promise_reaches_the_promise_owner()
    {
        var promise = await factory.WithDbAsync(db => db.Promises.AsNoTracking().Where(p => p.Status == PromiseStatus.InDelivery).OrderBy(p => p.Id).FirstAsync());
        using var client = await AfterSalesAsync();

        var response = await client.SubmitAsync("/Feedback/Create", new Dictionary<string, string>
        {
            ["Input.Type"] = nameof(FeedbackType.CustomerComplaint),
            ["Input.Title"] = "Notify: customer complains about waiting",
            ["Input.Description"] = "Waited two days for a call back.",
            ["Input.PromiseNumber"] = promise.Number,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var feedbackId = await factory.WithDbAsync(db => db.Feedback.Where(f => f.Title == "Notify: customer complains about waiting").Select(f => f.Id).SingleAsync());
        var message = Assert.Single(await factory.MessagesAsync(q => q.Where(m => m.Kind == NotificationKind.FeedbackOnYourPromise && m.LinkPath == $"/Feedback/Details/{feedbackId}")));
        Assert.Equal(promise.OwnerId, message.RecipientId);
        Assert.Equal(Texts.English("Notification.FeedbackOnYourPromise.Subject", promise.Number, promise.Title), message.Subject);
    }

    [Fact]
    public async Task An_action_opened_for_a_service_manager_reaches_them_and_overdue_actions_remind_their_owner_daily()
    {
        var managerId = await factory.UserIdAsync("service.manager@demo.local");
        var feedbackId = await factory.WithDbAsync(db => db.Feedback.Where(f => f.Status != FeedbackStatus.Closed).Select(f => f.Id).FirstAsync());
        using var client = await AfterSalesAsync();
        var create = await client.GetPageAsync($"/Actions/Create?feedbackId={feedbackId}");

        var opened = await client.SubmitAsync(create, new Dictionary<string, string>
        {
            ["Input.Title"] = "Notify: call back within a day",
            ["Input.RootCause"] = "No call-back rota.",
            ["Input.OwnerId"] = managerId,
            ["Input.EffectivenessMeasure"] = "Share of call-backs within a day",
        });

        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var action = await factory.WithDbAsync(db => db.ImprovementActions.AsNoTracking().SingleAsync(a => a.Title == "Notify: call back within a day"));
        var assigned = Assert.Single(await factory.MessagesAsync(q => q.Where(m => m.Kind == NotificationKind.ActionAssigned && m.LinkPath == $"/Actions/Details/{action.Id}")));
        Assert.Equal(managerId, assigned.RecipientId);

        var dayAfterDue = action.DueDate.AddDays(1);
        await factory.Services.GetRequiredService<ReminderJob>().RunAsync(dayAfterDue);

        var overdue = await factory.MessagesAsync(q => q.Where(m => m.Kind == NotificationKind.ActionOverdue && m.LinkPath == $"/Actions/Details/{action.Id}"));
        Assert.Equal(managerId, Assert.Single(overdue).RecipientId);
        Assert.Equal(Texts.English("Notification.ActionOverdue.Subject", action.Title), overdue[0].Subject);
        Assert.NotEqual(PdcaPhase.Done, action.Phase);
    }
}
