using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;
using QualityGates.Web.Pages.Shared;

namespace QualityGates.Web.Pages.Lessons;

/// <summary>One lesson learned, with the improvement action whose Act step wrote it.</summary>
public sealed class DetailsModel(QualityGatesDbContext db) : PageModel
{
    public LessonListItem Lesson { get; private set; } = null!;

    public RecordHistory History { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var lesson = await LessonListItem.Query(db).SingleOrDefaultAsync(l => l.Id == id);
        if (lesson is null)
        {
            return NotFound();
        }

        Lesson = lesson;
        History = await RecordHistory.LoadAsync(db, nameof(Domain.Lessons.Lesson), id, User.IsInRole(Roles.Administrator));
        return Page();
    }
}
