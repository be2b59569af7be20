using System.Security.Claims;
using Microsoft.Extensions.Options;
using QualityGates.Web.Authorization;

namespace QualityGates.Web.Localization;

/// <summary>The "Display" section of the configuration.</summary>
public sealed class DisplayOptions
{
    public const string Section = "Display";

    /// <summary>The IANA zone of users who chose none, and of pages nobody is signed in to.</summary>
    public string DefaultTimeZone { get; set; } = "Europe/Berlin";
}

/// <summary>The time zones times are shown in: IANA ids only, so an id means the same on every server.</summary>
public sealed class TimeZones(IOptions<DisplayOptions> options)
{
    /// <summary>Suggested on My settings; any other IANA zone can be typed.</summary>
    public static readonly IReadOnlyList<string> Common =
    [
        "Europe/Berlin", "Europe/Vienna", "Europe/Zurich", "Europe/Amsterdam", "Europe/Paris", "Europe/Madrid",
        "Europe/Rome", "Europe/Warsaw", "Europe/Stockholm", "Europe/Helsinki", "Europe/Istanbul", "Europe/London",
        "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Sao_Paulo",
        "Asia/Dubai", "Asia/Kolkata", "Asia/Singapore", "Asia/Shanghai", "Asia/Tokyo", "Australia/Sydney", "UTC",
    ];

    /// <summary>Checked at the start (SettingsCheck), so it is a known zone here.</summary>
    public TimeZoneInfo Default { get; } = Find(options.Value.DefaultTimeZone)
        ?? throw new InvalidOperationException($"Display:DefaultTimeZone '{options.Value.DefaultTimeZone}' is not an IANA time zone.");

    /// <summary>The signed-in user's zone (a claim of the sign-in cookie, see AppUserClaimsPrincipalFactory), else the default.</summary>
    public TimeZoneInfo Of(ClaimsPrincipal? user) => Find(user?.FindFirstValue(AppClaimTypes.TimeZone)) ?? Default;

    /// <summary>A stored or typed zone, else the default (a zone removed from the server's time zone data falls back too).</summary>
    public TimeZoneInfo OrDefault(string? id) => Find(id) ?? Default;

    /// <summary>
    /// The zone with this IANA id ("Europe/Berlin"), or null. Windows names ("W. Europe Standard Time") are refused:
    /// the id is stored and shown, and should read the same wherever the app runs.
    /// </summary>
    public static TimeZoneInfo? Find(string? id) =>
        !string.IsNullOrWhiteSpace(id)
        && TimeZoneInfo.TryConvertIanaIdToWindowsId(id.Trim(), out _)
        && TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone)
            ? zone
            : null;
}

/// <summary>The zone the reader of this request sees times in; views get it as <c>Viewer</c> (_ViewImports).</summary>
public sealed class ViewerTimeZone(IHttpContextAccessor httpContextAccessor, TimeZones zones)
{
    private TimeZoneInfo? _zone;

    public TimeZoneInfo Zone => _zone ??= zones.Of(httpContextAccessor.HttpContext?.User);
}
