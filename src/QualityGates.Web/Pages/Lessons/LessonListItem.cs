using QualityGates.Web.Data;
using QualityGates.Web.Localization;

namespace QualityGates.Web.Pages.Lessons;

/// <summary>A lesson with its category, customer and the action that wrote it.</summary>
public sealed class LessonListItem
{
    public int Id { get; init; }

    public string Text { get; init; } = "";

    public int CategoryId { get; init; }

    public string CategoryName { get; init; } = "";

    public int? CustomerId { get; init; }

    public string? CustomerName { get; init; }

    public bool IsActive { get; init; }

    public string CreatedByName { get; init; } = "";

    public DateTime CreatedAtUtc { get; init; }

    public int? ActionId { get; init; }

    public string? ActionTitle { get; init; }

    public static IQueryable<LessonListItem> Query(QualityGatesDbContext db) =>
        from lesson in db.Lessons
        join category in db.PromiseCategories on lesson.CategoryId equals category.Id
        join author in db.Users on lesson.CreatedById equals author.Id
        join customer in db.Customers on lesson.CustomerId equals customer.Id into customers
        from customer in customers.DefaultIfEmpty()
        let change = db.UpstreamChanges.Where(c => c.LessonId == lesson.Id).OrderBy(c => c.Id).FirstOrDefault()
        select new LessonListItem
        {
            Id = lesson.Id,
            Text = lesson.Text,
            CategoryId = lesson.CategoryId,
            CategoryName = category.Name.In(Cultures.Current),
            CustomerId = lesson.CustomerId,
            CustomerName = customer == null ? null : customer.Name,
            IsActive = lesson.IsActive,
            CreatedByName = author.DisplayName,
            CreatedAtUtc = lesson.CreatedAtUtc,
            ActionId = change == null ? null : change.ImprovementActionId,
            ActionTitle = change == null ? null : db.ImprovementActions.Where(a => a.Id == change.ImprovementActionId).Select(a => a.Title).FirstOrDefault(),
        };
}
