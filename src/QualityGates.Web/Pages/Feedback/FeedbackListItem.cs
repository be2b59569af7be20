using QualityGates.Domain.Feedback;
using QualityGates.Web.Data;

namespace QualityGates.Web.Pages.Feedback;

/// <summary>Feedback with the names a list or board shows; filtered, sorted and paged in the database.</summary>
public sealed class FeedbackListItem
{
    public int Id { get; init; }

    public string Title { get; init; } = "";

    public string Description { get; init; } = "";

    public FeedbackType Type { get; init; }

    public FeedbackSeverity Severity { get; init; }

    /// <summary>Severity as a number, so the database sorts Critical above Low (the column holds names).</summary>
    public int SeverityRank { get; init; }

    public FeedbackStatus Status { get; init; }

    public int? PromiseId { get; init; }

    public string? PromiseNumber { get; init; }

    public int? CustomerId { get; init; }

    public string? CustomerName { get; init; }

    public string FiledByName { get; init; } = "";

    public DateTime CreatedAtUtc { get; init; }

    public DateTime? ClosedAtUtc { get; init; }

    public static IQueryable<FeedbackListItem> Query(QualityGatesDbContext db) =>
        from f in db.Feedback
        join filer in db.Users on f.FiledById equals filer.Id
        join promise in db.Promises on f.PromiseId equals promise.Id into promises
        from promise in promises.DefaultIfEmpty()
        join customer in db.Customers on f.CustomerId equals customer.Id into customers
        from customer in customers.DefaultIfEmpty()
        select new FeedbackListItem
        {
            Id = f.Id,
            Title = f.Title,
            Description = f.Description,
            Type = f.Type,
            Severity = f.Severity,
            SeverityRank = f.Severity == FeedbackSeverity.Critical ? 3 : f.Severity == FeedbackSeverity.High ? 2 : f.Severity == FeedbackSeverity.Medium ? 1 : 0,
            Status = f.Status,
            PromiseId = f.PromiseId,
            PromiseNumber = promise == null ? null : promise.Number,
            CustomerId = f.CustomerId,
            CustomerName = customer == null ? null : customer.Name,
            FiledByName = filer.DisplayName,
            CreatedAtUtc = f.CreatedAtUtc,
            ClosedAtUtc = f.ClosedAtUtc,
        };
}
