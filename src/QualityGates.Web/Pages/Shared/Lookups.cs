using System.Globalization;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using QualityGates.Domain.Departments;
using QualityGates.Web.Data;
using QualityGates.Web.Localization;

namespace QualityGates.Web.Pages.Shared;

/// <summary>
/// The drop-down choices the pages share, ordered by the name the reader sees. Short lists (categories, departments) come whole;
/// long ones (customers, people) only as the chosen entry, and the rest from a search endpoint as the user
/// types (<see cref="TypeAheadTagHelper"/>).
/// </summary>
public static class Lookups
{
    /// <summary>The categories, or only the active ones and <paramref name="kept"/> (a record's own, which it keeps when inactive).</summary>
    public static Task<IReadOnlyList<SelectListItem>> CategoriesAsync(QualityGatesDbContext db, bool activeOnly, int? kept = null) =>
        ToSelectListAsync(db.PromiseCategories.Where(c => !activeOnly || c.IsActive || c.Id == kept)
            .Select(c => new IdName { Id = c.Id, Name = c.Name.In(Cultures.Current) }));

    public static Task<IReadOnlyList<SelectListItem>> DepartmentsAsync(QualityGatesDbContext db, DepartmentKind? kind = null) =>
        ToSelectListAsync(db.Departments.Where(d => kind == null || d.Kind == kind).Select(d => new IdName { Id = d.Id, Name = d.Name.In(Cultures.Current) }));

    /// <summary>The chosen customer as the only option (none when nothing or an unknown id is chosen).</summary>
    public static async Task<IReadOnlyList<SelectListItem>> ChosenCustomerAsync(QualityGatesDbContext db, int? customerId) =>
        customerId is { } id
            ? await ToSelectListAsync(db.Customers.Where(c => c.Id == id).Select(c => new IdName { Id = c.Id, Name = c.Name }))
            : [];

    /// <summary>The chosen person as the only option (none when nothing or an unknown id is chosen).</summary>
    public static async Task<IReadOnlyList<SelectListItem>> ChosenUserAsync(QualityGatesDbContext db, string? userId)
    {
        if (string.IsNullOrEmpty(userId))
        {
            return [];
        }

        var name = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).SingleOrDefaultAsync();
        return name is null ? [] : [new SelectListItem(name, userId)];
    }

    private static async Task<IReadOnlyList<SelectListItem>> ToSelectListAsync(IQueryable<IdName> query) =>
        (await query.OrderBy(x => x.Name).ToListAsync())
        .Select(x => new SelectListItem(x.Name, x.Id.ToString(CultureInfo.InvariantCulture)))
        .ToList();

    // Member initialisation rather than a constructor, so EF can still order by Name in SQL.
    private sealed class IdName
    {
        public int Id { get; init; }

        public string Name { get; init; } = "";
    }
}
