using FluentValidation;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QualityGates.Domain;
using QualityGates.Domain.Gates;
using QualityGates.Web.Data;
using QualityGates.Web.Pages.Shared;
using QualityGates.Web.Validation;

namespace QualityGates.Web.Pages.Admin.Gates;

/// <summary>A checkpoint to add, as the Create and Edit pages post it; blank rows are ignored.</summary>
public sealed class NewCheckpointRow
{
    public const int Rows = 3;

    public string? Text { get; set; }

    /// <summary>Empty: readers of German see <see cref="Text"/>.</summary>
    public string? TextGerman { get; set; }

    public bool IsMandatory { get; set; } = true;

    public List<int> CategoryIds { get; set; } = [];

    public int? ProvidingDepartmentId { get; set; }

    public int? ReceivingDepartmentId { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Text);

    public bool IsBlankInBothLanguages => IsBlank && string.IsNullOrWhiteSpace(TextGerman);

    public CheckpointSpec ToSpec() => new(new LocalizedText(Text!, TextGerman), IsMandatory, CategoryIds, ProvidingDepartmentId, ReceivingDepartmentId);

    public static List<NewCheckpointRow> Blank() => Enumerable.Range(0, Rows).Select(_ => new NewCheckpointRow()).ToList();
}

public sealed class NewCheckpointRowValidator : AbstractValidator<NewCheckpointRow>
{
    public NewCheckpointRowValidator(QualityGatesDbContext db, IStringLocalizer<SharedResource> l)
    {
        // A row with only a German text would be ignored as blank: say so instead.
        RuleFor(r => r.Text)
            .NotEmpty().WithMessage(_ => l["Gates.CheckpointEnglishRequired"]).When(r => !r.IsBlankInBothLanguages, ApplyConditionTo.CurrentValidator)
            .MaxLength(GateCheckpoint.TextMaxLength, l);
        RuleFor(r => r.TextGerman).MaxLength(GateCheckpoint.TextMaxLength, l);
        RuleFor(r => r.CategoryIds)
            .MustAsync(async (ids, ct) => ids.Count == 0 || await db.PromiseCategories.CountAsync(c => ids.Contains(c.Id), ct) == ids.Distinct().Count())
            .WithMessage(_ => l["Validation.InvalidValue"]);
        RuleFor(r => r.ProvidingDepartmentId)
            .MustAsync(async (id, ct) => id is null || await db.Departments.AnyAsync(d => d.Id == id, ct))
            .WithMessage(_ => l["Validation.InvalidValue"]);
        RuleFor(r => r.ReceivingDepartmentId)
            .MustAsync(async (id, ct) => id is null || await db.Departments.AnyAsync(d => d.Id == id, ct))
            .WithMessage(_ => l["Validation.InvalidValue"]);
    }
}

/// <summary>What the _CheckpointRows partial needs.</summary>
public interface ICheckpointRowsPage
{
    IReadOnlyList<NewCheckpointRow> NewCheckpoints { get; }

    IReadOnlyList<SelectListItem> Categories { get; }

    IReadOnlyList<SelectListItem> Departments { get; }
}

public static class CheckpointRowsLookups
{
    public static async Task<(IReadOnlyList<SelectListItem> Categories, IReadOnlyList<SelectListItem> Departments)> LoadAsync(QualityGatesDbContext db) =>
        (await Lookups.CategoriesAsync(db, activeOnly: false), await Lookups.DepartmentsAsync(db));
}
