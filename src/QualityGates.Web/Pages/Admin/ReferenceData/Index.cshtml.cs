using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QualityGates.Domain.Departments;
using QualityGates.Web.Data;
using QualityGates.Web.Localization;

namespace QualityGates.Web.Pages.Admin.ReferenceData;

/// <summary>The departments and promise categories with their names in both languages, sorted by the name the reader sees.</summary>
public sealed class IndexModel(QualityGatesDbContext db) : PageModel
{
    public IReadOnlyList<Row> Departments { get; private set; } = [];

    public IReadOnlyList<Row> Categories { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Departments = await db.Departments.OrderBy(d => d.Name.In(Cultures.Current)).ThenBy(d => d.Id)
            .Select(d => new Row { Id = d.Id, English = d.Name.English, German = d.Name.German, Kind = d.Kind, IsActive = true })
            .ToListAsync();
        Categories = await db.PromiseCategories.OrderBy(c => c.Name.In(Cultures.Current)).ThenBy(c => c.Id)
            .Select(c => new Row { Id = c.Id, English = c.Name.English, German = c.Name.German, IsActive = c.IsActive })
            .ToListAsync();
    }

    public sealed class Row
    {
        public int Id { get; init; }

        public string English { get; init; } = "";

        public string? German { get; init; }

        /// <summary>Departments only.</summary>
        public DepartmentKind Kind { get; init; }

        public bool IsActive { get; init; }
    }
}
