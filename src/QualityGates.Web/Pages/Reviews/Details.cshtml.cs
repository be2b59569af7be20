using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
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
using QualityGates.Web.Pages.Promises;
using QualityGates.Web.Pages.Shared;
using QualityGates.Web.Validation;

namespace QualityGates.Web.Pages.Reviews;

/// <summary>
/// The gate review page: the promise, the checklist of the review's version, the decision history, the
/// conditions, and — for a manager of the deciding department who does not own the promise — the decision.
/// </summary>
public sealed class DetailsModel(
    QualityGatesDbContext db,
    IAuthorizationService authorization,
    IValidator<DetailsModel.DecisionForm> validator,
    GateWorkflow gates,
    GateNotifications notifications,
    TimeProvider time,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public const int ConditionRows = 3;

    private bool _mayDecide;

    [BindProperty]
    public DecisionForm Input { get; set; } = new();

    public GateReview Review { get; private set; } = null!;

    public Promise Promise { get; private set; } = null!;

    public PromiseListItem PromiseNames { get; private set; } = null!;

    public GateDefinition Gate { get; private set; } = null!;

    public GateChecklist Checklist { get; private set; } = null!;

    /// <summary>Feasibility reviews: lessons and track record for the promise's category, customer and delivering department.</summary>
    public PromiseExperience? Experience { get; private set; }

    public bool CanDecide { get; private set; }

    public RecordHistory History { get; private set; } = null!;

    /// <summary>The promise's next step after this review's state: decided here, or waiting elsewhere.</summary>
    public NextStep? Next { get; private set; }

    public bool NextIsYours { get; private set; }

    public string DecidingDepartmentName { get; private set; } = "";

    public bool CanManageConditions { get; private set; }

    /// <summary>The promising side may hand a returned handover over again.</summary>
    public bool CanHandOverAgain { get; private set; }

    /// <summary>Handover only: open feasibility conditions block acceptance.</summary>
    public bool FeasibilityConditionsOpen { get; private set; }

    /// <summary>The decisions this review's stage allows: a handover is accepted or returned.</summary>
    public IReadOnlyList<GateDecision> Decisions => Review.Stage switch
    {
        GateStage.Handover => [GateDecision.Go, GateDecision.Recycle],
        GateStage.Closure => [GateDecision.Go, GateDecision.Hold],
        _ => Enum.GetValues<GateDecision>(),
    };

    /// <summary>Resource key prefix of the decision names: handovers "accept" and "return", closures "close".</summary>
    public string DecisionKeyPrefix => Review.Stage switch
    {
        GateStage.Handover => "Handover.Decision",
        GateStage.Closure => "Closure.Decision",
        _ => "Decision",
    };

    public IReadOnlyDictionary<string, string> UserNames { get; private set; } = new Dictionary<string, string>();

    /// <summary>The envelopes that passed this review, by their current name in the reader's language.</summary>
    public IReadOnlyDictionary<int, string> EnvelopeNames { get; private set; } = new Dictionary<int, string>();

    /// <summary>Whose people may own a condition: the promising and the deciding department.</summary>
    public IReadOnlyList<int> ConditionOwnerDepartmentIds { get; private set; } = [];

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Input = DecisionForm.For(Review, Checklist);
        return Page();
    }

    public async Task<IActionResult> OnPostDecideAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (!CanDecide && _mayDecide && Input.Version == Review.Version)
        {
            // Review and promise are read one after the other: a decision committed in between shows the old review
            // with the new promise. Read again, so that a race ends as a conflict below rather than a refusal.
            db.ChangeTracker.Clear();
            await LoadAsync(id);
        }

        if (!CanDecide)
        {
            // Decided or moved on since the form was loaded: for a decider that is a conflict, not a refusal.
            return _mayDecide && Input.Version != Review.Version ? await ConflictAsync(id) : Forbid();
        }

        var context = new ValidationContext<DecisionForm>(Input);
        context.RootContextData[nameof(GateChecklist)] = Checklist;
        (await validator.ValidateAsync(context)).AddToModelState(ModelState, nameof(Input));
        if (Input.Decision == GateDecision.Go)
        {
            // Next to each mandatory checkpoint that stands in the way of a Go.
            var notMet = Checklist.MandatoryNotMet(Input.ToAnswers()).Select(c => c.Id).ToHashSet();
            for (var i = 0; i < Input.Answers.Count; i++)
            {
                if (notMet.Contains(Input.Answers[i].CheckpointId))
                {
                    ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.Answers)}[{i}].{nameof(AnswerRow.Answer)}", l["Reviews.MandatoryForGo"]);
                }
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            Review.Decide(Promise, Checklist, Input.ToDecision(User.UserId(), User.DepartmentId()), time.GetUtcNow().UtcDateTime, FeasibilityConditionsOpen);
            await gates.FeasibilityDecidedAsync(Promise, User.UserId());
            await notifications.DecidedAsync(Review, Promise, Input.Decision!.Value);
            db.Entry(Review).Property(r => r.Version).OriginalValue = Input.Version;
            await db.SaveChangesAsync();
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(string.Empty, l.Error(e));
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ConflictAsync(id);
        }

        TempData["Success"] = l["Reviews.Decided", l[$"{DecisionKeyPrefix}.{Input.Decision}"], Promise.Number].Value;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostHandOverAgainAsync(int id, int version)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (!CanHandOverAgain)
        {
            return Forbid();
        }

        try
        {
            Review.HandOverAgain(time.GetUtcNow().UtcDateTime);
            await notifications.ReviewWaitingAsync(Review, Promise);
            db.Entry(Review).Property(r => r.Version).OriginalValue = version;
            await db.SaveChangesAsync();
            TempData["Success"] = l["Handover.HandedOverAgain", Promise.Number].Value;
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

    public async Task<IActionResult> OnPostResolveConditionAsync(int id, int conditionId, string? note)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var condition = Review.Conditions.SingleOrDefault(c => c.Id == conditionId);
        if (condition is null)
        {
            return NotFound();
        }

        if (!CanManageConditions && condition.OwnerId != User.UserId())
        {
            return Forbid();
        }

        if (note?.Length > GateReview.NoteMaxLength)
        {
            TempData["Error"] = l["Validation.TooLong", GateReview.NoteMaxLength].Value;
            return RedirectToPage(new { id });
        }

        try
        {
            Review.ResolveCondition(conditionId, User.UserId(), note, time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
            TempData["Success"] = l["Reviews.ConditionResolved"].Value;
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

    private async Task<IActionResult> ConflictAsync(int id)
    {
        db.ChangeTracker.Clear();
        await LoadAsync(id);
        ModelState.Clear();
        ModelState.AddModelError(string.Empty, l["Messages.ConcurrencyConflict"]);
        Input = DecisionForm.For(Review, Checklist);
        return Page();
    }

    private async Task<bool> LoadAsync(int id)
    {
        var review = await db.GateReviews
            .Include(r => r.Answers).Include(r => r.Decisions).Include(r => r.Conditions)
            .SingleOrDefaultAsync(r => r.Id == id);
        if (review is null)
        {
            return false;
        }

        Review = review;
        Promise = await db.Promises.SingleAsync(p => p.Id == review.PromiseId);
        PromiseNames = await PromiseListItem.Query(db).SingleAsync(p => p.Id == review.PromiseId);
        Gate = await db.GateDefinitions.Include(g => g.Checkpoints).SingleAsync(g => g.Id == review.GateDefinitionId);
        Checklist = GateChecklist.Of(Gate, review, Promise);
        Experience = review.Stage == GateStage.Feasibility
            ? await PromiseExperience.LoadAsync(db, Promise.CategoryId, Promise.CustomerId, review.DeliveringDepartmentId)
            : null;
        DecidingDepartmentName = await db.Departments.Where(d => d.Id == review.DecidingDepartmentId).Select(d => d.Name.In(Cultures.Current)).SingleAsync();
        var envelopeIds = review.Decisions.Select(d => d.EnvelopeId).OfType<int>().Distinct().ToList();
        EnvelopeNames = await db.CapabilityEnvelopes.Where(e => envelopeIds.Contains(e.Id)).Select(e => new { e.Id, Name = e.Name.In(Cultures.Current) })
            .ToDictionaryAsync(e => e.Id, e => e.Name);
        History = await RecordHistory.LoadAsync(db, nameof(GateReview), review.Id, (await authorization.AuthorizeAsync(User, Policies.Administration)).Succeeded);
        var resource = new ReviewResource(review, Promise);
        _mayDecide = (await authorization.AuthorizeAsync(User, resource, ReviewOperations.Decide)).Succeeded;
        CanDecide = review.IsDecidable(Promise) && _mayDecide;
        // The side that handed over completes what is missing: the promising side to the first link, else the link before.
        CanHandOverAgain = review.State == GateReviewState.Returned
                           && (await authorization.AuthorizeAsync(User, Promise, review.LinkPosition > 1 ? PromiseOperations.Deliver : PromiseOperations.Manage)).Succeeded;
        FeasibilityConditionsOpen = review.Stage == GateStage.Handover && await gates.FeasibilityConditionsOpenAsync(Promise.Id, review.LinkPosition);
        CanManageConditions = (await authorization.AuthorizeAsync(User, resource, ReviewOperations.ManageConditions)).Succeeded;
        Next = NextStep.For(l, PromiseNames, await ReviewListItem.Query(db).Where(r => r.PromiseId == Promise.Id).OrderBy(r => r.OpenedAtUtc).ToListAsync());
        NextIsYours = Next is not null && await Next.IsTakenByAsync(User, Promise, authorization, db);

        ConditionOwnerDepartmentIds = [Promise.PromisingDepartmentId, review.DecidingDepartmentId];
        // Only the people the page names: deciders, condition owners and resolvers, and the owners a redisplayed form chose.
        var mentioned = review.Decisions.Select(d => d.DeciderId)
            .Concat(review.Conditions.SelectMany(c => new[] { c.OwnerId, c.ResolvedById }))
            .Concat(Input.Conditions.Select(c => c.OwnerId))
            .OfType<string>().Distinct().ToList();
        UserNames = await db.Users.Where(u => mentioned.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName })
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName);
        return true;
    }

    /// <summary>A condition row's chosen owner as the only option; a type-ahead finds the others.</summary>
    public IReadOnlyList<SelectListItem> ChosenConditionOwner(string? ownerId) =>
        ownerId is not null && UserNames.TryGetValue(ownerId, out var name) ? [new SelectListItem(name, ownerId)] : [];

    public sealed class DecisionForm
    {
        public GateDecision? Decision { get; set; }

        public List<AnswerRow> Answers { get; set; } = [];

        public string? Reason { get; set; }

        public DateOnly? ReReviewDate { get; set; }

        public List<ConditionRow> Conditions { get; set; } = [];

        public int Version { get; set; }

        public static DecisionForm For(GateReview review, GateChecklist checklist) => new()
        {
            Answers = checklist.Checkpoints.Select(c => review.Answers.FirstOrDefault(a => a.CheckpointId == c.Id) is { } a
                ? new AnswerRow { CheckpointId = c.Id, Answer = a.Answer, Note = a.Note }
                : new AnswerRow { CheckpointId = c.Id }).ToList(),
            Conditions = Enumerable.Range(0, ConditionRows).Select(_ => new ConditionRow()).ToList(),
            Version = review.Version,
        };

        public IEnumerable<ConditionRow> FilledConditions => Conditions.Where(c => !c.IsBlank);

        public IReadOnlyDictionary<int, AnswerInput> ToAnswers() =>
            Answers.Where(a => a.Answer is not null).GroupBy(a => a.CheckpointId)
                .ToDictionary(g => g.Key, g => new AnswerInput(g.First().Answer!.Value, g.First().Note));

        public ReviewDecisionInput ToDecision(string deciderId, int deciderDepartmentId) => new(
            Decision!.Value,
            deciderId,
            deciderDepartmentId,
            ToAnswers(),
            Reason,
            ReReviewDate,
            Decision == GateDecision.ConditionalGo
                ? FilledConditions.Select(c => new ConditionInput(c.Text!, c.OwnerId!, c.DueDate!.Value)).ToList()
                : []);
    }

    public sealed class AnswerRow
    {
        public int CheckpointId { get; set; }

        public CheckpointAnswer? Answer { get; set; }

        public string? Note { get; set; }
    }

    public sealed class ConditionRow
    {
        public string? Text { get; set; }

        public string? OwnerId { get; set; }

        public DateOnly? DueDate { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(Text) && string.IsNullOrWhiteSpace(OwnerId) && DueDate is null;
    }

    public sealed class Validator : AbstractValidator<DecisionForm>
    {
        public Validator(QualityGatesDbContext db, TimeProvider time, IStringLocalizer<SharedResource> l)
        {
            var today = () => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            RuleFor(f => f.Decision).NotNull().WithMessage(_ => l["Reviews.DecisionRequired"])
                .IsInEnum().WithMessage(_ => l["Validation.InvalidValue"]);
            RuleForEach(f => f.Answers).ChildRules(answer =>
            {
                answer.RuleFor(a => a.Answer).IsInEnum().WithMessage(_ => l["Validation.InvalidValue"]);
                answer.RuleFor(a => a.Note).MaxLength(GateReview.NoteMaxLength, l);
            });
            RuleFor(f => f.Answers)
                .Must((form, answers, context) =>
                {
                    var checklist = (GateChecklist)context.RootContextData[nameof(GateChecklist)];
                    return answers.Count == checklist.Checkpoints.Count && answers.All(a => checklist.Contains(a.CheckpointId));
                })
                .WithMessage(_ => l["Reviews.ChecklistChanged"]);
            RuleFor(f => f.Reason).NotEmpty().WithMessage(_ => l["Reviews.ReasonRequired"])
                .When(f => f.Decision is GateDecision.Recycle or GateDecision.NoGo or GateDecision.Hold);
            RuleFor(f => f.Reason).MaxLength(GateReview.ReasonMaxLength, l);
            RuleFor(f => f.ReReviewDate).NotNull().WithMessage(_ => l["Reviews.ReReviewDateRequired"])
                .GreaterThan(_ => today()).WithMessage(_ => l["Reviews.ReReviewDateInFuture"])
                .When(f => f.Decision == GateDecision.Hold);
            When(f => f.Decision == GateDecision.ConditionalGo, () =>
            {
                RuleFor(f => f.FilledConditions).NotEmpty().WithMessage(_ => l["Reviews.ConditionsRequired"])
                    .OverridePropertyName(nameof(DecisionForm.Conditions));
                RuleForEach(f => f.Conditions).Where(c => !c.IsBlank).ChildRules(condition =>
                {
                    condition.RuleFor(c => c.Text).NotEmpty().WithMessage(_ => l["Reviews.ConditionTextRequired"])
                        .MaxLength(ReviewCondition.TextMaxLength, l);
                    condition.RuleFor(c => c.OwnerId).NotEmpty().WithMessage(_ => l["Reviews.ConditionOwnerRequired"])
                        .MustAsync(async (owner, ct) => await db.Users.AnyAsync(u => u.Id == owner, ct))
                        .WithMessage(_ => l["Validation.InvalidValue"]);
                    condition.RuleFor(c => c.DueDate).NotNull().WithMessage(_ => l["Reviews.ConditionDueRequired"])
                        .GreaterThanOrEqualTo(_ => today()).WithMessage(_ => l["Promises.Form.DueInPast"]);
                });
            });
        }
    }
}
