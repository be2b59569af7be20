using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using QualityGates.Domain.Departments;
using QualityGates.Domain.Promises;
using QualityGates.Web.Data;
using QualityGates.Web.Pages.Shared;

namespace QualityGates.Web.Pages.Promises;

/// <summary>The fields of a promise as the Create and Edit pages post them.</summary>
public sealed class PromiseForm
{
    /// <summary>Root-context key: may this promise name no customer (a general Marketing claim)?</summary>
    public const string GeneralClaimsAllowedKey = "GeneralClaimsAllowed";

    public string Title { get; set; } = "";

    public string Statement { get; set; } = "";

    public int? CategoryId { get; set; }

    public int? CustomerId { get; set; }

    public int? DeliveringDepartmentId { get; set; }

    public PromiseSource? Source { get; set; } = PromiseSource.Offer;

    public string? SourceReference { get; set; }

    public string? TargetMetric { get; set; }

    public TargetComparator TargetComparator { get; set; } = TargetComparator.AtMost;

    public decimal? TargetValue { get; set; }

    public string? TargetUnit { get; set; }

    public DateOnly? TargetDate { get; set; }

    public DateOnly? DueDate { get; set; }

    public int Version { get; set; }

    public static PromiseForm From(Promise promise) => new()
    {
        Title = promise.Title,
        Statement = promise.Statement,
        CategoryId = promise.CategoryId,
        CustomerId = promise.CustomerId,
        DeliveringDepartmentId = promise.DeliveringDepartmentId,
        Source = promise.Source,
        SourceReference = promise.SourceReference,
        TargetMetric = promise.Target.Metric,
        TargetComparator = promise.Target.Comparator,
        TargetValue = promise.Target.Value,
        TargetUnit = promise.Target.Unit,
        TargetDate = promise.Target.TargetDate,
        DueDate = promise.DueDate,
        Version = promise.Version,
    };

    /// <summary>Validates with the promising department's right to general claims, into the page's model state.</summary>
    public async Task<bool> ValidateAsync(
        IValidator<PromiseForm> validator, Department promisingDepartment, ModelStateDictionary modelState, string prefix)
    {
        var context = new ValidationContext<PromiseForm>(this);
        context.RootContextData[GeneralClaimsAllowedKey] = promisingDepartment.MakesGeneralClaims;
        (await validator.ValidateAsync(context)).AddToModelState(modelState, prefix);
        return modelState.IsValid;
    }

    /// <summary>Only call on a validated form.</summary>
    public PromiseDetails ToDetails()
    {
        var byDate = TargetComparator == TargetComparator.ByDate;
        var target = string.IsNullOrWhiteSpace(TargetMetric)
            ? MeasurableTarget.None
            : new MeasurableTarget(
                TargetMetric.Trim(), TargetComparator,
                byDate ? null : TargetValue,
                byDate ? null : TargetUnit?.Trim(),
                byDate ? TargetDate : null);
        return new PromiseDetails(
            Title, Statement, CategoryId!.Value, CustomerId, DeliveringDepartmentId!.Value, Source!.Value,
            SourceReference, target, DueDate!.Value);
    }

    public sealed class Validator : AbstractValidator<PromiseForm>
    {
        public Validator(QualityGatesDbContext db, TimeProvider time)
        {
            RuleFor(f => f.Title).NotEmpty().WithMessage("Enter a short title.")
                .MaximumLength(Promise.TitleMaxLength);
            RuleFor(f => f.Statement).NotEmpty().WithMessage("Enter the promise as it was told to the customer.")
                .MaximumLength(Promise.StatementMaxLength);
            RuleFor(f => f.CategoryId).NotNull().WithMessage("Choose a category.")
                .MustAsync(async (id, ct) => await db.PromiseCategories.AnyAsync(c => c.Id == id && c.IsActive, ct))
                .WithMessage("Choose one of the listed categories.").When(f => f.CategoryId is not null);
            RuleFor(f => f.DeliveringDepartmentId).NotNull().WithMessage("Choose the department that must keep the promise.")
                .MustAsync(async (id, ct) => await db.Departments.AnyAsync(d => d.Id == id && d.Kind == DepartmentKind.Delivering, ct))
                .WithMessage("Choose one of the delivering departments.").When(f => f.DeliveringDepartmentId is not null);
            RuleFor(f => f.CustomerId)
                .MustAsync(async (id, ct) => await db.Customers.AnyAsync(c => c.Id == id, ct))
                .WithMessage("Choose one of the listed customers.").When(f => f.CustomerId is not null);
            RuleFor(f => f.CustomerId)
                .Must((_, id, context) => id is not null
                    || (context.RootContextData.TryGetValue(GeneralClaimsAllowedKey, out var allowed) && allowed is true))
                .WithMessage("Choose the customer. Only Marketing's general claims may apply to all customers.");
            RuleFor(f => f.Source).NotNull().WithMessage("Choose where the customer was told.").IsInEnum();
            RuleFor(f => f.SourceReference).MaximumLength(Promise.SourceReferenceMaxLength);

            RuleFor(f => f.TargetComparator).IsInEnum();
            RuleFor(f => f.TargetMetric).MaximumLength(MeasurableTarget.MetricMaxLength);
            RuleFor(f => f.TargetMetric).NotEmpty()
                .WithMessage("Name what is measured, e.g. \"First response\".")
                .When(f => f.TargetValue is not null || !string.IsNullOrWhiteSpace(f.TargetUnit) || f.TargetDate is not null);
            When(f => !string.IsNullOrWhiteSpace(f.TargetMetric) && f.TargetComparator != TargetComparator.ByDate, () =>
            {
                RuleFor(f => f.TargetValue).NotNull().WithMessage("Enter the target value, e.g. 4.")
                    .PrecisionScale(18, 4, ignoreTrailingZeros: true)
                    .WithMessage("Use at most 14 digits before and 4 after the decimal point.");
                RuleFor(f => f.TargetUnit).NotEmpty().WithMessage("Enter the unit, e.g. h, %, days.")
                    .MaximumLength(MeasurableTarget.UnitMaxLength);
            });
            When(f => !string.IsNullOrWhiteSpace(f.TargetMetric) && f.TargetComparator == TargetComparator.ByDate, () =>
            {
                RuleFor(f => f.TargetDate).NotNull().WithMessage("Enter the date by which the target is met.");
                RuleFor(f => f.TargetDate).LessThanOrEqualTo(f => f.DueDate)
                    .WithMessage("The target date cannot be after the due date.").When(f => f.DueDate is not null);
            });

            RuleFor(f => f.DueDate).NotNull().WithMessage("Enter the due date, or until when a standing claim is valid.")
                .GreaterThanOrEqualTo(_ => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime))
                .WithMessage("The due date cannot be in the past.");
        }
    }
}

/// <summary>What the shared form partial (_PromiseFields) needs from its page.</summary>
public interface IPromiseFormPage
{
    PromiseForm Input { get; }

    PromiseFormOptions Options { get; }

    string PromisingDepartmentName { get; }
}

/// <summary>The choices of the promise form's drop-downs.</summary>
public sealed record PromiseFormOptions(
    IReadOnlyList<SelectListItem> Categories,
    IReadOnlyList<SelectListItem> DeliveringDepartments,
    IReadOnlyList<SelectListItem> Customers,
    bool GeneralClaimsAllowed)
{
    public static async Task<PromiseFormOptions> LoadAsync(QualityGatesDbContext db, Department promisingDepartment)
    {
        var categories = await Lookups.CategoriesAsync(db, activeOnly: true);
        var delivering = await Lookups.DepartmentsAsync(db, DepartmentKind.Delivering);
        var customers = await Lookups.CustomersAsync(db);
        return new PromiseFormOptions(categories, delivering, customers, promisingDepartment.MakesGeneralClaims);
    }
}
