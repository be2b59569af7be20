using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QualityGates.Domain;
using QualityGates.Domain.Gates;
using QualityGates.Web.Data;
using QualityGates.Web.Localization;
using QualityGates.Web.Pages.Actions;
using QualityGates.Web.Validation;

namespace QualityGates.Web.Pages.Admin.Gates;

/// <summary>Rename, activate or deactivate a gate, and change its checklist as a new version.</summary>
public sealed class EditModel(QualityGatesDbContext db, IValidator<EditModel.InputModel> validator, IStringLocalizer<SharedResource> l)
    : PageModel, ICheckpointRowsPage
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public GateDefinition Gate { get; private set; } = null!;

    /// <summary>Checklist versions made by improvement actions' Act steps.</summary>
    public IReadOnlyList<UpstreamChangeItem> Improvements { get; private set; } = [];

    public IReadOnlyList<NewCheckpointRow> NewCheckpoints => Input.NewCheckpoints;

    public IReadOnlyList<SelectListItem> Categories { get; private set; } = [];

    public IReadOnlyList<SelectListItem> Departments { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Input = InputModel.From(Gate);
        return Page();
    }

    public Task<IActionResult> OnPostAsync(int id) => ChangeAsync(id, gate => gate.Rename(new LocalizedText(Input.Name, Input.NameGerman)), "Gates.Saved");

    public Task<IActionResult> OnPostActivateAsync(int id) => ChangeAsync(id, gate => gate.Activate(), "Gates.Activated");

    public Task<IActionResult> OnPostDeactivateAsync(int id) => ChangeAsync(id, gate => gate.Deactivate(), "Gates.Deactivated");

    // German wordings first: they belong to the checklist as it was shown, before any checkpoint is retired.
    public Task<IActionResult> OnPostChecklistAsync(int id) => ChangeAsync(id, gate =>
    {
        gate.TranslateCheckpoints(Input.Translations.ToDictionary(t => t.CheckpointId, t => t.German));
        gate.ChangeChecklist(Input.RetiredCheckpointIds, Input.NewCheckpoints.Where(r => !r.IsBlank).Select(r => r.ToSpec()).ToList());
    }, "Gates.ChecklistChanged");

    private async Task<IActionResult> ChangeAsync(int id, Action<GateDefinition> change, string successKey)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        (await validator.ValidateAsync(Input)).AddToModelState(ModelState, nameof(Input));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            change(Gate);
            db.Entry(Gate).Property(g => g.Version).OriginalValue = Input.Version;
            await db.SaveChangesAsync();
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, l.Error(e));
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(id);
            ModelState.Clear();
            Input = InputModel.From(Gate);
            ModelState.AddModelError(string.Empty, l["Messages.ConcurrencyConflict"]);
            return Page();
        }

        TempData["Success"] = l[successKey, Gate.Code, Gate.ChecklistVersion].Value;
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(int id)
    {
        var gate = await db.GateDefinitions.Include(g => g.Checkpoints).SingleOrDefaultAsync(g => g.Id == id);
        if (gate is null)
        {
            return false;
        }

        Gate = gate;
        if (Input.Translations.Count == 0)
        {
            Input.Translations = InputModel.From(gate).Translations;
        }

        Improvements = await UpstreamChangeItem.Query(db).Where(c => c.GateDefinitionId == id).OrderBy(c => c.ChecklistVersion).ToListAsync();
        (Categories, Departments) = await CheckpointRowsLookups.LoadAsync(db);
        while (Input.NewCheckpoints.Count < NewCheckpointRow.Rows)
        {
            Input.NewCheckpoints.Add(new NewCheckpointRow());
        }

        return true;
    }

    /// <summary>The German wording the form shows for a checkpoint: as posted, else as stored.</summary>
    public string? GermanText(GateCheckpoint checkpoint) =>
        Input.Translations.FirstOrDefault(t => t.CheckpointId == checkpoint.Id) is { } posted ? posted.German : checkpoint.Text.German;

    public string CategoryNames(GateCheckpoint checkpoint) =>
        checkpoint.CategoryIds.Count == 0
            ? l["Gates.AllCategories"]
            : string.Join(", ", Categories.Where(c => checkpoint.CategoryIds.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Contains(c.Value)).Select(c => c.Text));

    /// <summary>The German wording of a checkpoint of the current checklist, as the checklist form posts it.</summary>
    public sealed class CheckpointTranslation
    {
        public int CheckpointId { get; set; }

        public string? German { get; set; }
    }

    public sealed class InputModel
    {
        public string Name { get; set; } = "";

        public string? NameGerman { get; set; }

        public List<CheckpointTranslation> Translations { get; set; } = [];

        public List<int> RetiredCheckpointIds { get; set; } = [];

        public List<NewCheckpointRow> NewCheckpoints { get; set; } = NewCheckpointRow.Blank();

        public int Version { get; set; }

        public static InputModel From(GateDefinition gate) => new()
        {
            Name = gate.Name.English,
            NameGerman = gate.Name.German,
            Translations = gate.CurrentChecklist.Select(c => new CheckpointTranslation { CheckpointId = c.Id, German = c.Text.German }).ToList(),
            Version = gate.Version,
        };
    }

    public sealed class Validator : AbstractValidator<InputModel>
    {
        public Validator(QualityGatesDbContext db, IStringLocalizer<SharedResource> l)
        {
            RuleFor(i => i.Name).NotEmpty().WithMessage(_ => l["Gates.NameRequired"]).MaxLength(GateDefinition.NameMaxLength, l);
            RuleFor(i => i.NameGerman).MaxLength(GateDefinition.NameMaxLength, l);
            RuleForEach(i => i.Translations).ChildRules(t => t.RuleFor(r => r.German).MaxLength(GateCheckpoint.TextMaxLength, l));
            RuleFor(i => i.Translations).Must(t => t.Select(r => r.CheckpointId).Distinct().Count() == t.Count).WithMessage(_ => l["Validation.InvalidValue"]);
            RuleForEach(i => i.NewCheckpoints).SetValidator(new NewCheckpointRowValidator(db, l));
        }
    }
}
