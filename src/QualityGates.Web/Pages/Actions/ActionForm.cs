using FluentValidation;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QualityGates.Domain.Improvement;
using QualityGates.Web.Data;
using QualityGates.Web.Validation;

namespace QualityGates.Web.Pages.Actions;

/// <summary>An action's plan as the Create and Edit pages post it.</summary>
public sealed class ActionForm
{
    public string Title { get; set; } = "";

    public string RootCause { get; set; } = "";

    public string? OwnerId { get; set; }

    public int? ResponsibleDepartmentId { get; set; }

    public DateOnly? DueDate { get; set; }

    public string EffectivenessMeasure { get; set; } = "";

    public DateOnly? EffectivenessCheckDate { get; set; }

    public int Version { get; set; }

    public static ActionForm From(ImprovementAction action) => new()
    {
        Title = action.Title,
        RootCause = action.RootCause,
        OwnerId = action.OwnerId,
        ResponsibleDepartmentId = action.ResponsibleDepartmentId,
        DueDate = action.DueDate,
        EffectivenessMeasure = action.EffectivenessMeasure,
        EffectivenessCheckDate = action.EffectivenessCheckDate,
        Version = action.Version,
    };

    /// <summary>Only call on a validated form.</summary>
    public ActionPlan ToPlan() => new(
        Title, RootCause, OwnerId!, ResponsibleDepartmentId!.Value, DueDate!.Value, EffectivenessMeasure, EffectivenessCheckDate!.Value);

    public sealed class Validator : AbstractValidator<ActionForm>
    {
        public Validator(QualityGatesDbContext db, IStringLocalizer<SharedResource> l)
        {
            RuleFor(f => f.Title).NotEmpty().WithMessage(_ => l["Actions.Form.TitleRequired"])
                .MaxLength(ImprovementAction.TitleMaxLength, l);
            RuleFor(f => f.RootCause).NotEmpty().WithMessage(_ => l["Actions.Form.RootCauseRequired"])
                .MaxLength(ImprovementAction.RootCauseMaxLength, l);
            RuleFor(f => f.OwnerId).NotEmpty().WithMessage(_ => l["Actions.Form.OwnerRequired"])
                .MustAsync(async (id, ct) => await ActionOwners.OwnersQuery(db).AnyAsync(u => u.Id == id, ct))
                .WithMessage(_ => l["Actions.Form.OwnerNotAllowed"]);
            RuleFor(f => f.ResponsibleDepartmentId).NotNull().WithMessage(_ => l["Actions.Form.DepartmentRequired"])
                .MustAsync(async (id, ct) => await db.Departments.AnyAsync(d => d.Id == id, ct))
                .WithMessage(_ => l["Validation.InvalidValue"]);
            RuleFor(f => f.DueDate).NotNull().WithMessage(_ => l["Actions.Form.DueDateRequired"]);
            RuleFor(f => f.EffectivenessMeasure).NotEmpty().WithMessage(_ => l["Actions.Form.MeasureRequired"])
                .MaxLength(ImprovementAction.EffectivenessMaxLength, l);
            RuleFor(f => f.EffectivenessCheckDate).NotNull().WithMessage(_ => l["Actions.Form.CheckDateRequired"]);
        }
    }
}

/// <summary>What the shared form partial (_ActionFields) needs from its page.</summary>
public interface IActionFormPage
{
    ActionForm Input { get; }

    /// <summary>The chosen owner only; a type-ahead finds the others.</summary>
    IReadOnlyList<SelectListItem> ChosenOwner { get; }

    IReadOnlyList<SelectListItem> Departments { get; }

    /// <summary>The effectiveness check is set at Plan; afterwards its fields are read-only.</summary>
    bool EffectivenessCheckFixed { get; }
}
