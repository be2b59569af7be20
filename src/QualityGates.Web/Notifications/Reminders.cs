using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QualityGates.Domain.Gates;
using QualityGates.Web.Data;

namespace QualityGates.Web.Notifications;

/// <summary>
/// One daily reminder query: what is due on <c>today</c>, one <see cref="Reminder"/> per record and recipient.
/// Register with <c>services.AddReminder&lt;T&gt;()</c>; <see cref="ReminderJob"/> writes each at most once a day.
/// </summary>
public interface IReminder
{
    Task<IReadOnlyList<Reminder>> DueAsync(QualityGatesDbContext db, DateOnly today, CancellationToken ct);
}

/// <summary>One reminder; <c>RecordKey</c> names the record within the kind, e.g. the condition's id.</summary>
public sealed record Reminder(NotificationKind Kind, string RecordKey, string RecipientId, NotificationLink Link, object[] Args);

/// <summary>An open condition of a review that still stands, with its promise.</summary>
public sealed class OpenCondition
{
    public int ConditionId { get; init; }

    public string OwnerId { get; init; } = "";

    public string Text { get; init; } = "";

    public DateOnly DueDate { get; init; }

    public int ReviewId { get; init; }

    public string GateCode { get; init; } = "";

    public int PromiseId { get; init; }

    public string PromiseNumber { get; init; } = "";

    public string PromiseTitle { get; init; } = "";

    /// <summary>Open conditions due on or before <paramref name="until"/> (overdue ones included), read through the open conditions' due-date index.</summary>
    public static IQueryable<OpenCondition> DueBy(QualityGatesDbContext db, DateOnly until) =>
        from review in db.GateReviews
        where review.State != GateReviewState.Superseded
        from condition in review.Conditions
        where condition.ResolvedAtUtc == null && condition.DueDate <= until
        join promise in db.Promises on review.PromiseId equals promise.Id
        select new OpenCondition
        {
            ConditionId = condition.Id, OwnerId = condition.OwnerId, Text = condition.Text, DueDate = condition.DueDate,
            ReviewId = review.Id, GateCode = review.GateCode, PromiseId = promise.Id, PromiseNumber = promise.Number, PromiseTitle = promise.Title,
        };
}

/// <summary>Open conditions due within three days, or overdue, remind their owner every day.</summary>
public sealed class ConditionDueReminder : IReminder
{
    public const int DaysAhead = 3;

    public async Task<IReadOnlyList<Reminder>> DueAsync(QualityGatesDbContext db, DateOnly today, CancellationToken ct)
    {
        var due = await OpenCondition.DueBy(db, today.AddDays(DaysAhead)).ToListAsync(ct);
        return due.Select(c => new Reminder(
                c.DueDate < today ? NotificationKind.ConditionOverdue : NotificationKind.ConditionDue,
                c.ConditionId.ToString(CultureInfo.InvariantCulture),
                c.OwnerId,
                NotificationLink.ToRecord("/Reviews/Details/", () => c.ReviewId),
                [c.Text, c.DueDate, c.GateCode, c.PromiseNumber, c.PromiseTitle]))
            .ToList();
    }
}

/// <summary>
/// Runs the registered reminders once a day. Every reminder carries a unique key (day, kind, record,
/// recipient), so running twice — a restart, or two instances at once — writes nothing twice: the second
/// writer's insert fails on the key, and it finds the reminders already there when it tries again.
/// </summary>
public sealed class ReminderJob(IServiceScopeFactory scopes, IOptions<NotificationOptions> options, TimeProvider time, ILogger<ReminderJob> logger)
{
    private const int Tries = 3;

    private DateOnly? _doneFor;

    /// <summary>Runs today's reminders once the configured hour has come, unless this instance already did.</summary>
    public async Task RunIfDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        if (_doneFor == today || now.Hour < options.Value.RemindersAtHourUtc)
        {
            return;
        }

        await RunAsync(today, ct);
        _doneFor = today;
    }

    /// <summary>Writes the reminders due on <paramref name="today"/> that are not in the outbox yet; returns how many.</summary>
    public async Task<int> RunAsync(DateOnly today, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<QualityGatesDbContext>();
            var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
            var dayPrefix = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ":";
            var written = await db.NotificationMessages.Where(m => m.DedupeKey != null && m.DedupeKey.StartsWith(dayPrefix))
                .Select(m => m.DedupeKey!).ToListAsync(ct);
            var done = written.ToHashSet(StringComparer.Ordinal);

            var missing = new List<(Reminder Reminder, string Key)>();
            foreach (var reminder in scope.ServiceProvider.GetServices<IReminder>())
            {
                foreach (var due in await reminder.DueAsync(db, today, ct))
                {
                    var key = $"{dayPrefix}{due.Kind}:{due.RecordKey}:{due.RecipientId}";
                    if (done.Add(key))
                    {
                        missing.Add((due, key));
                    }
                }
            }

            if (missing.Count == 0)
            {
                return 0;
            }

            var recipients = (await notifier.RecipientsAsync(missing.Select(m => m.Reminder.RecipientId).Distinct().ToList(), ct))
                .ToDictionary(r => r.Id);
            foreach (var (due, key) in missing.Where(m => recipients.ContainsKey(m.Reminder.RecipientId)))
            {
                db.NotificationMessages.Add(notifier.Render(due.Kind, recipients[due.RecipientId], due.Link, due.Args, key));
            }

            try
            {
                await db.SaveChangesAsync(ct);
                logger.RemindersWritten(today, missing.Count);
                return missing.Count;
            }
            catch (DbUpdateException e) when (attempt < Tries)
            {
                // Another instance wrote (some of) the same reminders in the meantime: read again and write the rest.
                logger.RemindersRaced(e, today);
            }
        }
    }
}
