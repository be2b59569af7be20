using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QualityGates.Domain;
using QualityGates.Domain.Departments;
using QualityGates.Domain.Promises;
using QualityGates.Web.Data;
using QualityGates.Web.Validation;

namespace QualityGates.Web.Pages.Admin.ReferenceData;

/// <summary>Whose name a <see cref="NameForm"/> is.</summary>
public enum NameOwner
{
    Department,
    Category,
}

/// <summary>
/// The name of a department or category in both languages, as the administration forms post it: English required,
/// German optional, each within the length and not another department's (category's) name in the same language.
/// </summary>
public sealed class NameForm
{
    public string Name { get; set; } = "";

    /// <summary>Empty: readers of German see <see cref="Name"/>.</summary>
    public string? NameGerman { get; set; }

    public int Version { get; set; }

    /// <summary>Set by the page, never posted: whose name it is.</summary>
    public NameOwner Owner { get; private set; }

    /// <summary>Set by the page, never posted: the record renamed, which may keep its own names; none for a new one.</summary>
    public int? RecordId { get; private set; }

    public static NameForm From(LocalizedText name, int version) => new() { Name = name.English, NameGerman = name.German, Version = version };

    public NameForm Of(NameOwner owner, int? recordId)
    {
        Owner = owner;
        RecordId = recordId;
        return this;
    }

    /// <summary>Only call on a validated form.</summary>
    public LocalizedText ToName() => new(Name, NameGerman);

    public sealed class Validator : AbstractValidator<NameForm>
    {
        public Validator(QualityGatesDbContext db, IStringLocalizer<SharedResource> l)
        {
            // The stricter of the two, should they ever differ.
            var maxLength = Math.Min(Department.NameMaxLength, PromiseCategory.NameMaxLength);

            RuleFor(f => f.Name).NotEmpty().WithMessage(_ => l["ReferenceData.NameRequired"])
                .MaxLength(maxLength, l)
                .MustAsync((form, name, ct) => FreeAsync(db, form, name, german: false, ct))
                .WithMessage(form => l[TakenKey(form)]);
            RuleFor(f => f.NameGerman).MaxLength(maxLength, l)
                .MustAsync((form, name, ct) => FreeAsync(db, form, name, german: true, ct))
                .WithMessage(form => l[TakenKey(form)]);
        }

        private static string TakenKey(NameForm form) =>
            form.Owner == NameOwner.Department ? "ReferenceData.DepartmentNameTaken" : "ReferenceData.CategoryNameTaken";

        // Unique regardless of case: "service" and "Service" would read as the same department.
        private static async Task<bool> FreeAsync(QualityGatesDbContext db, NameForm form, string? name, bool german, CancellationToken ct)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                return true;
            }

            var key = name.Trim().ToLowerInvariant();
            var id = form.RecordId;
            return form.Owner == NameOwner.Department
                ? !await db.Departments.AnyAsync(d => d.Id != id && (german ? d.Name.German!.ToLower() == key : d.Name.English.ToLower() == key), ct)
                : !await db.PromiseCategories.AnyAsync(c => c.Id != id && (german ? c.Name.German!.ToLower() == key : c.Name.English.ToLower() == key), ct);
        }
    }
}
