namespace QualityGates.Web.Notifications;

/// <summary>The "Notifications" section of the configuration.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>Whether this instance runs the background delivery and the daily reminders (tests switch it off).</summary>
    public bool BackgroundEnabled { get; set; } = true;

    /// <summary>How often the outbox is polled.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Messages claimed per delivery pass.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>After this many failed attempts a message is given up (state Failed, shown in the outbox).</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The wait after the first failure; it doubles with every further failure.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a claim protects a message from other instances; an instance that dies mid-send loses it then.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The UTC hour from which the daily reminders run.</summary>
    public int RemindersAtHourUtc { get; set; } = 5;

    /// <summary>How long sent (and suppressed) messages stay in the outbox before the background job removes them; failed ones stay.</summary>
    public TimeSpan RetainSentFor { get; set; } = TimeSpan.FromDays(90);

    /// <summary>The app's public address for links in e-mails, e.g. https://qualitygates.example.com; empty: paths only.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Where e-mails are written as .eml files when no SMTP host is set; relative to the content root.</summary>
    public string PickupFolder { get; set; } = Path.Combine("App_Data", "mail-pickup");

    public SmtpOptions Smtp { get; set; } = new();
}

public sealed class SmtpOptions
{
    /// <summary>Empty: no SMTP server; e-mails go to the pickup folder.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>STARTTLS when the server offers it is required; false sends in the clear (a local relay).</summary>
    public bool UseStartTls { get; set; } = true;

    public string From { get; set; } = "QualityGates <qualitygates@localhost>";
}
