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
using QualityGates.Web.Validation;

namespace QualityGates.Web.Pages.Admin.Gates;

public sealed class CreateModel(QualityGatesDbContext db, IValidator<CreateModel.InputModel> validator, IStringLocalizer<SharedResource> l)
    : PageModel, ICheckpointRowsPage
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<NewCheckpointRow> NewCheckpoints => Input.NewCheckpoints;

    public IReadOnlyList<SelectListItem> Categories { get; private set; } = [];

    public IReadOnlyList<SelectListItem> Departments { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Input.Order = await db.GateDefinitions.MaxAsync(g => (int?)g.Order) + 1 ?? 1;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        (await validator.ValidateAsync(Input)).AddToModelState(ModelState, nameof(Input));
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        GateDefinition gate;
        try
        {
            gate = GateDefinition.Define(Input.Code, new LocalizedText(Input.Name, Input.NameGerman), Input.Order, Input.Stage!.Value,
                Input.DeciderDepartmentId is null ? GateDecider.DeliveringDepartment : GateDecider.NamedDepartment, Input.DeciderDepartmentId);
            foreach (var row in Input.NewCheckpoints.Where(r => !r.IsBlank))
            {
                gate.AddInitialCheckpoint(new LocalizedText(row.Text!, row.TextGerman), row.IsMandatory, row.CategoryIds, row.ProvidingDepartmentId, row.ReceivingDepartmentId);
            }
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, l.Error(e));
            await LoadAsync();
            return Page();
        }

        db.GateDefinitions.Add(gate);
        await db.SaveChangesAsync();
        TempData["Success"] = l["Gates.Created", gate.Code].Value;
        return RedirectToPage("Edit", new { id = gate.Id });
    }

    private async Task LoadAsync()
    {
        (Categories, Departments) = await CheckpointRowsLookups.LoadAsync(db);
        while (Input.NewCheckpoints.Count < NewCheckpointRow.Rows)
        {
            Input.NewCheckpoints.Add(new NewCheckpointRow());
        }
    }

    public sealed class InputModel
    {
        public string Code { get; set; } = "";

        public string Name { get; set; } = "";

        /// <summary>Empty: readers of German see <see cref="Name"/>.</summary>
        public string? NameGerman { get; set; }

        public int Order { get; set; }

        public GateStage? Stage { get; set; }

        /// <summary>Null: the promise's delivering department decides.</summary>
        public int? DeciderDepartmentId { get; set; }

        public List<NewCheckpointRow> NewCheckpoints { get; set; } = NewCheckpointRow.Blank();
    }

    public sealed class Validator : AbstractValidator<InputModel>
    {
        public Validator(QualityGatesDbContext db, IStringLocalizer<SharedResource> l)
        {
            RuleFor(i => i.Code).NotEmpty().WithMessage(_ => l["Gates.CodeRequired"])
                .MaxLength(GateDefinition.CodeMaxLength, l)
                .Matches("^[A-Za-z0-9-]+$").WithMessage(_ => l["Gates.CodeFormat"])
                .MustAsync(async (code, ct) => !await db.GateDefinitions.AnyAsync(g => g.Code == code!.Trim().ToUpperInvariant(), ct))
                .WithMessage(_ => l["Gates.CodeTaken"]);
            RuleFor(i => i.Name).NotEmpty().WithMessage(_ => l["Gates.NameRequired"]).MaxLength(GateDefinition.NameMaxLength, l);
            RuleFor(i => i.NameGerman).MaxLength(GateDefinition.NameMaxLength, l);
            RuleFor(i => i.Order).InclusiveBetween(1, 99).WithMessage(_ => l["Gates.OrderRange"]);
            RuleFor(i => i.Stage).NotNull().WithMessage(_ => l["Gates.StageRequired"]).IsInEnum().WithMessage(_ => l["Validation.InvalidValue"]);
            RuleFor(i => i.DeciderDepartmentId)
                .MustAsync(async (id, ct) => id is null || await db.Departments.AnyAsync(d => d.Id == id, ct))
                .WithMessage(_ => l["Validation.InvalidValue"]);
            RuleFor(i => i.NewCheckpoints).Must(rows => rows.Any(r => !r.IsBlank)).WithMessage(_ => l["Error.ChecklistEmpty"]);
            RuleForEach(i => i.NewCheckpoints).SetValidator(new NewCheckpointRowValidator(db, l));
        }
    }
}
