using System.Globalization;
using Microsoft.EntityFrameworkCore;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;
using QualityGates.Web.Pages.Digest;
using QualityGates.Web.Pages.Shared;

namespace QualityGates.Web.Notifications;

/// <summary>
/// On Mondays, every service manager with e-mail notifications and the digest on gets their department's
/// <see cref="WeeklyDigest"/>: each section's count and first lines, and the link to the page. As a reminder of the
/// week's Monday keyed by the week, a restart or a second instance writes it once; a department with nothing in any
/// section gets none.
/// </summary>
public sealed class WeeklyDigestReminder : IReminder
{
    /// <summary>Lines per section in the e-mail; the page has the rest.</summary>
    public const int Lines = 5;

    private const int LineLength = 100;

    public async Task<IReadOnlyList<Reminder>> DueAsync(QualityGatesDbContext db, DateOnly today, CancellationToken ct)
    {
        if (today.DayOfWeek != DayOfWeek.Monday)
        {
            return [];
        }

        var managers = await (from user in db.Users
                              where user.EmailNotifications && user.ReceivesWeeklyDigest
                              join userRole in db.UserRoles on user.Id equals userRole.UserId
                              join role in db.Roles on userRole.RoleId equals role.Id
                              where role.Name == Roles.ServiceManager
                              select new { user.Id, user.DepartmentId })
            .ToListAsync(ct);
        var week = IsoWeek.Of(today);
        var reminders = new List<Reminder>();
        foreach (var department in managers.GroupBy(m => m.DepartmentId))
        {
            var digest = await WeeklyDigest.ReadAsync(db, department.Key, week, Lines, ct);
            if (digest.IsEmpty)
            {
                continue;
            }

            var name = await db.Departments.Where(d => d.Id == department.Key).Select(d => d.Name).SingleAsync(ct);
            var link = NotificationLink.ToPath(string.Create(CultureInfo.InvariantCulture, $"/Digest?department={department.Key}&week={week}"));
            object[] args = [name, week.Number, week.Year, Summary(digest)];
            reminders.AddRange(department.Select(m => new Reminder(NotificationKind.WeeklyDigest, week.ToString(), m.Id, link, args)));
        }

        return reminders;
    }

    /// <summary>Each section's heading with its count, then its first lines.</summary>
    private static NotificationLines Summary(WeeklyDigest digest)
    {
        var lines = new List<object>();
        void Add<T>(WeekSection<T> section, NotificationText title, Func<T, NotificationText> line)
        {
            if (lines.Count > 0)
            {
                lines.Add("");
            }

            lines.Add(title);
            lines.AddRange(section.Rows.Select(r => (object)line(r)));
            if (section.More > 0)
            {
                lines.Add(new NotificationText("Meeting.More", section.More));
            }
        }

        NotificationText Promise(DigestPromise p) => new("Digest.Line", p.Number, Short(p.Title), p.Fact);
        Add(digest.Coming, new NotificationText("Digest.Coming.Title", digest.Coming.Count, WeeklyDigest.WeeksAhead), Promise);
        Add(digest.Handovers, new NotificationText("Digest.Handovers.Title", digest.Handovers.Count), Promise);
        Add(digest.AtRisk, new NotificationText("Digest.AtRisk.Title", digest.AtRisk.Count), Promise);
        Add(digest.Broken, new NotificationText("Digest.Broken.Title", digest.Broken.Count), Promise);
        Add(digest.Lessons, new NotificationText("Digest.Lessons.Title", digest.Lessons.Count), l => new NotificationText("Digest.LessonLine", Short(l.Text), l.Category));
        return new NotificationLines(lines);
    }

    /// <summary>Titles and lessons cut to a line, so that five sections of five lines fit the body of an e-mail.</summary>
    private static string Short(string text) => text.Length <= LineLength ? text : text[..(LineLength - 1)] + "…";
}
