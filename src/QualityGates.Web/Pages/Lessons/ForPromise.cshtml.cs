using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityGates.Web.Data;
using QualityGates.Web.Improvement;

namespace QualityGates.Web.Pages.Lessons;

/// <summary>
/// The lessons and track record for a category (and customer, and delivering department) as an HTML
/// fragment: the promise form fetches it when the choice changes (wwwroot/js/promise-experience.js).
/// </summary>
public sealed class ForPromiseModel(QualityGatesDbContext db) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int? categoryId, int? customerId, int? deliveringDepartmentId) =>
        Partial("_PromiseExperience", await PromiseExperience.LoadAsync(db, categoryId, customerId, deliveringDepartmentId));
}
