using QualityGates.Domain.Promises;
using QualityGates.Web.Data;
using QualityGates.Web.Localization;

namespace QualityGates.Web.Pages.Promises;

/// <summary>A promise with the names a list shows; filtered, sorted and paged in the database.</summary>
public sealed class PromiseListItem
{
    public int Id { get; init; }

    public string Number { get; init; } = "";

    public string Title { get; init; } = "";

    public PromiseStatus Status { get; init; }

    public DateOnly DueDate { get; init; }

    public int CategoryId { get; init; }

    public string CategoryName { get; init; } = "";

    public int? CustomerId { get; init; }

    public string? CustomerName { get; init; }

    public int PromisingDepartmentId { get; init; }

    public string PromisingDepartmentName { get; init; } = "";

    public int DeliveringDepartmentId { get; init; }

    public string DeliveringDepartmentName { get; init; } = "";

    public string OwnerId { get; init; } = "";

    public string OwnerName { get; init; } = "";

    public bool AtRisk { get; init; }

    public bool HasRiskMeasure { get; init; }

    /// <summary>The earliest due date of the promise's open conditions; null when none is open.</summary>
    public DateOnly? EarliestOpenConditionDue { get; init; }

    public TrafficLight? Light(DateOnly today) => Promise.Light(
        Status, DueDate, AtRisk, HasRiskMeasure, EarliestOpenConditionDue is null ? 0 : 1, EarliestOpenConditionDue < today ? 1 : 0, today);

    public BreachCause? BreachCause { get; init; }

    public DateOnly? CommittedOn { get; init; }

    public int Revision { get; init; }

    public static IQueryable<PromiseListItem> Query(QualityGatesDbContext db) => Project(db, db.Promises);

    /// <summary>Adds the names to promises already filtered: the register counts and filters before it joins.</summary>
    public static IQueryable<PromiseListItem> Project(QualityGatesDbContext db, IQueryable<Promise> promises) =>
        from p in promises
        join category in db.PromiseCategories on p.CategoryId equals category.Id
        join promising in db.Departments on p.PromisingDepartmentId equals promising.Id
        join delivering in db.Departments on p.DeliveringDepartmentId equals delivering.Id
        join owner in db.Users on p.OwnerId equals owner.Id
        join customer in db.Customers on p.CustomerId equals customer.Id into customers
        from customer in customers.DefaultIfEmpty()
        select new PromiseListItem
        {
            Id = p.Id,
            Number = p.Number,
            Title = p.Title,
            Status = p.Status,
            DueDate = p.DueDate,
            CategoryId = p.CategoryId,
            CategoryName = category.Name.In(Cultures.Current),
            CustomerId = p.CustomerId,
            CustomerName = customer == null ? null : customer.Name,
            PromisingDepartmentId = p.PromisingDepartmentId,
            PromisingDepartmentName = promising.Name.In(Cultures.Current),
            DeliveringDepartmentId = p.DeliveringDepartmentId,
            DeliveringDepartmentName = delivering.Name.In(Cultures.Current),
            OwnerId = p.OwnerId,
            OwnerName = owner.DisplayName,
            AtRisk = p.AtRisk,
            HasRiskMeasure = p.RiskMeasure != null,
            BreachCause = p.BreachCause,
            CommittedOn = p.CommittedOn,
            Revision = p.Revision,
            EarliestOpenConditionDue = p.OpenConditionsDueOn,
        };
}
