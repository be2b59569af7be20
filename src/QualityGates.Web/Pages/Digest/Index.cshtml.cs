using Microsoft.AspNetCore.Mvc;
using QualityGates.Web.Data;
using QualityGates.Web.Pages.Shared;

namespace QualityGates.Web.Pages.Digest;

/// <summary>
/// A department's weekly digest (<see cref="WeeklyDigest"/>), the page its managers' Monday e-mail links to. Whose
/// digest a user may open is the gate meeting's rule: the dashboard's department scope.
/// </summary>
public sealed class IndexModel(QualityGatesDbContext db, TimeProvider time) : DepartmentWeekPageModel
{
    public DateTime NowUtc => time.GetUtcNow().UtcDateTime;

    public WeeklyDigest Digest { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await ChooseAsync(db, DateOnly.FromDateTime(NowUtc)) is { } refused)
        {
            return refused;
        }

        Digest = await WeeklyDigest.ReadAsync(db, DepartmentId, Shown, Limit, ct);
        return Page();
    }
}
