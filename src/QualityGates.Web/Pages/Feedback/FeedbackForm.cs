using FluentValidation;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QualityGates.Domain.Feedback;
using QualityGates.Web.Data;
using QualityGates.Web.Notifications;
using QualityGates.Web.Validation;

namespace QualityGates.Web.Pages.Feedback;

/// <summary>The fields of feedback as the Create and Edit pages post them. The promise is named by its number.</summary>
public sealed class FeedbackForm
{
    public FeedbackType? Type { get; set; }

    public FeedbackSeverity? Severity { get; set; } = FeedbackSeverity.Medium;

    public string Title { get; set; } = "";

    public string Description { get; set; } = "";

    public string? PromiseNumber { get; set; }

    public int? CustomerId { get; set; }

    public int Version { get; set; }

    public static FeedbackForm From(FeedbackItem feedback, string? promiseNumber) => new()
    {
        Type = feedback.Type,
        Severity = feedback.Severity,
        Title = feedback.Title,
        Description = feedback.Description,
        PromiseNumber = promiseNumber,
        CustomerId = feedback.CustomerId,
        Version = feedback.Version,
    };

    /// <summary>Files this (validated) feedback: added to the context with its notifications; the page and the API save it.</summary>
    public async Task<FeedbackItem> FileAsync(
        QualityGatesDbContext db, ImprovementNotifications notifications, string userId, DateTime nowUtc, CancellationToken ct = default)
    {
        var feedback = FeedbackItem.File(await ToDetailsAsync(db), userId, nowUtc);
        db.Feedback.Add(feedback);
        await notifications.FeedbackFiledAsync(feedback, ct);
        return feedback;
    }

    /// <summary>Only call on a validated form. A promise without a chosen customer lends its own.</summary>
    public async Task<FeedbackDetails> ToDetailsAsync(QualityGatesDbContext db)
    {
        var number = PromiseNumber?.Trim();
        var promise = string.IsNullOrEmpty(number)
            ? null
            : await db.Promises.Where(p => p.Number == number).Select(p => new { p.Id, p.CustomerId }).SingleAsync();
        return new FeedbackDetails(Type!.Value, Severity!.Value, Title, Description, promise?.Id, CustomerId ?? promise?.CustomerId);
    }

    public sealed class Validator : AbstractValidator<FeedbackForm>
    {
        public Validator(QualityGatesDbContext db, IStringLocalizer<SharedResource> l)
        {
            RuleFor(f => f.Type).NotNull().WithMessage(_ => l["Feedback.Form.TypeRequired"])
                .IsInEnum().WithMessage(_ => l["Validation.InvalidValue"]);
            RuleFor(f => f.Severity).NotNull().WithMessage(_ => l["Feedback.Form.SeverityRequired"])
                .IsInEnum().WithMessage(_ => l["Validation.InvalidValue"]);
            RuleFor(f => f.Title).NotEmpty().WithMessage(_ => l["Feedback.Form.TitleRequired"])
                .MaxLength(FeedbackItem.TitleMaxLength, l);
            RuleFor(f => f.Description).NotEmpty().WithMessage(_ => l["Feedback.Form.DescriptionRequired"])
                .MaxLength(FeedbackItem.DescriptionMaxLength, l);
            RuleFor(f => f.PromiseNumber)
                .MustAsync(async (number, ct) => await db.Promises.AnyAsync(p => p.Number == number!.Trim(), ct))
                .When(f => !string.IsNullOrWhiteSpace(f.PromiseNumber))
                .WithMessage(f => l["Feedback.Form.PromiseUnknown", f.PromiseNumber!]);
            RuleFor(f => f.CustomerId)
                .MustAsync(async (id, ct) => await db.Customers.AnyAsync(c => c.Id == id, ct))
                .When(f => f.CustomerId is not null)
                .WithMessage(_ => l["Feedback.Form.CustomerUnknown"]);
            RuleFor(f => f.CustomerId)
                .MustAsync(async (f, id, ct) => await db.Promises.AnyAsync(p => p.Number == f.PromiseNumber!.Trim() && (p.CustomerId == null || p.CustomerId == id), ct))
                .When(f => f.CustomerId is not null && !string.IsNullOrWhiteSpace(f.PromiseNumber))
                .WithMessage(_ => l["Feedback.Form.CustomerNotThePromises"]);
        }
    }
}

/// <summary>What the shared form partial (_FeedbackFields) needs from its page.</summary>
public interface IFeedbackFormPage
{
    FeedbackForm Input { get; }

    /// <summary>The chosen customer only; a type-ahead finds the others.</summary>
    IReadOnlyList<SelectListItem> ChosenCustomer { get; }
}
