using Microsoft.EntityFrameworkCore;
using QualityGates.Domain.Promises;
using QualityGates.Web.Data;
using QualityGates.Web.Localization;
using QualityGates.Web.Pages.Shared;

namespace QualityGates.Web.Improvement;

/// <summary>
/// What the company learned about promises of a category (and customer), shown where the next one is
/// made and judged: the lessons and the track record per delivering department.
/// </summary>
public sealed record PromiseExperience(
    int? CategoryId,
    string? CategoryName,
    int? CustomerId,
    IReadOnlyList<PromiseExperience.LessonItem> Lessons,
    ListCount LessonCount,
    IReadOnlyList<PromiseExperience.TrackRecord> Record)
{
    /// <summary>The newest lessons shown; the lessons page lists them all.</summary>
    public const int LessonsShown = 5;

    public static readonly PromiseExperience None = new(null, null, null, [], new ListCount(0, IsCapped: false), []);

    /// <summary>
    /// The newest lessons of the category that apply to the customer (those without a customer apply to all) and
    /// the kept count per delivering department, from the counts kept with every change (ADR 0021); only
    /// <paramref name="deliveringDepartmentId"/>'s when given.
    /// </summary>
    public static async Task<PromiseExperience> LoadAsync(QualityGatesDbContext db, int? categoryId, int? customerId, int? deliveringDepartmentId)
    {
        if (categoryId is not { } category)
        {
            return None;
        }

        var categoryName = await db.PromiseCategories.Where(c => c.Id == category).Select(c => c.Name.In(Cultures.Current)).SingleOrDefaultAsync();
        if (categoryName is null)
        {
            return None;
        }

        var applying = db.Lessons.Where(l => l.CategoryId == category && l.IsActive && (l.CustomerId == null || l.CustomerId == customerId));
        var lessons = await (from lesson in applying
                             join customer in db.Customers on lesson.CustomerId equals customer.Id into customers
                             from customer in customers.DefaultIfEmpty()
                             orderby lesson.CreatedAtUtc descending, lesson.Id descending
                             select new LessonItem
                             {
                                 Id = lesson.Id,
                                 Text = lesson.Text,
                                 CustomerName = customer == null ? null : customer.Name,
                                 CreatedAtUtc = lesson.CreatedAtUtc,
                                 ActionId = db.UpstreamChanges.Where(c => c.LessonId == lesson.Id).Select(c => (int?)c.ImprovementActionId).FirstOrDefault(),
                             }).Take(LessonsShown).ToListAsync();

        var withOutcome = db.PromiseCounts.Where(c => c.CategoryId == category && (c.Status == PromiseStatus.Kept || c.Status == PromiseStatus.Broken));
        if (deliveringDepartmentId is { } department)
        {
            withOutcome = withOutcome.Where(c => c.DeliveringDepartmentId == department);
        }

        var counts = (await withOutcome
                .GroupBy(c => c.DeliveringDepartmentId)
                .Select(g => new { DepartmentId = g.Key, Total = g.Sum(c => c.Count), Kept = g.Sum(c => c.Status == PromiseStatus.Kept ? c.Count : 0) })
                .ToListAsync())
            .Where(c => c.Total > 0).ToList();
        var departmentIds = counts.Select(c => c.DepartmentId).ToList();
        var names = await db.Departments.Where(d => departmentIds.Contains(d.Id))
            .Select(d => new { d.Id, Name = d.Name.In(Cultures.Current) }).ToDictionaryAsync(d => d.Id, d => d.Name);
        var record = counts
            .Select(c => new TrackRecord(names[c.DepartmentId], (int)c.Total, (int)c.Kept))
            .OrderBy(r => r.DeliveringDepartmentName, StringComparer.CurrentCulture)
            .ToList();
        return new PromiseExperience(category, categoryName, customerId, lessons, await ListCount.CappedAsync(applying), record);
    }

    public sealed class LessonItem
    {
        public int Id { get; init; }

        public string Text { get; init; } = "";

        public string? CustomerName { get; init; }

        public DateTime CreatedAtUtc { get; init; }

        /// <summary>The improvement action whose Act step wrote it, if any.</summary>
        public int? ActionId { get; init; }
    }

    /// <summary>"Of 12 promises of this category delivered by Service, 9 kept (75 %)".</summary>
    public sealed record TrackRecord(string DeliveringDepartmentName, int Total, int Kept)
    {
        public int KeptPercent => Total == 0 ? 0 : (int)Math.Round(100m * Kept / Total, MidpointRounding.AwayFromZero);
    }
}
