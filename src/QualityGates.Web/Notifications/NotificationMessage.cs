namespace QualityGates.Web.Notifications;

/// <summary>
/// One e-mail in the outbox. Written in the same SaveChanges as the change it reports, so the change and its
/// notification commit together; delivered later by <see cref="OutboxDispatcher"/>, which claims it with a
/// conditional UPDATE (<see cref="OutboxItem.ClaimedBy"/>, <see cref="OutboxItem.LeaseUntilUtc"/>) so that two app instances never
/// send it both. Subject and body are rendered in the recipient's language when the message is written.
/// </summary>
public sealed class NotificationMessage : OutboxItem
{
    public const int RecipientIdMaxLength = 450;
    public const int SubjectMaxLength = 300;
    public const int BodyMaxLength = 4000;
    public const int LinkMaxLength = 300;
    public const int CultureMaxLength = 10;
    public const int DedupeKeyMaxLength = 200;

    private NotificationMessage()
    {
    }

    internal NotificationMessage(
        NotificationKind kind, string recipientId, string culture, string subject, string body, NotificationLink link, string? dedupeKey, DateTime nowUtc)
    {
        Kind = kind;
        RecipientId = recipientId;
        Culture = culture;
        Subject = Truncate(subject, SubjectMaxLength);
        Body = Truncate(body, BodyMaxLength);
        DedupeKey = dedupeKey;
        CreatedAtUtc = nowUtc;
        DueAt(nowUtc);
        if (link.TryResolve(out var path))
        {
            LinkPath = path;
        }
        else
        {
            FillInAfterInsert(() => LinkPath = link.Resolve());
        }
    }

    public NotificationKind Kind { get; private set; }

    public string RecipientId { get; private set; } = "";

    /// <summary>The language the texts were rendered in ("en", "de").</summary>
    public string Culture { get; private set; } = "";

    public string Subject { get; private set; } = "";

    public string Body { get; private set; } = "";

    /// <summary>The record's page, relative to the app ("/Reviews/Details/7").</summary>
    public string LinkPath { get; private set; } = "";

    /// <summary>Set for reminders: "kind:record:recipient:day", unique, so a daily reminder is written once.</summary>
    public string? DedupeKey { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }
}
