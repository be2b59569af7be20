using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QualityGates.Domain;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;
using QualityGates.Web.Localization;

namespace QualityGates.Web.Notifications;

/// <summary>
/// Puts notifications into the outbox through the request's DbContext: the caller's SaveChanges writes them
/// with the change they report, in one transaction. Nothing is sent here, so a mail server that is down never
/// fails or slows the user's request. The acting user is never told about their own action.
/// </summary>
public sealed class Notifier(
    QualityGatesDbContext db,
    IStringLocalizer<SharedResource> l,
    IHttpContextAccessor httpContextAccessor,
    TimeZones zones,
    TimeProvider time)
{
    /// <summary>
    /// Queues one message per recipient, rendered in the recipient's language and time zone from
    /// <c>Notification.{kind}.Subject</c> and <c>.Body</c> with <paramref name="args"/>.
    /// </summary>
    public async Task EnqueueAsync(
        NotificationKind kind, IEnumerable<string> recipientIds, NotificationLink link, object[] args, CancellationToken ct = default)
    {
        var actor = httpContextAccessor.HttpContext?.User is { Identity.IsAuthenticated: true } user ? user.UserId() : null;
        var ids = recipientIds.Where(id => id != actor).Distinct().ToList();
        if (ids.Count == 0)
        {
            return;
        }

        foreach (var recipient in await RecipientsAsync(ids, ct))
        {
            db.NotificationMessages.Add(Render(kind, recipient, link, args, dedupeKey: null));
        }
    }

    /// <summary>The recipients' names, languages and time zones; for reminders, which render many messages at once.</summary>
    internal Task<List<Recipient>> RecipientsAsync(IReadOnlyCollection<string> ids, CancellationToken ct) =>
        db.Users.Where(u => ids.Contains(u.Id))
            .Select(u => new Recipient(u.Id, u.DisplayName, u.PreferredCulture, u.TimeZone))
            .ToListAsync(ct);

    internal NotificationMessage Render(NotificationKind kind, Recipient recipient, NotificationLink link, object[] args, string? dedupeKey)
    {
        var culture = Cultures.IsSupported(recipient.Culture) ? recipient.Culture! : Cultures.English;
        var (subject, body) = InCulture(culture, () =>
        {
            var zone = zones.OrDefault(recipient.TimeZone);
            var texts = args.Select(a => NotificationText.Render(a, l, zone)).ToArray();
            return (l[$"Notification.{kind}.Subject", texts].Value,
                l["Notification.Greeting", recipient.DisplayName].Value + "\n\n" + l[$"Notification.{kind}.Body", texts].Value);
        });
        return new NotificationMessage(kind, recipient.Id, culture, subject, body, link, dedupeKey, time.GetUtcNow().UtcDateTime);
    }

    /// <summary>Resources and argument formats (dates) in the recipient's language, whatever the request's is.</summary>
    internal static T InCulture<T>(string culture, Func<T> render)
    {
        var (ui, formats) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            return render();
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, formats);
        }
    }

    internal sealed record Recipient(string Id, string DisplayName, string? Culture, string? TimeZone);
}

/// <summary>
/// An argument that is itself a text, rendered in the reader's language (e.g. the decision's name), with arguments of
/// its own; pages render it the same way (the digest's facts).
/// </summary>
public sealed record NotificationText(string Key, params object[] Args)
{
    /// <summary>An argument as the reader reads it: texts and reference names in their language, dates in its format, times in their zone.</summary>
    public static object Render(object arg, IStringLocalizer l, TimeZoneInfo zone) => arg switch
    {
        NotificationText text => l[text.Key, text.Args.Select(a => Render(a, l, zone)).ToArray()].Value,
        NotificationLines lines => string.Join("\n", lines.Lines.Select(a => Render(a, l, zone))),
        LocalizedText name => name.In(Cultures.Current),
        DateOnly date => date.Date(),
        DateTime utc => utc.DateTime(zone),
        _ => arg,
    };
}

/// <summary>An argument of several lines, each rendered as a <see cref="NotificationText"/> argument.</summary>
public sealed record NotificationLines(IReadOnlyList<object> Lines);
