using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QualityGates.Domain.Promises;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;
using QualityGates.Web.Pages.Promises;
using QualityGates.Web.Pages.Reviews;

namespace QualityGates.Web.Pages;

/// <summary>
/// My work: what waits for the signed-in user. Sales reps see their department's promises, service
/// managers the promises their department must judge and keep, everyone else the whole register.
/// </summary>
public sealed class IndexModel(QualityGatesDbContext db, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    private const int ListLength = 10;
    private const int DueSoonDays = 30;

    public string Scope { get; private set; } = "";

    /// <summary>Register filter for this user's scope, e.g. promisingDepartmentId=2.</summary>
    public IDictionary<string, string> ScopeFilter { get; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<PromiseStatus, int> CountsByStatus { get; private set; } = new Dictionary<PromiseStatus, int>();

    public string WorkListTitle { get; private set; } = "";

    public string WorkListEmpty { get; private set; } = "";

    public IReadOnlyList<PromiseListItem> WorkList { get; private set; } = [];

    /// <summary>For service managers: the gate reviews their department has to decide.</summary>
    public IReadOnlyList<ReviewListItem> ReviewsWaiting { get; private set; } = [];

    public int ReviewsWaitingCount { get; private set; }

    public async Task OnGetAsync()
    {
        var promises = PromiseListItem.Query(db);
        IQueryable<PromiseListItem>? workList = null;
        if (User.IsInRole(Roles.SalesRep))
        {
            var department = User.DepartmentId();
            var userId = User.UserId();
            promises = promises.Where(p => p.PromisingDepartmentId == department);
            ScopeFilter["promisingDepartmentId"] = department.ToString(CultureInfo.InvariantCulture);
            Scope = l["Home.Scope.Promising"];
            WorkListTitle = l["Home.Drafts.Title"];
            WorkListEmpty = l["Home.Drafts.Empty"];
            workList = promises.Where(p => p.OwnerId == userId && p.Status == PromiseStatus.Draft);
        }
        else if (User.IsInRole(Roles.ServiceManager) || User.IsInRole(Roles.AfterSales))
        {
            // Managers see the promises their department keeps; AfterSales, who closes every promise, sees all.
            var department = User.DepartmentId();
            if (User.IsInRole(Roles.ServiceManager))
            {
                promises = promises.Where(p => p.DeliveringDepartmentId == department);
                ScopeFilter["deliveringDepartmentId"] = department.ToString(CultureInfo.InvariantCulture);
            }

            Scope = User.IsInRole(Roles.ServiceManager) ? l["Home.Scope.Delivering"] : l["Home.Scope.All"];
            WorkListTitle = l["Home.Review.Title"];
            WorkListEmpty = l["Home.Review.Empty"];
            var waiting = ReviewListItem.Waiting(ReviewListItem.Query(db)).Where(r => r.DecidingDepartmentId == department);
            ReviewsWaitingCount = await waiting.CountAsync();
            ReviewsWaiting = await waiting.OrderBy(r => r.OpenedAtUtc).Take(ListLength).ToListAsync();
        }
        else
        {
            Scope = l["Home.Scope.All"];
            WorkListTitle = l["Home.DueSoon.Title", DueSoonDays];
            WorkListEmpty = l["Home.DueSoon.Empty", DueSoonDays];
            var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            var final = PromiseStatusExtensions.Final;
            workList = promises.Where(p => p.DueDate >= today && p.DueDate <= today.AddDays(DueSoonDays)
                                          && !final.Contains(p.Status));
        }

        CountsByStatus = await promises.GroupBy(p => p.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Status, g => g.Count);
        WorkList = workList is null ? [] : await workList.OrderBy(p => p.DueDate).ThenBy(p => p.Id).Take(ListLength).ToListAsync();
    }
}
