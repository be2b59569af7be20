using FluentValidation;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QualityGates.Domain;
using QualityGates.Domain.Envelopes;
using QualityGates.Domain.Promises;
using QualityGates.Web.Data;
using QualityGates.Web.Validation;

namespace QualityGates.Web.Pages.Envelopes;

/// <summary>The fields of an envelope as the Create and Edit pages post them.</summary>
public sealed class EnvelopeForm
{
    /// <summary>The comparators an envelope may use: never a date.</summary>
    public static IReadOnlyList<TargetComparator> Comparators { get; } =
        [TargetComparator.AtMost, TargetComparator.AtLeast, TargetComparator.Exactly];

    public string Name { get; set; } = "";

    /// <summary>Empty: readers of German see <see cref="Name"/>.</summary>
    public string? NameGerman { get; set; }

    public int? CategoryId { get; set; }

    public string Metric { get; set; } = "";

    /// <summary>Empty: German promises must use the English wording to lie inside the envelope.</summary>
    public string? MetricGerman { get; set; }

    public TargetComparator? Comparator { get; set; } = TargetComparator.AtMost;

    public decimal? Bound { get; set; }

    public string Unit { get; set; } = "";

    public string? UnitGerman { get; set; }

    public int Version { get; set; }

    /// <summary>Set by the edit page, never posted: the envelope's category, which it keeps when deactivated since.</summary>
    public int? KeptCategoryId { get; private set; }

    public EnvelopeForm Keeping(int categoryId)
    {
        KeptCategoryId = categoryId;
        return this;
    }

    public static EnvelopeForm From(CapabilityEnvelope envelope) => new()
    {
        Name = envelope.Name.English,
        NameGerman = envelope.Name.German,
        CategoryId = envelope.CategoryId,
        Metric = envelope.Metric.English,
        MetricGerman = envelope.Metric.German,
        Comparator = envelope.Comparator,
        Bound = envelope.Bound,
        Unit = envelope.Unit.English,
        UnitGerman = envelope.Unit.German,
        Version = envelope.Version,
    };

    /// <summary>Only call on a validated form.</summary>
    public EnvelopeTerms ToTerms() => new(
        new LocalizedText(Name, NameGerman), CategoryId!.Value, new LocalizedText(Metric, MetricGerman), Comparator!.Value, Bound!.Value,
        new LocalizedText(Unit, UnitGerman));

    public sealed class Validator : AbstractValidator<EnvelopeForm>
    {
        public Validator(QualityGatesDbContext db, IStringLocalizer<SharedResource> l)
        {
            RuleFor(f => f.Name).NotEmpty().WithMessage(_ => l["Envelopes.Form.NameRequired"])
                .MaxLength(CapabilityEnvelope.NameMaxLength, l);
            RuleFor(f => f.NameGerman).MaxLength(CapabilityEnvelope.NameMaxLength, l);
            RuleFor(f => f.CategoryId).NotNull().WithMessage(_ => l["Envelopes.Form.CategoryRequired"])
                .MustAsync(async (form, id, ct) => await db.PromiseCategories.AnyAsync(c => c.Id == id && (c.IsActive || c.Id == form.KeptCategoryId), ct))
                .WithMessage(_ => l["Envelopes.Form.CategoryUnknown"]);
            RuleFor(f => f.Metric).NotEmpty().WithMessage(_ => l["Envelopes.Form.MetricRequired"])
                .MaxLength(CapabilityEnvelope.MetricMaxLength, l);
            RuleFor(f => f.MetricGerman).MaxLength(CapabilityEnvelope.MetricMaxLength, l);
            RuleFor(f => f.Comparator).NotNull().WithMessage(_ => l["Envelopes.Form.ComparatorRequired"])
                .IsInEnum().WithMessage(_ => l["Validation.InvalidValue"])
                .NotEqual(TargetComparator.ByDate).WithMessage(_ => l["Envelopes.Form.NoDate"]);
            RuleFor(f => f.Bound).NotNull().WithMessage(_ => l["Envelopes.Form.BoundRequired"])
                .PrecisionScale(18, 4, ignoreTrailingZeros: true).WithMessage(_ => l["Envelopes.Form.BoundTooPrecise"]);
            RuleFor(f => f.Unit).NotEmpty().WithMessage(_ => l["Envelopes.Form.UnitRequired"])
                .MaxLength(CapabilityEnvelope.UnitMaxLength, l);
            RuleFor(f => f.UnitGerman).MaxLength(CapabilityEnvelope.UnitMaxLength, l);
        }
    }
}

/// <summary>What the shared form partial (_EnvelopeFields) needs from its page.</summary>
public interface IEnvelopeFormPage
{
    EnvelopeForm Input { get; }

    IReadOnlyList<SelectListItem> Categories { get; }

    string DeliveringDepartmentName { get; }
}
