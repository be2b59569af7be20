using Microsoft.EntityFrameworkCore;
using QualityGates.Domain.Departments;
using QualityGates.Web.Data;

namespace QualityGates.Web.Pages.Promises;

/// <summary>
/// Whether the ids a promise form names exist and may be chosen. One form asks the database; a file of thousands of
/// promises (the import) asks lists loaded once, so the same rules need no query per row.
/// </summary>
public abstract class PromiseReferences
{
    /// <summary>An active category, or <paramref name="keptCategoryId"/>: the one a promise being changed has.</summary>
    public abstract Task<bool> IsOfferedCategoryAsync(int id, int? keptCategoryId, CancellationToken ct);

    public abstract Task<bool> IsDeliveringDepartmentAsync(int id, CancellationToken ct);

    public abstract Task<bool> IsCustomerAsync(int id, CancellationToken ct);

    public static PromiseReferences In(QualityGatesDbContext db) => new Database(db);

    /// <summary>The given ids, loaded beforehand: the active categories, the delivering departments and the customers.</summary>
    public static PromiseReferences Of(IReadOnlySet<int> activeCategories, IReadOnlySet<int> deliveringDepartments, IReadOnlySet<int> customers) =>
        new Loaded(activeCategories, deliveringDepartments, customers);

    private sealed class Database(QualityGatesDbContext db) : PromiseReferences
    {
        public override Task<bool> IsOfferedCategoryAsync(int id, int? keptCategoryId, CancellationToken ct) =>
            db.PromiseCategories.AnyAsync(c => c.Id == id && (c.IsActive || c.Id == keptCategoryId), ct);

        public override Task<bool> IsDeliveringDepartmentAsync(int id, CancellationToken ct) =>
            db.Departments.AnyAsync(d => d.Id == id && d.Kind == DepartmentKind.Delivering, ct);

        public override Task<bool> IsCustomerAsync(int id, CancellationToken ct) => db.Customers.AnyAsync(c => c.Id == id, ct);
    }

    private sealed class Loaded(IReadOnlySet<int> activeCategories, IReadOnlySet<int> deliveringDepartments, IReadOnlySet<int> customers)
        : PromiseReferences
    {
        public override Task<bool> IsOfferedCategoryAsync(int id, int? keptCategoryId, CancellationToken ct) =>
            Task.FromResult(activeCategories.Contains(id) || id == keptCategoryId);

        public override Task<bool> IsDeliveringDepartmentAsync(int id, CancellationToken ct) => Task.FromResult(deliveringDepartments.Contains(id));

        public override Task<bool> IsCustomerAsync(int id, CancellationToken ct) => Task.FromResult(customers.Contains(id));
    }
}
