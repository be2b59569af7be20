using Microsoft.AspNetCore.Identity;
using QualityGates.Domain.Departments;

namespace QualityGates.Web.Data;

/// <summary>A person signing in. Created only by an administrator; belongs to exactly one department.</summary>
public sealed class AppUser : IdentityUser
{
    public const int DisplayNameMaxLength = 100;
    public const int CultureMaxLength = 10;
    public const int TimeZoneMaxLength = 50;

    public string DisplayName { get; set; } = "";

    public int DepartmentId { get; set; }

    public Department? Department { get; set; }

    /// <summary>The language the user chose ("en", "de"); null follows the browser.</summary>
    public string? PreferredCulture { get; set; }

    /// <summary>The IANA time zone the user reads times in ("Europe/Berlin"); null follows the installation's Display:DefaultTimeZone.</summary>
    public string? TimeZone { get; set; }

    /// <summary>Whether notifications reach the user by e-mail; the work list counts them either way.</summary>
    public bool EmailNotifications { get; set; } = true;

    /// <summary>Whether a department manager gets the weekly digest by e-mail (with <see cref="EmailNotifications"/> on).</summary>
    public bool ReceivesWeeklyDigest { get; set; } = true;
}
