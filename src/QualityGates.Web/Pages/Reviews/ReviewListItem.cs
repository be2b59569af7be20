using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;
using QualityGates.Web.Data;
using QualityGates.Web.Localization;

namespace QualityGates.Web.Pages.Reviews;

/// <summary>A gate review with the names a list shows; filtered and paged in the database.</summary>
public sealed class ReviewListItem
{
    public int Id { get; init; }

    public int PromiseId { get; init; }

    public string PromiseNumber { get; init; } = "";

    public string PromiseTitle { get; init; } = "";

    public string GateCode { get; init; } = "";

    public string GateName { get; init; } = "";

    public int DecidingDepartmentId { get; init; }

    public string DecidingDepartmentName { get; init; } = "";

    public GateReviewState State { get; init; }

    public GateDecision? Outcome { get; init; }

    public DateTime OpenedAtUtc { get; init; }

    public DateTime? DecidedAtUtc { get; init; }

    public DateOnly PromiseDueDate { get; init; }

    public PromiseStatus PromiseStatus { get; init; }

    public GateStage Stage { get; init; }

    /// <summary>The link of the promise's value chain the review asks or hands over to; null for the closure review.</summary>
    public int? LinkPosition { get; init; }

    /// <summary>A handover's giving side: the promising department, or the link before.</summary>
    public int? HandingOverDepartmentId { get; init; }

    public bool PassedByEnvelope { get; init; }

    /// <summary>The category, and below the departments, of the promise as the review judged it (kept on the review).</summary>
    public int CategoryId { get; init; }

    public int PromisingDepartmentId { get; init; }

    public int DeliveringDepartmentId { get; init; }

    public int? PromiseCustomerId { get; init; }

    /// <summary>
    /// Reviews the deciding department still has to decide: open or on hold. A review stops waiting when it is
    /// decided, returned, or superseded — which a new revision and a withdrawal of its promise do — so its
    /// promise is always where the gate expects it, and the counts kept with every change (ADR 0021) agree.
    /// </summary>
    public static IQueryable<ReviewListItem> Waiting(IQueryable<ReviewListItem> reviews) =>
        reviews.Where(r => r.State == GateReviewState.Open || r.State == GateReviewState.OnHold);

    public static IQueryable<ReviewListItem> Query(QualityGatesDbContext db) =>
        from r in db.GateReviews
        join p in db.Promises on r.PromiseId equals p.Id
        join g in db.GateDefinitions on r.GateDefinitionId equals g.Id
        join d in db.Departments on r.DecidingDepartmentId equals d.Id
        select new ReviewListItem
        {
            Id = r.Id,
            PromiseId = p.Id,
            PromiseNumber = p.Number,
            PromiseTitle = p.Title,
            GateCode = r.GateCode,
            GateName = g.Name.In(Cultures.Current),
            DecidingDepartmentId = r.DecidingDepartmentId,
            DecidingDepartmentName = d.Name.In(Cultures.Current),
            State = r.State,
            Outcome = r.Outcome,
            OpenedAtUtc = r.OpenedAtUtc,
            DecidedAtUtc = r.DecidedAtUtc,
            PromiseDueDate = p.DueDate,
            PromiseStatus = p.Status,
            LinkPosition = r.LinkPosition,
            HandingOverDepartmentId = r.HandingOverDepartmentId,
            Stage = r.Stage,
            PassedByEnvelope = r.PassedByEnvelope,
            CategoryId = r.CategoryId,
            PromisingDepartmentId = r.PromisingDepartmentId,
            DeliveringDepartmentId = r.DeliveringDepartmentId,
            PromiseCustomerId = p.CustomerId,
        };
}
