using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QualityGates.Domain;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Improvement;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;
using QualityGates.Web.Improvement;
using QualityGates.Web.Localization;
using QualityGates.Web.Pages.Feedback;
using QualityGates.Web.Pages.Shared;
using QualityGates.Web.Validation;

namespace QualityGates.Web.Pages.Actions;

/// <summary>
/// One improvement action: its plan, its feedback, its phase and what its Act step changed upstream.
/// Everyone reads it; AfterSales and the action's owner move it on and record its upstream changes
/// (resource handler, checked in every POST handler; ADR 0010).
/// </summary>
public sealed class DetailsModel(
    QualityGatesDbContext db,
    IAuthorizationService authorization,
    ImprovementWorkflow workflow,
    IValidator<DetailsModel.LessonInput> lessonValidator,
    IValidator<DetailsModel.CheckpointInput> checkpointValidator,
    IValidator<DetailsModel.EnvelopeInput> envelopeValidator,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public MoveInput Move { get; set; } = new();

    [BindProperty]
    public LessonInput Lesson { get; set; } = new();

    [BindProperty]
    public CheckpointInput Checkpoint { get; set; } = new();

    [BindProperty]
    public EnvelopeInput Envelope { get; set; } = new();

    public ImprovementAction Action { get; private set; } = null!;

    public ActionListItem Item { get; private set; } = null!;

    public IReadOnlyList<FeedbackListItem> Feedback { get; private set; } = [];

    public IReadOnlyList<UpstreamChangeItem> Changes { get; private set; } = [];

    public bool CanRun { get; private set; }

    public bool CanChangePlan { get; private set; }

    public IReadOnlyList<SelectListItem> Categories { get; private set; } = [];

    /// <summary>The lesson's chosen customer only; a type-ahead finds the others.</summary>
    public IReadOnlyList<SelectListItem> ChosenCustomer { get; private set; } = [];

    public IReadOnlyList<SelectListItem> Gates { get; private set; } = [];

    public IReadOnlyList<SelectListItem> Envelopes { get; private set; } = [];

    public RecordHistory History { get; private set; } = null!;

    public DateOnly Today => workflow.Today;

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public Task<IActionResult> OnPostMoveAsync(int id, int version) =>
        RunAsync(id, version, null, action => workflow.MoveAsync(action, action.Phase + 1, Move.EffectivenessResult),
            action => l["Actions.Move.Done", l.Phase(action.Phase)]);

    public async Task<IActionResult> OnPostLessonAsync(int id, int version) =>
        await RunAsync(id, version, (await lessonValidator.ValidateAsync(Lesson), nameof(Lesson)),
            action => workflow.LearnAsync(action, Lesson.Text, Lesson.CategoryId!.Value, Lesson.CustomerId, User.UserId()),
            _ => l["Actions.Lesson.Done"]);

    public async Task<IActionResult> OnPostCheckpointAsync(int id, int version) =>
        await RunAsync(id, version, (await checkpointValidator.ValidateAsync(Checkpoint), nameof(Checkpoint)),
            async action =>
            {
                var gate = await db.GateDefinitions.Include(g => g.Checkpoints).SingleAsync(g => g.Id == Checkpoint.GateId);
                var categories = Checkpoint.CategoryId is { } category ? new[] { category } : [];
                await workflow.AddCheckpointAsync(action, gate, new CheckpointSpec(new LocalizedText(Checkpoint.Text, Checkpoint.TextGerman), Checkpoint.IsMandatory, categories), User.UserId());
            },
            _ => l["Actions.Checkpoint.Done"]);

    public async Task<IActionResult> OnPostEnvelopeAsync(int id, int version) =>
        await RunAsync(id, version, (await envelopeValidator.ValidateAsync(Envelope), nameof(Envelope)),
            action => workflow.LinkEnvelopeAsync(action, Envelope.EnvelopeId!.Value, Envelope.Note, User.UserId()),
            _ => l["Actions.Envelope.Done"]);

    private async Task<IActionResult> RunAsync(
        int id, int version, (FluentValidation.Results.ValidationResult Result, string Prefix)? validation,
        Func<ImprovementAction, Task> run, Func<ImprovementAction, string> done)
    {
        var action = await db.ImprovementActions.Include(a => a.FeedbackLinks).Include(a => a.UpstreamChanges).SingleOrDefaultAsync(a => a.Id == id);
        if (action is null)
        {
            return NotFound();
        }

        if (!(await authorization.AuthorizeAsync(User, action, ImprovementOperations.Run)).Succeeded)
        {
            return Forbid();
        }

        if (validation is { } v)
        {
            v.Result.AddToModelState(ModelState, v.Prefix);
        }

        if (!ModelState.IsValid)
        {
            // Shown with the page's other content; the form keeps what was typed.
            return await LoadAsync(id) ? Page() : NotFound();
        }

        if (version != action.Version)
        {
            TempData["Error"] = l["Messages.ConcurrencyConflict"].Value;
            return RedirectToPage(new { id });
        }

        try
        {
            db.Entry(action).Property(a => a.Version).OriginalValue = version;
            await run(action);
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

        TempData["Success"] = done(action);
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(int id)
    {
        var action = await db.ImprovementActions.AsNoTracking().Include(a => a.FeedbackLinks).SingleOrDefaultAsync(a => a.Id == id);
        if (action is null)
        {
            return false;
        }

        Action = action;
        Item = await ActionListItem.Query(db).SingleAsync(a => a.Id == id);
        var feedbackIds = action.FeedbackLinks.Select(link => link.FeedbackId).ToList();
        Feedback = await FeedbackListItem.Query(db).Where(f => feedbackIds.Contains(f.Id)).OrderBy(f => f.Id).ToListAsync();
        Changes = await UpstreamChangeItem.Query(db).Where(c => c.ActionId == id).OrderBy(c => c.RecordedAtUtc).ThenBy(c => c.Id).ToListAsync();
        CanRun = (await authorization.AuthorizeAsync(User, action, ImprovementOperations.Run)).Succeeded;
        CanChangePlan = (await authorization.AuthorizeAsync(User, action, ImprovementOperations.ChangePlan)).Succeeded;
        if (CanRun && action.Phase == PdcaPhase.Act)
        {
            Categories = await Lookups.CategoriesAsync(db, activeOnly: true);
            Gates = (await db.GateDefinitions.Where(g => g.IsActive).OrderBy(g => g.Order)
                    .Select(g => new { g.Id, g.Code, Name = g.Name.In(Cultures.Current) }).ToListAsync())
                .Select(g => new SelectListItem($"{g.Code} {g.Name}", g.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
            Envelopes = (await db.CapabilityEnvelopes.Select(e => new { e.Id, Name = e.Name.In(Cultures.Current) }).OrderBy(e => e.Name).ToListAsync())
                .Select(e => new SelectListItem(e.Name, e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
            if (Lesson.CategoryId is null && Feedback.FirstOrDefault(f => f.PromiseId != null) is { } fromPromise)
            {
                // The lesson most likely concerns the category and customer of the promise the feedback was about.
                var promise = await db.Promises.Where(p => p.Id == fromPromise.PromiseId).Select(p => new { p.CategoryId, p.CustomerId }).SingleAsync();
                Lesson.CategoryId = promise.CategoryId;
                Lesson.CustomerId = promise.CustomerId;
                Checkpoint.CategoryId ??= promise.CategoryId;
            }

            ChosenCustomer = await Lookups.ChosenCustomerAsync(db, Lesson.CustomerId);
        }

        History = await RecordHistory.LoadAsync(db, nameof(ImprovementAction), id, User.IsInRole(Roles.Administrator));
        return true;
    }

    public sealed class MoveInput
    {
        /// <summary>Leaving Check: what the effectiveness check found.</summary>
        public string? EffectivenessResult { get; set; }
    }

    public sealed class LessonInput
    {
        public string Text { get; set; } = "";

        public int? CategoryId { get; set; }

        public int? CustomerId { get; set; }

        public sealed class Validator : AbstractValidator<LessonInput>
        {
            public Validator(QualityGatesDbContext db, IStringLocalizer<SharedResource> l)
            {
                RuleFor(i => i.Text).NotEmpty().WithMessage(_ => l["Error.LessonNeedsText"]).MaxLength(Domain.Lessons.Lesson.TextMaxLength, l);
                RuleFor(i => i.CategoryId).NotNull().WithMessage(_ => l["Lessons.Form.CategoryRequired"])
                    .MustAsync(async (id, ct) => await db.PromiseCategories.AnyAsync(c => c.Id == id, ct)).WithMessage(_ => l["Validation.InvalidValue"]);
                RuleFor(i => i.CustomerId).MustAsync(async (id, ct) => await db.Customers.AnyAsync(c => c.Id == id, ct))
                    .When(i => i.CustomerId is not null).WithMessage(_ => l["Validation.InvalidValue"]);
            }
        }
    }

    public sealed class CheckpointInput
    {
        public int? GateId { get; set; }

        public string Text { get; set; } = "";

        /// <summary>Empty: readers of German see <see cref="Text"/>.</summary>
        public string? TextGerman { get; set; }

        public bool IsMandatory { get; set; } = true;

        /// <summary>Empty: the checkpoint applies to every category.</summary>
        public int? CategoryId { get; set; }

        public sealed class Validator : AbstractValidator<CheckpointInput>
        {
            public Validator(QualityGatesDbContext db, IStringLocalizer<SharedResource> l)
            {
                RuleFor(i => i.GateId).NotNull().WithMessage(_ => l["Actions.Checkpoint.GateRequired"])
                    .MustAsync(async (id, ct) => await db.GateDefinitions.AnyAsync(g => g.Id == id && g.IsActive, ct)).WithMessage(_ => l["Validation.InvalidValue"]);
                RuleFor(i => i.Text).NotEmpty().WithMessage(_ => l["Actions.Checkpoint.TextRequired"]).MaxLength(GateCheckpoint.TextMaxLength, l);
                RuleFor(i => i.TextGerman).MaxLength(GateCheckpoint.TextMaxLength, l);
                RuleFor(i => i.CategoryId).MustAsync(async (id, ct) => await db.PromiseCategories.AnyAsync(c => c.Id == id, ct))
                    .When(i => i.CategoryId is not null).WithMessage(_ => l["Validation.InvalidValue"]);
            }
        }
    }

    public sealed class EnvelopeInput
    {
        public int? EnvelopeId { get; set; }

        public string Note { get; set; } = "";

        public sealed class Validator : AbstractValidator<EnvelopeInput>
        {
            public Validator(QualityGatesDbContext db, IStringLocalizer<SharedResource> l)
            {
                RuleFor(i => i.EnvelopeId).NotNull().WithMessage(_ => l["Actions.Envelope.EnvelopeRequired"])
                    .MustAsync(async (id, ct) => await db.CapabilityEnvelopes.AnyAsync(e => e.Id == id, ct)).WithMessage(_ => l["Validation.InvalidValue"]);
                RuleFor(i => i.Note).NotEmpty().WithMessage(_ => l["Error.EnvelopeChangeNeedsNote"]).MaxLength(UpstreamChange.NoteMaxLength, l);
            }
        }
    }
}
