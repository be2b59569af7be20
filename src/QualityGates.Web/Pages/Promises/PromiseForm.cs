using FluentValidation;
using FluentValidation.AspNetCore;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using QualityGates.Domain.Departments;
using QualityGates.Domain.Promises;
using QualityGates.Web.Data;
using QualityGates.Web.Pages.Shared;
using QualityGates.Web.Validation;

namespace QualityGates.Web.Pages.Promises;

/// <summary>The fields of a promise as the Create and Edit pages post them.</summary>
public sealed class PromiseForm
{
    /// <summary>Root-context key: may this promise name no customer (a general Marketing claim)?</summary>
    public const string GeneralClaimsAllowedKey = "GeneralClaimsAllowed";

    /// <summary>Root-context key: the category the promise has, which it keeps when the category was deactivated since.</summary>
    public const string KeptCategoryKey = "KeptCategory";

    public string Title { get; set; } = "";

    public string Statement { get; set; } = "";

    public int? CategoryId { get; set; }

    public int? CustomerId { get; set; }

    /// <summary>The first link of the value chain.</summary>
    public int? DeliveringDepartmentId { get; set; }

    public string? DeliveringPart { get; set; }

    /// <summary>The links after the first, in order; rows without a department are left out.</summary>
    public List<LinkRow> FurtherLinks { get; set; } = [];

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
        DeliveringPart = promise.Links[0].Part,
        FurtherLinks = promise.Links.Skip(1).Select(l => new LinkRow { DepartmentId = l.DepartmentId, Part = l.Part, ReceiveBy = l.ReceiveBy }).ToList(),
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

    /// <summary>Root-context key: the <see cref="PromiseReferences"/> to check ids against, instead of asking the database per form.</summary>
    public const string ReferencesKey = "References";

    /// <summary>
    /// Validates with the promising department's right to general claims, into the page's model state. A promise
    /// being changed may keep its category (<paramref name="keptCategoryId"/>) although it was deactivated since.
    /// </summary>
    public async Task<bool> ValidateAsync(
        IValidator<PromiseForm> validator, Department promisingDepartment, ModelStateDictionary modelState, string prefix, int? keptCategoryId = null)
    {
        (await ValidateAsync(validator, promisingDepartment, keptCategoryId: keptCategoryId)).AddToModelState(modelState, prefix);
        return modelState.IsValid;
    }

    /// <summary>
    /// The same rules for a form that is no page's input — a REST API call, a row of an imported file (ids then checked
    /// against <paramref name="references"/>) —, reported as a result rather than a page's model state.
    /// </summary>
    public async Task<ValidationResult> ValidateAsync(
        IValidator<PromiseForm> validator, Department promisingDepartment, PromiseReferences? references = null, int? keptCategoryId = null,
        CancellationToken ct = default)
    {
        var context = new ValidationContext<PromiseForm>(this);
        context.RootContextData[GeneralClaimsAllowedKey] = promisingDepartment.MakesGeneralClaims;
        context.RootContextData[KeptCategoryKey] = keptCategoryId;
        if (references is not null)
        {
            context.RootContextData[ReferencesKey] = references;
        }

        return await validator.ValidateAsync(context, ct);
    }

    /// <summary>A new draft of this (validated) form, numbered and added to the context; the page and the API save it.</summary>
    public async Task<Promise> AddDraftAsync(
        QualityGatesDbContext db, PromiseNumberAllocator numbers, Department promisingDepartment, string ownerId, DateTime nowUtc, CancellationToken ct = default)
    {
        var promise = Promise.Draft(await numbers.NextAsync(ct), ToDetails(), promisingDepartment, ownerId, nowUtc);
        db.Promises.Add(promise);
        return promise;
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
            SourceReference, target, DueDate!.Value, DeliveringPart,
            ChosenLinks.Select(r => new LinkDetails(r.DepartmentId!.Value, r.Part, r.ReceiveBy)).ToList());
    }

    private IEnumerable<LinkRow> ChosenLinks => FurtherLinks.Where(r => r.DepartmentId is not null);

    /// <summary>The form shows a row for every possible further link; the empty ones are left out when it is posted.</summary>
    public void ShowEveryLinkRow()
    {
        while (FurtherLinks.Count < PromiseLink.MaxLinks - 1)
        {
            FurtherLinks.Add(new LinkRow());
        }
    }

    public sealed class LinkRow
    {
        public int? DepartmentId { get; set; }

        public string? Part { get; set; }

        public DateOnly? ReceiveBy { get; set; }
    }

    public sealed class Validator : AbstractValidator<PromiseForm>
    {
        public Validator(QualityGatesDbContext db, TimeProvider time, IStringLocalizer<SharedResource> l)
        {
            var database = PromiseReferences.In(db);
            PromiseReferences References(IValidationContext context) =>
                context.RootContextData.TryGetValue(ReferencesKey, out var given) && given is PromiseReferences references ? references : database;

            RuleFor(f => f.Title).NotEmpty().WithMessage(_ => l["Promises.Form.TitleRequired"])
                .MaxLength(Promise.TitleMaxLength, l);
            RuleFor(f => f.Statement).NotEmpty().WithMessage(_ => l["Promises.Form.StatementRequired"])
                .MaxLength(Promise.StatementMaxLength, l);
            RuleFor(f => f.CategoryId).NotNull().WithMessage(_ => l["Promises.Form.CategoryRequired"])
                .MustAsync(async (_, id, context, ct) =>
                {
                    var kept = context.RootContextData.TryGetValue(KeptCategoryKey, out var keptId) ? keptId as int? : null;
                    return await References(context).IsOfferedCategoryAsync(id!.Value, kept, ct);
                })
                .WithMessage(_ => l["Promises.Form.CategoryUnknown"]);
            RuleFor(f => f.DeliveringDepartmentId).NotNull().WithMessage(_ => l["Promises.Form.DeliveringRequired"])
                .MustAsync(async (_, id, context, ct) => await References(context).IsDeliveringDepartmentAsync(id!.Value, ct))
                .WithMessage(_ => l["Promises.Form.DeliveringUnknown"]);
            RuleFor(f => f.DeliveringPart).MaxLength(PromiseLink.PartMaxLength, l);
            RuleFor(f => f.FurtherLinks.Count).LessThan(PromiseLink.MaxLinks).OverridePropertyName(nameof(FurtherLinks))
                .WithMessage(_ => l["Error.ChainTooLong", PromiseLink.MaxLinks]);
            RuleForEach(f => f.FurtherLinks).ChildRules(row =>
            {
                row.RuleFor(r => r.DepartmentId).NotNull().WithMessage(_ => l["Promises.Form.LinkDepartmentRequired"])
                    .When(r => !string.IsNullOrWhiteSpace(r.Part) || r.ReceiveBy is not null);
                row.RuleFor(r => r.DepartmentId)
                    .MustAsync(async (_, id, context, ct) => id is null || await References(context).IsDeliveringDepartmentAsync(id.Value, ct))
                    .WithMessage(_ => l["Promises.Form.DeliveringUnknown"]);
                row.RuleFor(r => r.Part).MaxLength(PromiseLink.PartMaxLength, l);
            });
            RuleFor(f => f).Custom((form, context) =>
            {
                // Across rows, each message next to the row it concerns.
                DateOnly? previous = null;
                for (var i = 0; i < form.FurtherLinks.Count; i++)
                {
                    var row = form.FurtherLinks[i];
                    var field = $"{nameof(FurtherLinks)}[{i}].";
                    if (row.DepartmentId is { } id && (id == form.DeliveringDepartmentId || form.FurtherLinks.Take(i).Any(r => r.DepartmentId == id)))
                    {
                        context.AddFailure(field + nameof(LinkRow.DepartmentId), l["Promises.Form.LinkDepartmentTwice"]);
                    }

                    if (row.ReceiveBy is not { } receiveBy)
                    {
                        continue;
                    }

                    if (form.DueDate is { } due && receiveBy > due)
                    {
                        context.AddFailure(field + nameof(LinkRow.ReceiveBy), l["Promises.Form.ReceiveByAfterDue"]);
                    }
                    else if (receiveBy < previous)
                    {
                        context.AddFailure(field + nameof(LinkRow.ReceiveBy), l["Promises.Form.ReceiveByBeforePrevious"]);
                    }

                    previous = receiveBy;
                }
            });
            RuleFor(f => f.CustomerId)
                .Must((_, id, context) => id is not null
                    || (context.RootContextData.TryGetValue(GeneralClaimsAllowedKey, out var allowed) && allowed is true))
                .WithMessage(_ => l["Promises.Form.CustomerRequired"])
                .MustAsync(async (_, id, context, ct) => id is null || await References(context).IsCustomerAsync(id.Value, ct))
                .WithMessage(_ => l["Promises.Form.CustomerUnknown"]);
            RuleFor(f => f.Source).NotNull().WithMessage(_ => l["Promises.Form.SourceRequired"])
                .IsInEnum().WithMessage(_ => l["Validation.InvalidValue"]);
            RuleFor(f => f.SourceReference).MaxLength(Promise.SourceReferenceMaxLength, l);

            RuleFor(f => f.TargetComparator).IsInEnum().WithMessage(_ => l["Validation.InvalidValue"]);
            RuleFor(f => f.TargetMetric).MaxLength(MeasurableTarget.MetricMaxLength, l);
            RuleFor(f => f.TargetMetric).NotEmpty().WithMessage(_ => l["Promises.Form.MetricRequired"])
                .When(f => f.TargetValue is not null || !string.IsNullOrWhiteSpace(f.TargetUnit) || f.TargetDate is not null);
            When(f => !string.IsNullOrWhiteSpace(f.TargetMetric) && f.TargetComparator != TargetComparator.ByDate, () =>
            {
                RuleFor(f => f.TargetValue).NotNull().WithMessage(_ => l["Promises.Form.ValueRequired"])
                    .PrecisionScale(18, 4, ignoreTrailingZeros: true).WithMessage(_ => l["Promises.Form.ValueTooPrecise"]);
                RuleFor(f => f.TargetUnit).NotEmpty().WithMessage(_ => l["Promises.Form.UnitRequired"])
                    .MaxLength(MeasurableTarget.UnitMaxLength, l);
            });
            When(f => !string.IsNullOrWhiteSpace(f.TargetMetric) && f.TargetComparator == TargetComparator.ByDate, () =>
            {
                RuleFor(f => f.TargetDate).NotNull().WithMessage(_ => l["Promises.Form.TargetDateRequired"])
                    .LessThanOrEqualTo(f => f.DueDate).WithMessage(_ => l["Promises.Form.TargetDateAfterDue"])
                    .When(f => f.DueDate is not null, ApplyConditionTo.CurrentValidator);
            });

            RuleFor(f => f.DueDate).NotNull().WithMessage(_ => l["Promises.Form.DueRequired"])
                .GreaterThanOrEqualTo(_ => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime))
                .WithMessage(_ => l["Promises.Form.DueInPast"]);
        }
    }
}

/// <summary>What the shared form partial (_PromiseFields) needs from its page.</summary>
public interface IPromiseFormPage
{
    PromiseForm Input { get; }

    PromiseFormOptions Options { get; }

    string PromisingDepartmentName { get; }

    /// <summary>
    /// Days ahead a new promise's due date is proposed, which the form says: nobody should give a customer a date they
    /// did not choose. Null where the date was chosen before (editing, changing).
    /// </summary>
    int? DueDateProposedInDays => null;
}

/// <summary>
/// The choices of the promise form's drop-downs; of the customers only the chosen one (a type-ahead finds the others);
/// per category, the parts colleagues gave links lately, suggested beside the usual ones.
/// </summary>
public sealed record PromiseFormOptions(
    IReadOnlyList<SelectListItem> Categories,
    IReadOnlyList<SelectListItem> DeliveringDepartments,
    IReadOnlyList<SelectListItem> ChosenCustomer,
    bool GeneralClaimsAllowed,
    IReadOnlyDictionary<int, IReadOnlyList<string>> PartsByCategory)
{
    /// <summary>The newest links read for the suggestions: what is in use now, at a cost that does not grow with the history.</summary>
    public const int RecentLinks = 500;

    public const int PartsPerCategory = 8;

    /// <summary>The active categories, and <paramref name="keptCategoryId"/>: the one a promise being changed has.</summary>
    public static async Task<PromiseFormOptions> LoadAsync(QualityGatesDbContext db, Department promisingDepartment, PromiseForm input, int? keptCategoryId = null)
    {
        var categories = await Lookups.CategoriesAsync(db, activeOnly: true, keptCategoryId);
        var delivering = await Lookups.DepartmentsAsync(db, DepartmentKind.Delivering);
        var customer = await Lookups.ChosenCustomerAsync(db, input.CustomerId);
        return new PromiseFormOptions(categories, delivering, customer, promisingDepartment.MakesGeneralClaims, await PartsByCategoryAsync(db));
    }

    private static async Task<IReadOnlyDictionary<int, IReadOnlyList<string>>> PartsByCategoryAsync(QualityGatesDbContext db)
    {
        var recent = await (from link in db.PromiseLinks
                            join promise in db.Promises on link.PromiseId equals promise.Id
                            where link.Part != null
                            orderby link.Id descending
                            select new { promise.CategoryId, Part = link.Part! })
            .Take(RecentLinks).ToListAsync();
        return recent.GroupBy(r => r.CategoryId).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<string>)g.GroupBy(r => r.Part, StringComparer.CurrentCultureIgnoreCase)
                .OrderByDescending(p => p.Count()).ThenBy(p => p.Key, StringComparer.CurrentCulture)
                .Take(PartsPerCategory).Select(p => p.Key).ToList());
    }
}
