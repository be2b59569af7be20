using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QualityGates.Domain;
using QualityGates.Domain.Feedback;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;
using QualityGates.Web.Localization;
using QualityGates.Web.Pages.Actions;
using QualityGates.Web.Pages.Shared;
using QualityGates.Web.Validation;

namespace QualityGates.Web.Pages.Feedback;

/// <summary>
/// One feedback item with the actions opened from it. Everyone reads it; AfterSales triages it or closes it
/// when no action is needed (policy checked in every POST handler).
/// </summary>
public sealed class DetailsModel(
    QualityGatesDbContext db,
    IAuthorizationService authorization,
    IValidator<DetailsModel.TriageInput> triageValidator,
    IValidator<DetailsModel.CloseInput> closeValidator,
    TimeProvider time,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public TriageInput Triage { get; set; } = new();

    [BindProperty]
    public CloseInput Close { get; set; } = new();

    public FeedbackListItem Item { get; private set; } = null!;

    public FeedbackItem Feedback { get; private set; } = null!;

    public string? TriagedByName { get; private set; }

    public IReadOnlyList<ActionListItem> Actions { get; private set; } = [];

    public bool CanRun { get; private set; }

    public RecordHistory History { get; private set; } = null!;

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Triage.Severity = Feedback.Severity;
        return Page();
    }

    public async Task<IActionResult> OnPostTriageAsync(int id, int version)
    {
        (await triageValidator.ValidateAsync(Triage)).AddToModelState(ModelState, nameof(Triage));
        return await ActAsync(id, version, f => f.Triage(Triage.Severity!.Value, Triage.Note, User.UserId(), time.GetUtcNow().UtcDateTime), "Feedback.Triage.Done");
    }

    public async Task<IActionResult> OnPostCloseAsync(int id, int version)
    {
        (await closeValidator.ValidateAsync(Close)).AddToModelState(ModelState, nameof(Close));
        return await ActAsync(id, version, f => f.Close(Close.Note, time.GetUtcNow().UtcDateTime), "Feedback.Close.Done");
    }

    private async Task<IActionResult> ActAsync(int id, int version, Action<FeedbackItem> change, string doneKey)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.RunImprovement)).Succeeded)
        {
            return Forbid();
        }

        var feedback = await db.Feedback.FindAsync(id);
        if (feedback is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            // Shown with the page's other content; the form keeps what was typed.
            return await LoadAsync(id) ? Page() : NotFound();
        }

        try
        {
            change(feedback);
            db.Entry(feedback).Property(f => f.Version).OriginalValue = version;
            await db.SaveChangesAsync();
        }
        catch (DomainException e)
        {
            TempData["Error"] = l.Error(e);
            return RedirectToPage(new { id });
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Error"] = l["Messages.ConcurrencyConflict"].Value;
            return RedirectToPage(new { id });
        }

        TempData["Success"] = l[doneKey, feedback.Title].Value;
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(int id)
    {
        var item = await FeedbackListItem.Query(db).SingleOrDefaultAsync(f => f.Id == id);
        var feedback = await db.Feedback.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id);
        if (item is null || feedback is null)
        {
            return false;
        }

        Item = item;
        Feedback = feedback;
        TriagedByName = feedback.TriagedById is { } triager ? await db.Users.Where(u => u.Id == triager).Select(u => u.DisplayName).SingleAsync() : null;
        var actionIds = db.ActionFeedbackLinks.Where(link => link.FeedbackId == id).Select(link => link.ImprovementActionId);
        Actions = await ActionListItem.Query(db).Where(a => actionIds.Contains(a.Id)).OrderBy(a => a.CreatedAtUtc).ToListAsync();
        CanRun = (await authorization.AuthorizeAsync(User, Policies.RunImprovement)).Succeeded;
        History = await RecordHistory.LoadAsync(db, nameof(FeedbackItem), id, User.IsInRole(Roles.Administrator));
        return true;
    }

    public sealed class TriageInput
    {
        public FeedbackSeverity? Severity { get; set; }

        public string? Note { get; set; }

        public sealed class Validator : AbstractValidator<TriageInput>
        {
            public Validator(IStringLocalizer<SharedResource> l)
            {
                RuleFor(i => i.Severity).NotNull().WithMessage(_ => l["Feedback.Form.SeverityRequired"])
                    .IsInEnum().WithMessage(_ => l["Validation.InvalidValue"]);
                RuleFor(i => i.Note).MaxLength(FeedbackItem.NoteMaxLength, l);
            }
        }
    }

    public sealed class CloseInput
    {
        public string Note { get; set; } = "";

        public sealed class Validator : AbstractValidator<CloseInput>
        {
            public Validator(IStringLocalizer<SharedResource> l)
            {
                RuleFor(i => i.Note).NotEmpty().WithMessage(_ => l["Error.ClosingNeedsNote"])
                    .MaxLength(FeedbackItem.NoteMaxLength, l);
            }
        }
    }
}
