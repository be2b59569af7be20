using System.Globalization;
using QualityGates.Domain.Feedback;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Improvement;
using QualityGates.Domain.Lessons;
using QualityGates.Domain.Promises;
using QualityGates.Web.Data.Auditing;

namespace QualityGates.DataGenerator;

/// <summary>One promise and every record its life produced, ready to be written.</summary>
public sealed class PromiseRecords
{
    public required Promise Promise { get; init; }

    public List<PromiseRevision> Revisions { get; } = [];

    public List<GateReview> Reviews { get; } = [];

    public List<FeedbackItem> Feedback { get; } = [];

    public List<Lesson> Lessons { get; } = [];

    public List<ImprovementAction> Actions { get; } = [];

    public List<AuditEntry> Audit { get; } = [];
}

/// <summary>
/// Lives one promise through the domain's own verbs, with realistic odds and delays: most are submitted; G1
/// passes by envelope or a manager's decision (some Conditional Go, some recycled, held or refused) for every link
/// of its value chain; approved promises are committed and handed over (a few returned first), and along a chain
/// each link hands over to the next; outcomes are recorded once due (about 85 % kept) and closed at G3. Some change
/// after submission (a new revision, G1 again) and some are withdrawn. About one promise in eight is delivered by a
/// chain of two or three departments (machines built, installed and run; platforms set up and run).
/// A step whose time lies after "now" does not happen, so recent promises are still on their way.
/// </summary>
public sealed class Lifecycle(World world, GeneratorOptions options)
{
    private sealed record Template(
        string Title, string Statement, string Category, string Delivering, string Metric,
        TargetComparator Comparator, decimal[] Values, string? Unit, PromiseSource Source, Chain? Chain = null);

    /// <summary>How often a template's promise is delivered along a chain: the first link's part, then the further links.</summary>
    private sealed record Chain(int Percent, string FirstPart, (string Department, string Part)[] Further);

    // Values in the envelopes' bounds are covered (G1 passes at once); the others go to a manager.
    private static readonly Template[] _templates =
    [
        new("First response within {0} hours", "We respond to every service request within {0} hours during business hours.",
            "Response time", "Service", "First response", TargetComparator.AtMost, [2, 4, 4, 6, 8], "h", PromiseSource.Contract),
        new("On-site within {0} hours", "A technician is on site within {0} hours anywhere in Germany.",
            "Response time", "Service", "Time to on-site", TargetComparator.AtMost, [24, 36, 48, 48, 72], "h", PromiseSource.Offer),
        new("Critical faults resolved in {0} hours", "Critical faults are resolved within {0} hours.",
            "Resolution time", "Service", "Resolution of critical faults", TargetComparator.AtMost, [4, 8, 12, 24], "h", PromiseSource.Contract),
        new("Platform availability {0} %", "The customer portal is available at least {0} % per month.",
            "Availability", "Service", "Monthly availability", TargetComparator.AtLeast, [99, 99.5m, 99.5m, 99.9m], "%", PromiseSource.Contract),
        new("Line availability {0} %", "The line runs at {0} % availability from the agreed date.",
            "Availability", "Production", "Line availability", TargetComparator.AtLeast, [95, 97, 98], "%", PromiseSource.Contract,
            new Chain(100, "build", [("Projects", "install"), ("Service", "operate")])),
        new("Machine delivered by agreed date", "The line is delivered and installed by the agreed date.",
            "Delivery date", "Production", "Delivery and installation", TargetComparator.ByDate, [], null, PromiseSource.Offer,
            new Chain(60, "build", [("Projects", "install")])),
        new("Lead time of {0} weeks", "Spare assemblies ship within {0} weeks of order.",
            "Delivery date", "Production", "Lead time", TargetComparator.AtMost, [4, 6, 6, 8], "weeks", PromiseSource.Offer),
        new("Defect rate below {0} %", "Fewer than {0} % of delivered parts are rejected at incoming inspection.",
            "Product quality", "Production", "Rejected parts", TargetComparator.AtMost, [0.1m, 0.5m, 1], "%", PromiseSource.Contract),
        new("Go-live of the interface", "The interface goes live by the agreed date.",
            "Feature", "Projects", "Go-live", TargetComparator.ByDate, [], null, PromiseSource.Contract,
            new Chain(40, "build", [("Service", "run")])),
        new("Data migration with zero loss", "All historic orders are migrated; no record is lost.",
            "Feature", "Projects", "Records lost in migration", TargetComparator.Exactly, [0], "records", PromiseSource.Verbal),
        new("Call-back within {0} minutes", "A named support engineer calls back within {0} minutes.",
            "Support", "Service", "Call-back time", TargetComparator.AtMost, [15, 30, 60], "min", PromiseSource.Verbal),
        new("Training for {0} key users", "{0} key users are trained before acceptance.",
            "Support", "Projects", "Key users trained", TargetComparator.AtLeast, [5, 10, 20], "people", PromiseSource.Offer),
        new("Quarterly service review", "We hold a service review with the customer every quarter.",
            "Other", "Service", "Service reviews per year", TargetComparator.AtLeast, [4], "reviews", PromiseSource.Contract),
    ];

    private static readonly string[] _withdrawalReasons =
        ["Customer chose a different offer.", "The project was cancelled by the customer.", "Replaced by a new contract."];

    private static readonly string[] _evidence =
        ["Service report confirms the target.", "Monthly KPI report.", "Acceptance protocol signed by the customer.", "Ticket statistics of the quarter."];

    private static readonly BreachCause[] _causes =
    [
        BreachCause.UnrealisticAtGate, BreachCause.UnrealisticAtGate, BreachCause.UnrealisticAtGate,
        BreachCause.LostAtHandover, BreachCause.LostAtHandover,
        BreachCause.ChangedByCustomer, BreachCause.ChangedByCustomer,
        BreachCause.Execution, BreachCause.Execution, BreachCause.Execution,
    ];

    private readonly Dictionary<(int Gate, int Category), GateChecklist> _checklists = [];
    private readonly Dictionary<(int Gate, int Category, bool AllMet), IReadOnlyDictionary<int, AnswerInput>> _answers = [];

    /// <summary>Creates and lives promise number <paramref name="index"/>; <paramref name="assignIds"/> gives new records their keys.</summary>
    public PromiseRecords Live(int index, string number, DateTime createdAt, Random random, Action<object> assignIds)
    {
        var now = options.Now;
        var template = _templates[random.Next(_templates.Length)];
        var promisingName = random.Next(100) switch { < 55 => "Sales", < 88 => "PreSales", _ => "Marketing" };
        var promising = world.Departments[promisingName];
        var owner = world.Pick(promisingName, random);
        var generalClaim = promisingName == "Marketing" && random.Next(100) < 60;
        var customer = generalClaim ? null : world.Customers[Skewed(random, world.Customers.Count)];
        var due = DateOnly.FromDateTime(createdAt).AddDays(random.Next(30, 400));
        var details = Details(template, random, customer?.Id, customer?.Name, due, index, createdAt.Year);
        var records = new PromiseRecords { Promise = Promise.Draft(number, details, promising, owner.Id, createdAt) };
        var promise = records.Promise;
        assignIds(promise);
        Created(records, owner, createdAt);

        var t = createdAt.AddHours(random.Next(1, 96));
        if (random.Next(100) < 5 || t > now)
        {
            // Never submitted: an idea that stayed a draft, some of them withdrawn later.
            if (random.Next(100) < 30 && t.AddDays(30) < now)
            {
                Act(records, owner, t.AddDays(30), () => promise.Withdraw(_withdrawalReasons[random.Next(_withdrawalReasons.Length)], t.AddDays(30)));
            }

            return records;
        }

        Act(records, owner, t, () => records.Revisions.Add(promise.Submit(t, owner.Id)));
        var revisedOnce = false;
        for (var round = 0; round < 4; round++)
        {
            t = FeasibilityGate(records, owner, t, random, assignIds);
            if (t > now || promise.Status is PromiseStatus.UnderReview or PromiseStatus.Rejected or PromiseStatus.Withdrawn)
            {
                return records;
            }

            if (promise.Status == PromiseStatus.Draft)
            {
                // Recycled: reworked and submitted again, or given up.
                t = t.AddDays(random.Next(2, 12));
                if (t > now || random.Next(100) < 15)
                {
                    return records;
                }

                Act(records, owner, t, () => records.Revisions.Add(promise.Submit(t, owner.Id)));
                continue;
            }

            // Approved. A few are withdrawn before the customer signs; most are committed.
            if (random.Next(100) < 4)
            {
                var at = t.AddDays(random.Next(1, 20));
                if (at < now)
                {
                    Act(records, owner, at, () =>
                    {
                        // As GateWorkflow.WithdrawAsync does: the conditions of a withdrawn promise are resolved with it.
                        promise.Withdraw(_withdrawalReasons[random.Next(_withdrawalReasons.Length)], at);
                        records.Reviews.ForEach(r => r.ResolveOpenConditions(owner.Id, promise.WithdrawalReason, at));
                    });
                }

                return records;
            }

            var committedAt = t.AddDays(random.Next(1, 15));
            if (committedAt > now)
            {
                return records;
            }

            Act(records, owner, committedAt, () => promise.Commit(DateOnly.FromDateTime(committedAt), (CommitChannel)random.Next(6)));
            var handover = GateReview.OpenHandover(promise, world.Handover, committedAt);
            assignIds(handover);
            records.Reviews.Add(handover);
            t = committedAt;

            // A moving target: the customer or the company changes the promise after commitment; G1 again.
            if (!revisedOnce && random.Next(100) < 14)
            {
                revisedOnce = true;
                var changedAt = t.AddDays(random.Next(2, 30));
                if (changedAt > now)
                {
                    return records;
                }

                var changed = details with { DueDate = details.DueDate.AddDays(random.Next(7, 60)) };
                var reason = (RevisionReason)random.Next(3);
                Act(records, owner, changedAt, () => records.Revisions.Add(promise.ChangeAfterSubmission(
                    changed, promising, reason, reason == RevisionReason.CustomerRequest ? "The customer asked for a later date." : "Capacity re-planned.", owner.Id, changedAt)));
                foreach (var review in records.Reviews)
                {
                    review.Supersede(changedAt);
                }

                details = changed;
                t = changedAt;
                continue;
            }

            break;
        }

        if (promise.Status != PromiseStatus.Committed)
        {
            return records;
        }

        t = HandoverGate(records, records.Reviews[^1], t, random);
        if (promise.Status != PromiseStatus.InDelivery)
        {
            return records;
        }

        // Along a chain, each link hands over to the next at its share of the way to the due date.
        var delivery = promise.DueDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - t;
        while (promise.NextLink is { } next)
        {
            var handedOnAt = t.AddTicks(delivery.Ticks / promise.Links.Count).AddHours(random.Next(0, 72));
            if (handedOnAt > now)
            {
                return records;
            }

            var handOn = GateReview.OpenHandover(promise, world.Handover, handedOnAt);
            assignIds(handOn);
            records.Reviews.Add(handOn);
            t = HandoverGate(records, handOn, handedOnAt, random);
            if (promise.CurrentLinkPosition != next.Position)
            {
                return records;
            }
        }

        var delivering = DepartmentName(promise.HoldingDepartmentId);
        var manager = world.Pick(delivering, random);
        var atRisk = random.Next(100) < 12;
        if (atRisk)
        {
            var raisedAt = t.AddDays(random.Next(5, 40));
            if (raisedAt < now && DateOnly.FromDateTime(raisedAt) < promise.DueDate)
            {
                Act(records, manager, raisedAt, () => promise.RaiseRisk(
                    "Two technicians on sick leave this month.", random.Next(100) < 70 ? "Contractor booked as back-up." : null, raisedAt));
            }
            else
            {
                atRisk = false;
            }
        }

        var outcomeAt = promise.DueDate.ToDateTime(TimeOnly.FromTimeSpan(TimeSpan.FromHours(9 + random.Next(8))), DateTimeKind.Utc).AddDays(random.Next(0, 15));
        if (outcomeAt > now)
        {
            return records;
        }

        var kept = random.Next(100) < (atRisk ? 55 : 88);
        var value = promise.Target.Value;
        // A broken promise broke at the holding link mostly, else at one before it.
        var brokenAt = kept ? (int?)null : promise.LinkAt(random.Next(100) < 70 ? promise.CurrentLinkPosition : 1 + random.Next(promise.CurrentLinkPosition)).DepartmentId;
        Act(records, manager, outcomeAt, () => promise.RecordOutcome(
            kept ? OutcomeKind.Kept : OutcomeKind.Broken, value, DateOnly.FromDateTime(outcomeAt), _evidence[random.Next(_evidence.Length)],
            kept ? null : _causes[random.Next(_causes.Length)], brokenAt));
        var closure = GateReview.OpenClosure(promise, world.Closure, outcomeAt);
        assignIds(closure);
        records.Reviews.Add(closure);
        var closedAt = outcomeAt.AddDays(random.Next(2, 25));
        if (closedAt < now)
        {
            var afterSales = world.Pick("AfterSales", random);
            Decide(closure, world.Closure, promise, afterSales, GateDecision.Go, null, null, [], closedAt, allMet: true);
        }

        AfterSales(records, delivering, outcomeAt, random, assignIds);
        return records;
    }

    /// <summary>
    /// Feedback on about 30 % of the broken promises (and praise on 3 % of the kept ones), triaged by AfterSales;
    /// half of the broken-promise feedback opens an improvement action, which goes through PDCA as time allows and
    /// ends with a lesson learned. That makes feedback on about 5 % of the promises and one action per three.
    /// </summary>
    private void AfterSales(PromiseRecords records, string delivering, DateTime outcomeAt, Random random, Action<object> assignIds)
    {
        var promise = records.Promise;
        var broken = promise.Status == PromiseStatus.Broken;
        var filedAt = outcomeAt.AddDays(random.Next(1, 20));
        if (random.Next(100) >= (broken ? 30 : 3) || filedAt > options.Now)
        {
            return;
        }

        var afterSales = world.Pick("AfterSales", random);
        var type = !broken ? FeedbackType.CustomerPraise : random.Next(2) == 0 ? FeedbackType.BrokenPromise : FeedbackType.CustomerComplaint;
        var severity = broken ? (FeedbackSeverity)random.Next(1, 4) : FeedbackSeverity.Low;
        var feedback = FeedbackItem.File(new FeedbackDetails(type, severity,
            broken ? $"{promise.Number} missed its target" : $"Customer thanks us for {promise.Number}",
            broken ? "The customer reported the miss at the quarterly review." : "The customer praised the team in the review meeting.",
            promise.Id, promise.CustomerId), afterSales.Id, filedAt);
        assignIds(feedback);
        records.Feedback.Add(feedback);
        var t = filedAt.AddDays(random.Next(1, 6));
        if (t > options.Now)
        {
            return;
        }

        feedback.Triage(severity, "Confirmed with the customer.", afterSales.Id, t);
        if (!broken || random.Next(100) >= 50)
        {
            t = t.AddDays(random.Next(1, 10));
            if (t < options.Now && random.Next(100) < 60)
            {
                feedback.Close(broken ? "Known cause; covered by an existing action." : "Passed on to the team.", t);
            }

            return;
        }

        t = t.AddDays(random.Next(1, 10));
        if (t > options.Now)
        {
            return;
        }

        var owner = world.Pick(delivering, random);
        var due = DateOnly.FromDateTime(t).AddDays(random.Next(30, 90));
        var action = ImprovementAction.Open(new ActionPlan(
            $"Prevent another {promise.BreachCause} breach", "The target was promised without checking the delivering team's load.", owner.Id,
            promise.DeliveringDepartmentId, due, "No breach of this kind in the following quarter", due.AddDays(90)), [feedback], afterSales.Id, t);
        assignIds(action);
        records.Actions.Add(action);
        foreach (var next in new[] { PdcaPhase.Do, PdcaPhase.Check, PdcaPhase.Act, PdcaPhase.Done })
        {
            t = t.AddDays(random.Next(5, 30));
            if (t > options.Now)
            {
                return;
            }

            if (next == PdcaPhase.Done)
            {
                var lesson = Lesson.Learn("Check the delivering team's load before promising dates in this category.", promise.CategoryId, promise.CustomerId, owner.Id, t);
                assignIds(lesson);
                records.Lessons.Add(lesson);
                action.RecordUpstreamChange(UpstreamChange.NewLesson(lesson.Id, owner.Id, t));
            }

            action.MoveTo(next, next == PdcaPhase.Act ? "Two breaches fewer than in the quarter before." : null, t);
        }

        feedback.CompleteImprovement(t);
    }

    /// <summary>
    /// G1 asks every link that has to answer; the links decide one after the other, and once one refuses or recycles the
    /// promise the others' reviews have nothing left to decide and their conditions are resolved (as
    /// <c>GateWorkflow.FeasibilityDecidedAsync</c> does).
    /// </summary>
    private DateTime FeasibilityGate(PromiseRecords records, Person owner, DateTime t, Random random, Action<object> assignIds)
    {
        var promise = records.Promise;
        var reviews = promise.LinksToAsk.Select(link => GateReview.OpenFeasibility(promise, world.Feasibility, t, link.Position)).ToList();
        var end = t;
        foreach (var review in reviews)
        {
            assignIds(review);
            records.Reviews.Add(review);
            if (promise.Status != PromiseStatus.UnderReview)
            {
                review.Supersede(end);
                continue;
            }

            var decidedAt = FeasibilityOfLink(records, review, owner, t, random, assignIds);
            end = decidedAt > end ? decidedAt : end;
        }

        if (promise.Status is PromiseStatus.Rejected or PromiseStatus.Draft && reviews.SelectMany(r => r.Decisions).LastOrDefault()?.DeciderId is { } decider)
        {
            reviews.ForEach(r => r.ResolveOpenConditions(decider, null, end));
        }

        return end;
    }

    /// <summary>One link's G1: an envelope passes it at once; otherwise its manager decides, sometimes after a Hold.</summary>
    private DateTime FeasibilityOfLink(PromiseRecords records, GateReview review, Person owner, DateTime t, Random random, Action<object> assignIds)
    {
        var promise = records.Promise;
        var envelope = world.Envelopes.FirstOrDefault(e => e.Covers(promise.CategoryId, review.DecidingDepartmentId, promise.Target));
        if (envelope is not null)
        {
            Act(records, owner, t, () => review.PassByEnvelope(promise, envelope.Id, envelope.Name.English, t));
            return t;
        }

        var manager = world.Pick(DepartmentName(review.DecidingDepartmentId), random);
        var decidedAt = t.AddHours(random.Next(4, 240));
        if (decidedAt > options.Now)
        {
            return decidedAt;
        }

        var roll = random.Next(100);
        if (roll < 6)
        {
            Decide(review, world.Feasibility, promise, manager, GateDecision.Hold, "Capacity planning for next quarter pending.",
                DateOnly.FromDateTime(decidedAt).AddDays(14), [], decidedAt, allMet: true);
            decidedAt = decidedAt.AddDays(random.Next(7, 21));
            if (decidedAt > options.Now)
            {
                return decidedAt;
            }

            roll = random.Next(6, 100);
        }

        switch (roll)
        {
            case < 66:
                Act(records, manager, decidedAt, () => Decide(review, world.Feasibility, promise, manager, GateDecision.Go, null, null, [], decidedAt, allMet: true));
                break;
            case < 80:
                var conditions = Enumerable.Range(0, 1 + random.Next(2))
                    .Select(i => new ConditionInput(i == 0 ? "Confirm spare-part stock with the supplier" : "Name a deputy for the project lead",
                        manager.Id, DateOnly.FromDateTime(decidedAt).AddDays(random.Next(10, 30))))
                    .ToList();
                Act(records, manager, decidedAt, () => Decide(review, world.Feasibility, promise, manager, GateDecision.ConditionalGo, null, null, conditions, decidedAt, allMet: true));
                foreach (var condition in review.Conditions)
                {
                    assignIds(condition);
                }

                break;
            case < 91:
                Act(records, manager, decidedAt, () => Decide(review, world.Feasibility, promise, manager, GateDecision.Recycle,
                    "The target needs a measurable unit the customer agrees to.", null, [], decidedAt, allMet: false));
                break;
            default:
                Act(records, manager, decidedAt, () => Decide(review, world.Feasibility, promise, manager, GateDecision.NoGo,
                    "No capacity for this customer's region before next year.", null, [], decidedAt, allMet: false));
                if (random.Next(100) < 25)
                {
                    // The owner reworks the refusal: a draft again, usually submitted anew.
                    var revisedAt = decidedAt.AddDays(random.Next(1, 10));
                    if (revisedAt < options.Now)
                    {
                        Act(records, owner, revisedAt, promise.Revise);
                    }
                }

                break;
        }

        return decidedAt;
    }

    /// <summary>
    /// A handover (G2, or along the chain): the receiving link's open G1 conditions are resolved first; about one handover
    /// in ten is returned and handed over again.
    /// </summary>
    private DateTime HandoverGate(PromiseRecords records, GateReview handover, DateTime t, Random random)
    {
        var promise = records.Promise;
        var manager = world.Pick(DepartmentName(handover.DecidingDepartmentId), random);
        var feasibility = records.Reviews.Where(r => r.Stage == GateStage.Feasibility && r.LinkPosition == handover.LinkPosition).ToList();
        foreach (var review in feasibility.Where(r => r.State == GateReviewState.Decided))
        {
            foreach (var condition in review.Conditions.Where(c => !c.IsResolved).ToList())
            {
                var resolvedAt = t.AddDays(random.Next(1, 10));
                if (resolvedAt < options.Now && random.Next(100) < 95)
                {
                    review.ResolveCondition(condition.Id, condition.OwnerId, "Done.", resolvedAt);
                    t = resolvedAt > t ? resolvedAt : t;
                }
            }
        }

        var conditionsOpen = feasibility.Any(r => r.HasOpenConditions);
        var decidedAt = t.AddHours(random.Next(4, 168));
        if (decidedAt > options.Now || conditionsOpen)
        {
            return decidedAt;
        }

        if (random.Next(100) < 10)
        {
            Decide(handover, world.Handover, promise, manager, GateDecision.Recycle, "The contract reference is missing.", null, [], decidedAt, allMet: false);
            decidedAt = decidedAt.AddDays(random.Next(2, 8));
            if (decidedAt > options.Now)
            {
                return decidedAt;
            }

            handover.HandOverAgain(decidedAt);
            decidedAt = decidedAt.AddHours(random.Next(4, 72));
            if (decidedAt > options.Now)
            {
                return decidedAt;
            }
        }

        Act(records, manager, decidedAt, () => Decide(handover, world.Handover, promise, manager, GateDecision.Go, null, null, [], decidedAt, allMet: true));
        return decidedAt;
    }

    private string DepartmentName(int id) => world.Departments.Values.Single(d => d.Id == id).Name.English;

    private void Decide(
        GateReview review, GateDefinition gate, Promise promise, Person decider, GateDecision decision, string? reason, DateOnly? reReview,
        IReadOnlyList<ConditionInput> conditions, DateTime at, bool allMet)
    {
        var key = (gate.Id, promise.CategoryId);
        if (!_checklists.TryGetValue(key, out var checklist))
        {
            _checklists[key] = checklist = new GateChecklist(gate.ChecklistFor(review.ChecklistVersion, promise.CategoryId));
        }

        if (!_answers.TryGetValue((gate.Id, promise.CategoryId, allMet), out var answers))
        {
            var firstMandatory = checklist.Checkpoints.FirstOrDefault(c => c.IsMandatory)?.Id;
            answers = checklist.Checkpoints.ToDictionary(
                c => c.Id, c => new AnswerInput(allMet || c.Id != firstMandatory ? CheckpointAnswer.Met : CheckpointAnswer.NotMet, null));
            _answers[(gate.Id, promise.CategoryId, allMet)] = answers;
        }

        review.Decide(promise, checklist, new ReviewDecisionInput(decision, decider.Id, decider.Department.Id, answers, reason, reReview, conditions), at);
    }

    private PromiseDetails Details(Template template, Random random, int? customerId, string? customerName, DateOnly due, int index, int year)
    {
        var value = template.Values.Length == 0 ? (decimal?)null : template.Values[random.Next(template.Values.Length)];
        var text = value?.ToString("0.####", CultureInfo.InvariantCulture) ?? "";
        var title = string.Format(CultureInfo.InvariantCulture, template.Title, text);
        if (customerName is not null)
        {
            title = $"{title} for {customerName}";
        }

        var target = new MeasurableTarget(template.Metric, template.Comparator, value, template.Unit,
            template.Comparator == TargetComparator.ByDate ? due : null);
        var reference = string.Create(CultureInfo.InvariantCulture, $"{template.Source.ToString()[..3].ToUpperInvariant()}-{year}-{index + 1}");
        var details = new PromiseDetails(
            title[..Math.Min(title.Length, Promise.TitleMaxLength)], string.Format(CultureInfo.InvariantCulture, template.Statement, text),
            world.Categories[template.Category].Id, customerId, world.Departments[template.Delivering].Id, template.Source, reference, target, due);
        if (template.Chain is not { } chain || random.Next(100) >= chain.Percent)
        {
            return details;
        }

        // Each further link receives the promise three weeks after the one before, the last three weeks before it is due.
        var further = chain.Further;
        return details with
        {
            DeliveringPart = chain.FirstPart,
            FurtherLinks = further.Select((link, i) => new LinkDetails(world.Departments[link.Department].Id, link.Part, due.AddDays(-21 * (further.Length - i)))).ToList(),
        };
    }

    // A few large customers hold many promises, as in real life.
    private static int Skewed(Random random, int count)
    {
        var u = random.NextDouble();
        return (int)(count * u * u);
    }

    private void Created(PromiseRecords records, Person owner, DateTime at)
    {
        if (options.Audit == AuditVolume.None)
        {
            return;
        }

        var promise = records.Promise;
        var id = promise.Id.ToString(CultureInfo.InvariantCulture);
        records.Audit.Add(new AuditEntry(at, owner.Actor, nameof(Promise), id, AuditAction.Created, nameof(Promise.Number), null, promise.Number, null));
        records.Audit.Add(new AuditEntry(at, owner.Actor, nameof(Promise), id, AuditAction.Created, nameof(Promise.Title), null, promise.Title, null));
        records.Audit.Add(new AuditEntry(at, owner.Actor, nameof(Promise), id, AuditAction.Created, nameof(Promise.Status), null, nameof(PromiseStatus.Draft), null));
    }

    /// <summary>Runs a verb and records the status change the way SaveChanges would (light audit: status and revision only).</summary>
    private void Act(PromiseRecords records, Person actor, DateTime at, Action verb)
    {
        var promise = records.Promise;
        var (status, revision, atRisk) = (promise.Status, promise.Revision, promise.AtRisk);
        verb();
        if (options.Audit == AuditVolume.None)
        {
            return;
        }

        var id = promise.Id.ToString(CultureInfo.InvariantCulture);
        if (promise.Status != status)
        {
            records.Audit.Add(new AuditEntry(at, actor.Actor, nameof(Promise), id, AuditAction.Changed, nameof(Promise.Status), status.ToString(), promise.Status.ToString(), null));
        }

        if (promise.Revision != revision)
        {
            records.Audit.Add(new AuditEntry(at, actor.Actor, nameof(Promise), id, AuditAction.Changed, nameof(Promise.Revision),
                revision.ToString(CultureInfo.InvariantCulture), promise.Revision.ToString(CultureInfo.InvariantCulture), null));
        }

        if (promise.AtRisk != atRisk)
        {
            records.Audit.Add(new AuditEntry(at, actor.Actor, nameof(Promise), id, AuditAction.Changed, nameof(Promise.AtRisk), "False", "True", null));
        }
    }
}
