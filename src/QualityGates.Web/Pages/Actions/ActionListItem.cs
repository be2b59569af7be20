using QualityGates.Domain.Improvement;
using QualityGates.Web.Data;
using QualityGates.Web.Localization;

namespace QualityGates.Web.Pages.Actions;

/// <summary>An improvement action with the names a list or board shows; filtered, sorted and paged in the database.</summary>
public sealed class ActionListItem
{
    public int Id { get; init; }

    public string Title { get; init; } = "";

    public PdcaPhase Phase { get; init; }

    public string OwnerId { get; init; } = "";

    public string OwnerName { get; init; } = "";

    public int ResponsibleDepartmentId { get; init; }

    public string DepartmentName { get; init; } = "";

    public DateOnly DueDate { get; init; }

    public DateTime CreatedAtUtc { get; init; }

    public DateTime? DoneAtUtc { get; init; }

    public int UpstreamChanges { get; init; }

    public bool IsOverdue(DateOnly today) => Phase != PdcaPhase.Done && DueDate < today;

    public static IQueryable<ActionListItem> Query(QualityGatesDbContext db) =>
        from a in db.ImprovementActions
        join owner in db.Users on a.OwnerId equals owner.Id
        join department in db.Departments on a.ResponsibleDepartmentId equals department.Id
        select new ActionListItem
        {
            Id = a.Id,
            Title = a.Title,
            Phase = a.Phase,
            OwnerId = a.OwnerId,
            OwnerName = owner.DisplayName,
            ResponsibleDepartmentId = a.ResponsibleDepartmentId,
            DepartmentName = department.Name.In(Cultures.Current),
            DueDate = a.DueDate,
            CreatedAtUtc = a.CreatedAtUtc,
            DoneAtUtc = a.DoneAtUtc,
            UpstreamChanges = db.UpstreamChanges.Count(c => c.ImprovementActionId == a.Id),
        };
}
