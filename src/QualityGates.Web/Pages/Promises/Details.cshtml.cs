using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QualityGates.Domain;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;
using QualityGates.Web.Gates;
using QualityGates.Web.Improvement;
using QualityGates.Web.Localization;
using QualityGates.Web.Notifications;
using QualityGates.Web.Pages.Feedback;
using QualityGates.Web.Pages.Reviews;
using QualityGates.Web.Pages.Shared;
using QualityGates.Web.Validation;

namespace QualityGates.Web.Pages.Promises;

public sealed class DetailsModel(
    QualityGatesDbContext db,
    IAuthorizationService authorization,
    GateWorkflow gates,
    GateNotifications notifications,
    IValidator<DetailsModel.CommitInput> commitValidator,
    IValidator<DetailsModel.RiskInput> riskValidator,
    IValidator<DetailsModel.OutcomeInput> outcomeValidator,
    TimeProvider time,
    IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public CommitInput Commit { get; set; } = new();

    [BindProperty]
    public RiskInput Risk { get; set; } = new();

    [BindProperty]
    public OutcomeInput Outcome { get; set; } = new();

    /// <summary>Whether the signed-in user delivers this promise: flags risks, records the outcome.</summary>
    public bool CanDeliver { get; private set; }

    public TrafficLight? Light { get; private set; }

    public Promise Promise { get; private set; } = null!;

    public PromiseListItem Names { get; private set; } = null!;

    /// <summary>Whether the signed-in user may edit, submit or withdraw: decides which buttons show.</summary>
    public bool CanManage { get; private set; }

    public IReadOnlyList<ReviewListItem> Reviews { get; private set; } = [];

    public ValueChain Chain { get; private set; } = null!;

    /// <summary>Whether the signed-in user's department holds the promise and may hand it over to the next link now.</summary>
    public bool CanHandOn { get; private set; }

    public NextStep? Next { get; private set; }

    public bool NextIsYours { get; private set; }

    /// <summary>AfterSales feedback about this promise, newest first.</summary>
    public IReadOnlyList<FeedbackListItem> Feedback { get; private set; } = [];

    public bool CanFileFeedback { get; private set; }

    public PromiseExperience Experience { get; private set; } = PromiseExperience.None;

    /// <summary>The latest changes, newest first; the audit log has them all.</summary>
    public RecordHistory History { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id) =>
        await LoadAsync(id) ? Page() : NotFound();

    public Task<IActionResult> OnPostSubmitAsync(int id, int version) =>
        ActAsync(id, version, async promise => await gates.SubmitAsync(promise, User.UserId()), "Promises.Submit.Done");

    public async Task<IActionResult> OnPostCommitAsync(int id, int version)
    {
        // Refused before validation: another department's promise is a 403, not a form with errors.
        var (allowed, refusal) = await ManageablePromise.FindAsync(this, db, authorization, id);
        if (allowed is null)
        {
            return refusal!;
        }

        (await commitValidator.ValidateAsync(Commit)).AddToModelState(ModelState, nameof(Commit));
        if (!ModelState.IsValid)
        {
            return await RedisplayAsync(id, PromiseStatus.Approved);
        }

        return await ActAsync(id, version, async promise => await gates.CommitAsync(promise, Commit.CommittedOn!.Value, Commit.Channel!.Value), "Promises.Commit.Done");
    }

    public async Task<IActionResult> OnPostRiskAsync(int id, int version)
    {
        // Refused before validation: another department's promise is a 403, not a form with errors.
        var (allowed, refusal) = await ManageablePromise.FindAsync(this, db, authorization, id, PromiseOperations.Deliver);
        if (allowed is null)
        {
            return refusal!;
        }

        (await riskValidator.ValidateAsync(Risk)).AddToModelState(ModelState, nameof(Risk));
        if (!ModelState.IsValid)
        {
            return await RedisplayAsync(id, PromiseStatus.Committed, PromiseStatus.InDelivery);
        }

        return await ActAsync(id, version, async promise =>
        {
            promise.RaiseRisk(Risk.Reason!, Risk.Measure, time.GetUtcNow().UtcDateTime);
            await notifications.AtRiskAsync(promise, Risk.Reason!);
        }, "Promises.Risk.Done", PromiseOperations.Deliver);
    }

    public async Task<IActionResult> OnPostOutcomeAsync(int id, int version)
    {
        // Refused before validation: another department's promise is a 403, not a form with errors.
        var (allowed, refusal) = await ManageablePromise.FindAsync(this, db, authorization, id, PromiseOperations.Deliver);
        if (allowed is null)
        {
            return refusal!;
        }

        (await outcomeValidator.ValidateAsync(Outcome)).AddToModelState(ModelState, nameof(Outcome));
        if (!ModelState.IsValid)
        {
            return await RedisplayAsync(id, PromiseStatus.InDelivery);
        }

        return await ActAsync(id, version, async promise => await gates.RecordOutcomeAsync(
            promise, Outcome.Kind!.Value, Outcome.ActualValue, Outcome.Date!.Value, Outcome.Evidence!,
            Outcome.Kind == OutcomeKind.Broken ? Outcome.BreachCause : null,
            Outcome.Kind == OutcomeKind.Broken ? Outcome.BrokenAtDepartmentId : null), "Promises.Outcome.Done", PromiseOperations.Deliver);
    }

    public Task<IActionResult> OnPostHandOnAsync(int id, int version) =>
        ActAsync(id, version, async promise => await gates.HandOnAsync(promise), "Promises.HandOn.Done", PromiseOperations.Deliver);

    public Task<IActionResult> OnPostReviseAsync(int id, int version) =>
        ActAsync(id, version, promise =>
        {
            promise.Revise();
            return Task.CompletedTask;
        }, "Promises.Revise.Done");

    // The promising side's lifecycle actions: authorized, versioned, refused with the rule's explanation.
    private async Task<IActionResult> ActAsync(
        int id, int version, Func<Promise, Task> action, string successKey, OperationAuthorizationRequirement? operation = null)
    {
        var (promise, refusal) = await ManageablePromise.FindAsync(this, db, authorization, id, operation);
        if (promise is null)
        {
            return refusal!;
        }

        try
        {
            await action(promise);
            db.Entry(promise).Property(p => p.Version).OriginalValue = version;
            await db.SaveChangesAsync();
            TempData["Success"] = l[successKey, promise.Number].Value;
        }
        catch (DomainException e)
        {
            TempData["Error"] = l.Error(e);
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData["Error"] = l["Messages.ConcurrencyConflict"].Value;
        }

        return RedirectToPage(new { id });
    }

    /// <summary>
    /// An invalid form is shown again with its messages and what was typed — if the promise still offers that
    /// form. A form posted for a state the promise is not in has no place on the page: the user is told why.
    /// </summary>
    private async Task<IActionResult> RedisplayAsync(int id, params PromiseStatus[] offeredIn)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (offeredIn.Contains(Promise.Status))
        {
            return Page();
        }

        TempData["Error"] = l["Promises.ActionNotAvailable", l.Status(Promise.Status)].Value;
        return RedirectToPage(new { id });
    }

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private async Task<bool> LoadAsync(int id)
    {
        var promise = await db.Promises.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id);
        if (promise is null)
        {
            return false;
        }

        Promise = promise;
        Names = await PromiseListItem.Query(db).SingleAsync(p => p.Id == id);
        CanManage = (await authorization.AuthorizeAsync(User, promise, PromiseOperations.Manage)).Succeeded;
        CanDeliver = (await authorization.AuthorizeAsync(User, promise, PromiseOperations.Deliver)).Succeeded;
        Light = Names.Light(Today);
        Outcome.Date ??= Today;
        Reviews = await ReviewListItem.Query(db).Where(r => r.PromiseId == id).OrderBy(r => r.OpenedAtUtc).ToListAsync();
        Chain = await ValueChain.LoadAsync(db, promise, Reviews);
        CanHandOn = CanDeliver && promise.Status == PromiseStatus.InDelivery && promise.NextLink is not null
                    && !Reviews.Any(r => r.Stage == GateStage.Handover && r.State is GateReviewState.Open or GateReviewState.OnHold or GateReviewState.Returned);
        Outcome.BrokenAtDepartmentId ??= promise.HoldingDepartmentId;
        Next = NextStep.For(l, Names, Reviews);
        NextIsYours = Next is not null && await Next.IsTakenByAsync(User, promise, authorization, db);
        Commit.CommittedOn ??= Today;
        History = await RecordHistory.LoadAsync(db, nameof(Promise), id, (await authorization.AuthorizeAsync(User, Policies.Administration)).Succeeded);
        Feedback = await FeedbackListItem.Query(db).Where(f => f.PromiseId == id).OrderByDescending(f => f.CreatedAtUtc).ThenByDescending(f => f.Id).ToListAsync();
        CanFileFeedback = (await authorization.AuthorizeAsync(User, Policies.RunImprovement)).Succeeded;
        Experience = await PromiseExperience.LoadAsync(db, promise.CategoryId, promise.CustomerId, promise.DeliveringDepartmentId);
        return true;
    }

    public sealed class CommitInput
    {
        public DateOnly? CommittedOn { get; set; }

        public CommitChannel? Channel { get; set; }
    }

    public sealed class CommitValidator : AbstractValidator<CommitInput>
    {
        public CommitValidator(TimeProvider time, IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.CommittedOn).NotNull().WithMessage(_ => l["Promises.Commit.DateRequired"])
                .LessThanOrEqualTo(_ => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)).WithMessage(_ => l["Promises.Commit.DateInFuture"]);
            RuleFor(c => c.Channel).NotNull().WithMessage(_ => l["Promises.Commit.ChannelRequired"])
                .IsInEnum().WithMessage(_ => l["Validation.InvalidValue"]);
        }
    }

    public sealed class RiskInput
    {
        public string? Reason { get; set; }

        public string? Measure { get; set; }
    }

    public sealed class RiskValidator : AbstractValidator<RiskInput>
    {
        public RiskValidator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(r => r.Reason).NotEmpty().WithMessage(_ => l["Promises.Risk.ReasonRequired"]).MaxLength(Promise.ReasonMaxLength, l);
            RuleFor(r => r.Measure).MaxLength(Promise.ReasonMaxLength, l);
        }
    }

    public sealed class OutcomeInput
    {
        public OutcomeKind? Kind { get; set; }

        public decimal? ActualValue { get; set; }

        public DateOnly? Date { get; set; }

        public string? Evidence { get; set; }

        public BreachCause? BreachCause { get; set; }

        /// <summary>The link where a broken promise broke; the holding one unless the user names another of the chain.</summary>
        public int? BrokenAtDepartmentId { get; set; }
    }

    public sealed class OutcomeValidator : AbstractValidator<OutcomeInput>
    {
        public OutcomeValidator(TimeProvider time, IStringLocalizer<SharedResource> l)
        {
            RuleFor(o => o.Kind).NotNull().WithMessage(_ => l["Promises.Outcome.KindRequired"]).IsInEnum().WithMessage(_ => l["Validation.InvalidValue"]);
            RuleFor(o => o.ActualValue).PrecisionScale(18, 4, ignoreTrailingZeros: true).WithMessage(_ => l["Promises.Form.ValueTooPrecise"]);
            RuleFor(o => o.Date).NotNull().WithMessage(_ => l["Promises.Outcome.DateRequired"])
                .LessThanOrEqualTo(_ => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)).WithMessage(_ => l["Promises.Outcome.DateInFuture"]);
            RuleFor(o => o.Evidence).NotEmpty().WithMessage(_ => l["Promises.Outcome.EvidenceRequired"]).MaxLength(Promise.EvidenceMaxLength, l);
            RuleFor(o => o.BreachCause).NotNull().WithMessage(_ => l["Promises.Outcome.CauseRequired"])
                .IsInEnum().WithMessage(_ => l["Validation.InvalidValue"])
                .When(o => o.Kind == OutcomeKind.Broken);
        }
    }
}
