using Microsoft.EntityFrameworkCore;
using QualityGates.Domain.Promises;
using QualityGates.Web.Data;

namespace QualityGates.Web.Improvement;

/// <summary>
/// What the company learned about promises of a category (and customer), shown where the next one is
/// made and judged: the lessons and the track record per delivering department.
/// </summary>
public sealed record PromiseExperience(
    int? CategoryId, string? CategoryName, IReadOnlyList<PromiseExperience.LessonItem> Lessons, IReadOnlyList<PromiseExperience.TrackRecord> Record)
{
    public static readonly PromiseExperience None = new(null, null, [], []);

    /// <summary>
    /// Lessons of the category that apply to the customer (those without a customer apply to all) and the
    /// kept count per delivering department, counted in the database; only <paramref name="deliveringDepartmentId"/>'s when given.
    /// </summary>
    public static async Task<PromiseExperience> LoadAsync(QualityGatesDbContext db, int? categoryId, int? customerId, int? deliveringDepartmentId)
    {
        if (categoryId is not { } category)
        {
            return None;
        }

        var categoryName = await db.PromiseCategories.Where(c => c.Id == category).Select(c => c.Name).SingleOrDefaultAsync();
        if (categoryName is null)
        {
            return None;
        }

        var lessons = await (from lesson in db.Lessons
                             where lesson.CategoryId == category && lesson.IsActive
                                   && (lesson.CustomerId == null || lesson.CustomerId == customerId)
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
                             }).ToListAsync();

        var withOutcome = db.Promises.Where(p => p.CategoryId == category && p.Outcome != null);
        if (deliveringDepartmentId is { } department)
        {
            withOutcome = withOutcome.Where(p => p.DeliveringDepartmentId == department);
        }

        var counts = await withOutcome
            .GroupBy(p => p.DeliveringDepartmentId)
            .Select(g => new { DepartmentId = g.Key, Total = g.Count(), Kept = g.Count(p => p.Outcome == OutcomeKind.Kept) })
            .ToListAsync();
        var departmentIds = counts.Select(c => c.DepartmentId).ToList();
        var names = await db.Departments.Where(d => departmentIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name);
        var record = counts
            .Select(c => new TrackRecord(names[c.DepartmentId], c.Total, c.Kept))
            .OrderBy(r => r.DeliveringDepartmentName, StringComparer.CurrentCulture)
            .ToList();
        return new PromiseExperience(category, categoryName, lessons, record);
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
