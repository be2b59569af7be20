namespace QualityGates.Web.Notifications;

/// <summary>
/// Why someone is told. Each kind has the texts <c>Notification.{Kind}.Subject</c> and <c>.Body</c>;
/// stored by name, so new kinds never renumber old messages.
/// </summary>
public enum NotificationKind
{
    /// <summary>A gate review opened (or handed over again) that the recipient's department decides.</summary>
    ReviewWaiting,

    /// <summary>A gate decision on a promise the recipient owns.</summary>
    DecisionOnYourPromise,

    /// <summary>Daily: a condition the recipient owns is due within three days.</summary>
    ConditionDue,

    /// <summary>Daily: a condition the recipient owns is past its due date.</summary>
    ConditionOverdue,

    /// <summary>The delivering department raised an at-risk signal on the recipient's promise.</summary>
    AtRiskOnYourPromise,

    /// <summary>AfterSales filed feedback on the recipient's promise.</summary>
    FeedbackOnYourPromise,

    /// <summary>An improvement action was assigned to the recipient.</summary>
    ActionAssigned,

    /// <summary>Daily: an improvement action the recipient owns is overdue.</summary>
    ActionOverdue,

    /// <summary>Mondays: the weekly digest of the recipient's department (a service manager's).</summary>
    WeeklyDigest,
}

/// <summary>Where an outbox row is on its way to the recipient's mailbox or the webhook receiver.</summary>
public enum NotificationState
{
    /// <summary>Waiting for (another) delivery attempt.</summary>
    Pending,

    /// <summary>Handed to the SMTP server or written to the pickup folder; for a webhook, answered with 2xx.</summary>
    Sent,

    /// <summary>Not sent: the recipient switched e-mail off, has no address or is locked; a webhook's receiver was paused.</summary>
    Suppressed,

    /// <summary>Gave up after the last attempt; administrators see it in the outbox.</summary>
    Failed,
}
