using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QualityGates.Domain;
using QualityGates.Web.Data;
using QualityGates.Web.Localization;

namespace QualityGates.Web.Pages.Admin.ReferenceData;

/// <summary>
/// Renaming a department or a category in English and German: the same form, validation, version check and
/// conflict handling; <typeparamref name="T"/> says which.
/// </summary>
public abstract class RenameModel<T>(
    QualityGatesDbContext db, IValidator<NameForm> validator, IStringLocalizer<SharedResource> l, NameOwner owner, string renamedKey) : PageModel
    where T : class, IRenamable
{
    [BindProperty]
    public NameForm Input { get; set; } = new();

    protected T Record { get; private set; } = null!;

    protected QualityGatesDbContext Db { get; } = db;

    protected IStringLocalizer<SharedResource> L { get; } = l;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await Db.Set<T>().FindAsync(id) is not { } record)
        {
            return NotFound();
        }

        Record = record;
        Input = NameForm.From(record.Name, record.Version);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (await Db.Set<T>().FindAsync(id) is not { } record)
        {
            return NotFound();
        }

        Record = record;
        (await validator.ValidateAsync(Input.Of(owner, id))).AddToModelState(ModelState, nameof(Input));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            record.Rename(Input.ToName());
            Db.Entry(record).Property(nameof(IVersioned.Version)).OriginalValue = Input.Version;
            await Db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            // Shows the names as they are now, so the administrator sees what the other change did.
            Db.ChangeTracker.Clear();
            Record = (await Db.Set<T>().FindAsync(id))!;
            ModelState.Clear();
            Input = NameForm.From(Record.Name, Record.Version);
            ModelState.AddModelError(string.Empty, L["Messages.ConcurrencyConflict"]);
            return Page();
        }

        TempData["Success"] = L[renamedKey, record.Name.In(Cultures.Current)].Value;
        return RedirectToPage("Index");
    }
}
