using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using QualityGates.Domain;
using QualityGates.Domain.Customers;
using QualityGates.Domain.Departments;
using QualityGates.Domain.Feedback;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Improvement;
using QualityGates.Domain.Lessons;
using QualityGates.Domain.Promises;
using QualityGates.Web.Data.Auditing;
using QualityGates.Web.Gates;

namespace QualityGates.Web.Data.Seeding;

/// <summary>
/// Eighteen months of demo history (Demo:History, on in Development), so the dashboard has figures to show:
/// a few hundred promises that lived through the domain's verbs at the times they happened — submitted,
/// decided at G1 (by envelope or a manager: Go, Conditional Go, Hold, Recycle, No-Go), committed, handed
/// over, delivered and judged, some revised after commitment (moving target), some withdrawn or at risk —
/// with the feedback and improvement actions AfterSales drew from the broken ones. Each step is saved on a
/// context of its own whose clock stands at the step's time and whose audit actor is the user who took it,
/// so the audit trail, the summaries and the dashboard agree. Deterministic: a seeded random, dates relative
/// to "now". Sales speaks German to German customers, PreSales mostly English to international ones.
/// </summary>
public sealed class DemoHistory(IServiceProvider services, ILogger<DemoHistory> logger)
{
    public const int Months = 18;
    public const int PromiseCount = 380;

    private sealed record Text(string Title, string Statement);

    private sealed record Template(
        string Category, string Delivering, LocalizedText Metric, TargetComparator Comparator, decimal[] Values, string? Unit, PromiseSource Source,
        Text English, Text German, (string English, string German)[]? Objects = null);

    // The units that are words, in German; "h", "%" and "min" read the same in both languages.
    private static readonly Dictionary<string, string> _germanUnits = new()
    {
        ["weeks"] = "Wochen", ["records"] = "Datensätze", ["people"] = "Personen", ["reviews"] = "Reviews", ["h/day"] = "h/Tag",
    };

    // {0}: the target value in the language's format; {1}: what is delivered. Values inside an active envelope pass G1 at once.
    private static readonly Template[] _templates =
    [
        new("Response time", "Service", new("First response", "Erstreaktion"), TargetComparator.AtMost, [2, 4, 4, 6, 8], "h", PromiseSource.Contract,
            new("First response within {0} hours", "We respond to every service request within {0} hours during business hours."),
            new("Erstreaktion innerhalb von {0} Stunden", "Wir reagieren auf jede Serviceanfrage innerhalb von {0} Stunden während der Geschäftszeiten.")),
        new("Response time", "Service", new("Time to on-site", "Zeit bis vor Ort"), TargetComparator.AtMost, [24, 36, 48, 48, 72], "h", PromiseSource.Offer,
            new("On-site within {0} hours", "A technician is on site within {0} hours of the call."),
            new("Techniker vor Ort innerhalb von {0} Stunden", "Ein Techniker ist innerhalb von {0} Stunden nach dem Anruf vor Ort.")),
        new("Resolution time", "Service", new("Resolution of critical faults", "Behebung kritischer Störungen"), TargetComparator.AtMost, [4, 8, 12, 24], "h", PromiseSource.Contract,
            new("Critical faults resolved within {0} hours", "Critical faults are resolved within {0} hours."),
            new("Kritische Störungen innerhalb von {0} Stunden behoben", "Kritische Störungen werden innerhalb von {0} Stunden behoben.")),
        new("Availability", "Service", new("Monthly availability", "Monatliche Verfügbarkeit"), TargetComparator.AtLeast, [99, 99.5m, 99.5m, 99.9m], "%", PromiseSource.Contract,
            new("Portal availability {0} %", "The customer portal is available at least {0} % of each month."),
            new("Portalverfügbarkeit {0} %", "Das Kundenportal ist in jedem Monat zu mindestens {0} % verfügbar.")),
        new("Delivery date", "Production", new("Delivery and installation", "Lieferung und Montage"), TargetComparator.ByDate, [], null, PromiseSource.Offer,
            new("{1} delivered and installed by the agreed date", "The {1} is delivered and installed by the agreed date."),
            new("{1} zum vereinbarten Termin geliefert und montiert", "Die {1} wird zum vereinbarten Termin geliefert und montiert."),
            [("Packaging line", "Verpackungslinie"), ("Press line", "Pressenstraße"), ("Test bench", "Prüfanlage"), ("Assembly cell", "Montagezelle")]),
        new("Delivery date", "Production", new("Lead time", "Lieferzeit"), TargetComparator.AtMost, [4, 6, 6, 8], "weeks", PromiseSource.Offer,
            new("Spare assemblies within {0} weeks", "Spare assemblies ship within {0} weeks of the order."),
            new("Ersatzbaugruppen binnen {0} Wochen", "Ersatzbaugruppen werden innerhalb von {0} Wochen nach Bestellung versandt.")),
        new("Product quality", "Production", new("Parts rejected at inspection", "Beanstandete Teile bei Eingangsprüfung"), TargetComparator.AtMost, [0.1m, 0.5m, 1], "%", PromiseSource.Contract,
            new("Defect rate below {0} %", "Fewer than {0} % of the delivered parts are rejected at incoming inspection."),
            new("Fehlerquote unter {0} %", "Weniger als {0} % der gelieferten Teile werden bei der Wareneingangsprüfung beanstandet.")),
        new("Feature", "Projects", new("Go-live", "Produktivstart"), TargetComparator.ByDate, [], null, PromiseSource.Contract,
            new("Go-live of the {1} interface", "The {1} interface goes live by the agreed date."),
            new("Go-live der {1}-Schnittstelle", "Die {1}-Schnittstelle geht zum vereinbarten Termin produktiv."),
            [("MES", "MES"), ("ERP", "ERP"), ("SCADA", "SCADA"), ("EDI", "EDI")]),
        new("Feature", "Projects", new("Records lost in migration", "Bei der Migration verlorene Datensätze"), TargetComparator.Exactly, [0], "records", PromiseSource.Verbal,
            new("Data migration without loss", "All historic orders are migrated; no record is lost."),
            new("Datenmigration ohne Verlust", "Alle historischen Aufträge werden übernommen; kein Datensatz geht verloren.")),
        new("Support", "Service", new("Call-back time", "Rückrufzeit"), TargetComparator.AtMost, [15, 30, 60], "min", PromiseSource.Verbal,
            new("Call-back within {0} minutes", "A named support engineer calls back within {0} minutes."),
            new("Rückruf innerhalb von {0} Minuten", "Ein fester Ansprechpartner im Support ruft innerhalb von {0} Minuten zurück.")),
        new("Support", "Projects", new("Key users trained", "Geschulte Key User"), TargetComparator.AtLeast, [5, 10, 20], "people", PromiseSource.Offer,
            new("Training for {0} key users", "{0} key users are trained before acceptance."),
            new("Schulung für {0} Key User", "{0} Key User werden vor der Abnahme geschult.")),
        new("Other", "Service", new("Service reviews per year", "Service-Reviews pro Jahr"), TargetComparator.AtLeast, [4], "reviews", PromiseSource.Contract,
            new("Quarterly service review", "We hold a service review with the customer every quarter."),
            new("Quartalsweises Service-Review", "Wir führen jedes Quartal ein Service-Review mit dem Kunden durch.")),
    ];

    // Marketing's general claims: no customer, from the brochure.
    private static readonly Template[] _claims =
    [
        new("Support", "Service", new("Hotline staffed", "Hotline besetzt"), TargetComparator.AtLeast, [24], "h/day", PromiseSource.Brochure,
            new("Hotline staffed around the clock", "Our hotline is staffed {0} hours a day, every day of the year."),
            new("Hotline rund um die Uhr besetzt", "Unsere Hotline ist {0} Stunden am Tag besetzt, an jedem Tag des Jahres.")),
        new("Delivery date", "Production", new("Shipping time", "Versandzeit"), TargetComparator.AtMost, [24, 48], "h", PromiseSource.Brochure,
            new("Standard spare parts shipped within {0} hours", "Standard spare parts ship within {0} hours."),
            new("Standard-Ersatzteile in {0} Stunden versandt", "Standard-Ersatzteile werden innerhalb von {0} Stunden versandt.")),
        new("Availability", "Service", new("Yearly availability", "Jährliche Verfügbarkeit"), TargetComparator.AtLeast, [99.5m, 99.9m], "%", PromiseSource.Brochure,
            new("Cloud services available {0} %", "Our cloud services are available {0} % of the time."),
            new("Cloud-Dienste zu {0} % verfügbar", "Unsere Cloud-Dienste sind zu {0} % der Zeit verfügbar.")),
    ];

    private static readonly string[] _internationalCustomers =
    [
        "Northbridge Foods Ltd", "Atlantic Freight Inc.", "Nordic Paper AB", "Lyon Aéro SAS",
        "Danube Steel s.r.o.", "Iberia Solar S.A.", "Maple Health Systems Inc.", "Rotterdam Port Services B.V.",
    ];

    private static readonly BreachCause[] _causes =
    [
        BreachCause.UnrealisticAtGate, BreachCause.UnrealisticAtGate, BreachCause.UnrealisticAtGate,
        BreachCause.LostAtHandover, BreachCause.LostAtHandover,
        BreachCause.ChangedByCustomer, BreachCause.ChangedByCustomer,
        BreachCause.Execution, BreachCause.Execution, BreachCause.Execution,
    ];

    private static readonly string[] _withdrawalReasons =
        ["Customer chose a different offer.", "The project was cancelled by the customer.", "Replaced by a new contract."];

    private static readonly string[] _evidence =
        ["Service report confirms the target.", "Monthly KPI report.", "Acceptance protocol signed by the customer.", "Ticket statistics of the quarter."];

    /// <summary>Lives the history on the demo's users and customers; the demo's current promises follow it.</summary>
    public async Task SeedAsync(
        QualityGatesDbContext db, IReadOnlyDictionary<string, (AppUser User, string Role)> users, IReadOnlyList<Customer> germanCustomers,
        DateTime now, CancellationToken ct = default)
    {
        DemoHistoryLog.Seeding(logger, PromiseCount, Months);
        var started = Stopwatch.GetTimestamp();
        var clock = new SteppedClock(now);
        var audit = new AuditContext(new HttpContextAccessor(), clock);
        await using var history = (QualityGatesDbContext)ActivatorUtilities.CreateInstance(services, db.GetType(), audit);
        var start = now.AddMonths(-Months);

        var international = _internationalCustomers
            .Select((n, i) => new Customer(n, string.Create(CultureInfo.InvariantCulture, $"C-{20001 + i}"), start.AddDays(-30))).ToList();
        history.Customers.AddRange(international);
        await history.SaveChangesAsync(ct);

        var life = new Life(history, clock, audit, users, germanCustomers, international, now, new Random(1813), ct);
        await life.LoadAsync();
        var random = new Random(2026);
        var created = Enumerable.Range(0, PromiseCount)
            .Select(_ => start.AddMinutes(random.Next((int)(now.AddDays(-7) - start).TotalMinutes)))
            .Order().ToList();

        await history.Database.ExecuteOnceAsync(async () =>
        {
            await using var transaction = await history.Database.BeginTransactionAsync(ct);
            for (var i = 0; i < created.Count; i++)
            {
                await life.LiveAsync(i, created[i]);
                history.ChangeTracker.Clear();
            }

            await transaction.CommitAsync(ct);
            return true;
        });

        var elapsedMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        DemoHistoryLog.Seeded(logger, created.Count, Months, elapsedMs);
    }

    /// <summary>The clock of the history's context: it stands at each step's time while the step is taken and saved.</summary>
    private sealed class SteppedClock(DateTime now) : TimeProvider
    {
        public DateTime Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => new(DateTime.SpecifyKind(Now, DateTimeKind.Utc));
    }

    private sealed class Life(
        QualityGatesDbContext db, SteppedClock clock, AuditContext audit, IReadOnlyDictionary<string, (AppUser User, string Role)> users,
        IReadOnlyList<Customer> germanCustomers, IReadOnlyList<Customer> internationalCustomers, DateTime now, Random random, CancellationToken ct)
    {
        private readonly GateWorkflow _gates = new(db, clock);
        private readonly PromiseNumberAllocator _numbers = new(db, clock);
        private Dictionary<string, Department> _departments = [];
        private Dictionary<string, int> _categories = [];
        private Dictionary<int, GateDefinition> _gateDefinitions = [];

        private AppUser AfterSales => users["AfterSales"].User;

        public async Task LoadAsync()
        {
            _departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Name.English, ct);
            _categories = await db.PromiseCategories.AsNoTracking().ToDictionaryAsync(c => c.Name.English, c => c.Id, ct);
            _gateDefinitions = await db.GateDefinitions.AsNoTracking().Include(g => g.Checkpoints).ToDictionaryAsync(g => g.Id, ct);
        }

        /// <summary>One promise from its draft to where "now" finds it; a step whose time lies after now does not happen.</summary>
        public async Task LiveAsync(int index, DateTime createdAt)
        {
            var promisingName = random.Next(100) switch { < 55 => "Sales", < 88 => "PreSales", _ => "Marketing" };
            var (template, customer, german) = promisingName switch
            {
                "Marketing" => (_claims[random.Next(_claims.Length)], (Customer?)null, random.Next(2) == 0),
                "PreSales" when random.Next(100) < 70 => (_templates[random.Next(_templates.Length)], internationalCustomers[Skewed(internationalCustomers.Count)], false),
                _ => (_templates[random.Next(_templates.Length)], germanCustomers[Skewed(germanCustomers.Count)], true),
            };
            var owner = users[promisingName].User;
            var manager = users[template.Delivering].User;
            var promising = _departments[promisingName];
            var valueIndex = template.Values.Length == 0 ? -1 : random.Next(template.Values.Length);
            var objectIndex = template.Objects is null ? -1 : random.Next(template.Objects.Length);
            var due = DateOnly.FromDateTime(createdAt).AddDays(random.Next(30, 180));
            var details = Details(template, customer, german, template.Values.ElementAtOrDefault(valueIndex), objectIndex, due, index, createdAt.Year);

            Promise promise = null!;
            await StepAsync(createdAt, owner, async () =>
            {
                promise = Promise.Draft(await _numbers.NextAsync(ct), details, promising, owner.Id, createdAt);
                db.Promises.Add(promise);
            });

            var t = createdAt.AddHours(random.Next(1, 72));
            if (random.Next(100) < 4 || t > now)
            {
                // An idea that stayed a draft; the old ones withdrawn.
                if (t.AddDays(30) < now)
                {
                    await StepAsync(t.AddDays(30), owner, () => _gates.WithdrawAsync(promise, Pick(_withdrawalReasons), owner.Id, ct));
                }

                return;
            }

            var review = (await StepAsync(t, owner, () => _gates.SubmitAsync(promise, owner.Id, ct))).Single();
            var revised = false;
            for (var round = 0; round < 4; round++)
            {
                if (!review.IsClosed)
                {
                    t = await FeasibilityAsync(promise, review, manager, t);
                }

                if (t > now || promise.Status is PromiseStatus.UnderReview or PromiseStatus.Withdrawn)
                {
                    return;
                }

                if (promise.Status is PromiseStatus.Rejected or PromiseStatus.Draft)
                {
                    // Refused or sent back: reworked and submitted again, or given up and withdrawn.
                    var reworkAt = t.AddDays(random.Next(2, 12));
                    if (reworkAt > now)
                    {
                        return;
                    }

                    if (random.Next(100) < (promise.Status == PromiseStatus.Rejected ? 70 : 15))
                    {
                        await StepAsync(reworkAt, owner, () => _gates.WithdrawAsync(promise, Pick(_withdrawalReasons), owner.Id, ct));
                        return;
                    }

                    if (promise.Status == PromiseStatus.Rejected)
                    {
                        await StepAsync(reworkAt, owner, promise.Revise);
                    }

                    t = reworkAt.AddHours(random.Next(2, 48));
                    if (t > now)
                    {
                        return;
                    }

                    review = (await StepAsync(t, owner, () => _gates.SubmitAsync(promise, owner.Id, ct))).Single();
                    continue;
                }

                // Approved: a few are withdrawn before the customer signs, most are committed.
                if (random.Next(100) < 4)
                {
                    var withdrawnAt = t.AddDays(random.Next(1, 20));
                    if (withdrawnAt < now)
                    {
                        await StepAsync(withdrawnAt, owner, () => _gates.WithdrawAsync(promise, Pick(_withdrawalReasons), owner.Id, ct));
                    }

                    return;
                }

                var committedAt = t.AddDays(random.Next(1, 15));
                if (committedAt > now)
                {
                    return;
                }

                await StepAsync(committedAt, owner, () => _gates.CommitAsync(promise, DateOnly.FromDateTime(committedAt), (CommitChannel)random.Next(4), ct));
                t = committedAt;

                // The moving target: the customer (or the company) changes the promise after commitment, and G1 runs again.
                if (!revised && random.Next(100) < 16)
                {
                    revised = true;
                    var changedAt = t.AddDays(random.Next(2, 30));
                    if (changedAt > now)
                    {
                        return;
                    }

                    if (valueIndex >= 0 && random.Next(100) < 40)
                    {
                        valueIndex = Math.Min(valueIndex + 1, template.Values.Length - 1);
                    }

                    due = due.AddDays(random.Next(7, 60));
                    details = Details(template, customer, german, template.Values.ElementAtOrDefault(valueIndex), objectIndex, due, index, createdAt.Year);
                    var reason = random.Next(100) < 60 ? RevisionReason.CustomerRequest : RevisionReason.Internal;
                    var changed = details;
                    review = (await StepAsync(changedAt, owner, () => _gates.ReviseAsync(promise, changed, promising, reason,
                        reason == RevisionReason.CustomerRequest ? "The customer asked for a later date." : "Capacity re-planned.", owner.Id, ct))).Single();
                    t = changedAt;
                    continue;
                }

                break;
            }

            if (promise.Status != PromiseStatus.Committed)
            {
                return;
            }

            t = await HandoverAsync(promise, owner, manager, t);
            if (promise.Status != PromiseStatus.InDelivery)
            {
                return;
            }

            await DeliverAsync(promise, manager, t);
        }

        /// <summary>G1 by the delivering manager, sometimes after a Hold. Returns when the last step happened (or would have).</summary>
        private async Task<DateTime> FeasibilityAsync(Promise promise, GateReview review, AppUser manager, DateTime t)
        {
            var decidedAt = t.AddHours(random.Next(4, 240));
            if (decidedAt > now)
            {
                return decidedAt;
            }

            var roll = random.Next(100);
            if (roll < 6)
            {
                var heldAt = decidedAt;
                await StepAsync(heldAt, manager, () => Decide(review, promise, manager, GateDecision.Hold, "Capacity planning for next quarter pending.",
                    DateOnly.FromDateTime(heldAt).AddDays(14), [], heldAt, allMet: true));
                decidedAt = decidedAt.AddDays(random.Next(7, 21));
                if (decidedAt > now)
                {
                    return decidedAt;
                }

                roll = random.Next(6, 100);
            }

            var at = decidedAt;
            await StepAsync(at, manager, () =>
            {
                switch (roll)
                {
                    case < 64:
                        Decide(review, promise, manager, GateDecision.Go, null, null, [], at, allMet: true);
                        break;
                    case < 80:
                        var conditions = Enumerable.Range(0, 1 + random.Next(2))
                            .Select(i => new ConditionInput(i == 0 ? "Confirm spare-part stock with the supplier" : "Name a deputy for the project lead",
                                manager.Id, DateOnly.FromDateTime(at).AddDays(random.Next(10, 30))))
                            .ToList();
                        Decide(review, promise, manager, GateDecision.ConditionalGo, null, null, conditions, at, allMet: true);
                        break;
                    case < 91:
                        Decide(review, promise, manager, GateDecision.Recycle, "The target needs a measurable unit the customer agrees to.", null, [], at, allMet: false);
                        break;
                    default:
                        Decide(review, promise, manager, GateDecision.NoGo, "No capacity for this customer's region before next year.", null, [], at, allMet: false);
                        break;
                }
            });
            return decidedAt;
        }

        /// <summary>G2: the G1 conditions are resolved first; about one handover in ten is returned and handed over again.</summary>
        private async Task<DateTime> HandoverAsync(Promise promise, AppUser owner, AppUser manager, DateTime t)
        {
            var reviews = await db.GateReviews.Include(r => r.Conditions).Where(r => r.PromiseId == promise.Id).ToListAsync(ct);
            var handover = reviews.Single(r => r.Stage == GateStage.Handover && !r.IsClosed);
            foreach (var review in reviews.Where(r => r.Stage == GateStage.Feasibility))
            {
                foreach (var condition in review.Conditions.Where(c => !c.IsResolved).ToList())
                {
                    t = t.AddDays(random.Next(1, 10));
                    if (t > now || random.Next(100) < 3)
                    {
                        // Still open today: late conditions block the handover and show as overdue.
                        return t;
                    }

                    var resolvedAt = t;
                    await StepAsync(resolvedAt, manager, () => review.ResolveCondition(condition.Id, condition.OwnerId, "Confirmed in writing.", resolvedAt));
                }
            }

            t = t.AddHours(random.Next(4, 168));
            if (t > now)
            {
                return t;
            }

            if (random.Next(100) < 10)
            {
                var returnedAt = t;
                await StepAsync(returnedAt, manager, () => Decide(handover, promise, manager, GateDecision.Recycle, "The contract reference is missing.", null, [], returnedAt, allMet: false));
                t = t.AddDays(random.Next(2, 8));
                if (t > now)
                {
                    return t;
                }

                var againAt = t;
                await StepAsync(againAt, owner, () => handover.HandOverAgain(againAt));
                t = t.AddHours(random.Next(4, 72));
                if (t > now)
                {
                    return t;
                }
            }

            var acceptedAt = t;
            await StepAsync(acceptedAt, manager, () => Decide(handover, promise, manager, GateDecision.Go, null, null, [], acceptedAt, allMet: true));
            return t;
        }

        /// <summary>In delivery: some at risk; the outcome recorded once due (about 87 % kept), closed at G3, and AfterSales' loop.</summary>
        private async Task DeliverAsync(Promise promise, AppUser manager, DateTime t)
        {
            var atRisk = false;
            if (random.Next(100) < 14)
            {
                var raisedAt = t.AddDays(random.Next(5, 40));
                if (raisedAt < now && DateOnly.FromDateTime(raisedAt) < promise.DueDate)
                {
                    atRisk = true;
                    var measure = random.Next(100) < 70 ? "Contractor booked as back-up." : null;
                    await StepAsync(raisedAt, manager, () => promise.RaiseRisk("Two technicians on sick leave this month.", measure, raisedAt));
                }
            }

            var outcomeAt = promise.DueDate.ToDateTime(new TimeOnly(9 + random.Next(8), random.Next(60)), DateTimeKind.Utc).AddDays(random.Next(0, 15));
            if (outcomeAt < t)
            {
                outcomeAt = t.AddHours(random.Next(2, 48));
            }

            if (outcomeAt > now)
            {
                return;
            }

            var kept = random.Next(100) < (atRisk ? 55 : 87);
            var recordedOn = DateOnly.FromDateTime(outcomeAt);
            var date = kept ? Earlier(promise.DueDate.AddDays(-random.Next(0, 6)), recordedOn) : recordedOn;
            var cause = kept ? (BreachCause?)null : _causes[random.Next(_causes.Length)];
            var actual = kept ? promise.Target.Value : Worse(promise.Target);
            await StepAsync(outcomeAt, manager, () => _gates.RecordOutcomeAsync(
                promise, kept ? OutcomeKind.Kept : OutcomeKind.Broken, actual, date, Pick(_evidence), cause, ct: ct));

            var closedAt = outcomeAt.AddDays(random.Next(2, 25));
            if (closedAt < now)
            {
                var closure = await db.GateReviews.SingleAsync(r => r.PromiseId == promise.Id && r.Stage == GateStage.Closure, ct);
                await StepAsync(closedAt, AfterSales, () => Decide(closure, promise, AfterSales, GateDecision.Go, null, null, [], closedAt, allMet: true));
            }

            await ImproveAsync(promise, manager, outcomeAt);
        }

        /// <summary>
        /// Feedback on most broken promises (and praise on a few kept ones), triaged by AfterSales; half of the
        /// broken-promise feedback opens an improvement action, which goes through PDCA as time allows and ends
        /// with a lesson learned.
        /// </summary>
        private async Task ImproveAsync(Promise promise, AppUser manager, DateTime outcomeAt)
        {
            var broken = promise.Status == PromiseStatus.Broken;
            var t = outcomeAt.AddDays(random.Next(1, 20));
            if (random.Next(100) >= (broken ? 60 : 4) || t > now)
            {
                return;
            }

            var type = !broken ? FeedbackType.CustomerPraise : random.Next(100) < 70 ? FeedbackType.BrokenPromise : FeedbackType.CustomerComplaint;
            var severity = broken ? (FeedbackSeverity)random.Next(1, 4) : FeedbackSeverity.Low;
            var feedback = FeedbackItem.File(new FeedbackDetails(type, severity,
                broken ? $"{promise.Number} missed its target" : $"Customer thanks us for {promise.Number}",
                broken ? "The customer reported the miss at the quarterly review." : "The customer praised the team in the review meeting.",
                promise.Id, promise.CustomerId), AfterSales.Id, t);
            await StepAsync(t, AfterSales, () => db.Feedback.Add(feedback));

            t = t.AddDays(random.Next(1, 6));
            if (t > now)
            {
                return;
            }

            var triagedAt = t;
            await StepAsync(triagedAt, AfterSales, () => feedback.Triage(severity, "Confirmed with the customer.", AfterSales.Id, triagedAt));
            t = t.AddDays(random.Next(1, 10));
            if (t > now)
            {
                return;
            }

            if (!broken || random.Next(100) >= 55)
            {
                var closedAt = t;
                await StepAsync(closedAt, AfterSales, () => feedback.Close(broken ? "Known cause; covered by an existing action." : "Passed on to the team.", closedAt));
                return;
            }

            var due = DateOnly.FromDateTime(t).AddDays(random.Next(30, 90));
            var action = ImprovementAction.Open(new ActionPlan(
                $"Prevent another broken promise like {promise.Number}", "The target was promised without checking the delivering team's load.", manager.Id,
                promise.DeliveringDepartmentId, due, "No breach of this kind in the following quarter", due.AddDays(90)), [feedback], AfterSales.Id, t);
            await StepAsync(t, AfterSales, () => db.ImprovementActions.Add(action));
            foreach (var next in new[] { PdcaPhase.Do, PdcaPhase.Check, PdcaPhase.Act, PdcaPhase.Done })
            {
                t = t.AddDays(random.Next(5, 30));
                if (t > now)
                {
                    return;
                }

                var at = t;
                if (next == PdcaPhase.Done)
                {
                    var lesson = Lesson.Learn("Check the delivering team's load before promising dates in this category.", promise.CategoryId, promise.CustomerId, manager.Id, at);
                    await StepAsync(at, manager, () => db.Lessons.Add(lesson));
                    await StepAsync(at, manager, () => action.RecordUpstreamChange(UpstreamChange.NewLesson(lesson.Id, manager.Id, at)));
                }

                await StepAsync(at, manager, () => action.MoveTo(next, next == PdcaPhase.Act ? "Two breaches fewer than in the quarter before." : null, at));
            }

            await StepAsync(t, AfterSales, () => feedback.CompleteImprovement(t));
        }

        private void Decide(
            GateReview review, Promise promise, AppUser decider, GateDecision decision, string? reason, DateOnly? reReview,
            IReadOnlyList<ConditionInput> conditions, DateTime at, bool allMet)
        {
            var checklist = GateChecklist.Of(_gateDefinitions[review.GateDefinitionId], review, promise);
            var firstMandatory = checklist.Checkpoints.FirstOrDefault(c => c.IsMandatory)?.Id;
            var answers = checklist.Checkpoints.ToDictionary(
                c => c.Id, c => new AnswerInput(allMet || c.Id != firstMandatory ? CheckpointAnswer.Met : CheckpointAnswer.NotMet, null));
            review.Decide(promise, checklist, new ReviewDecisionInput(decision, decider.Id, decider.DepartmentId, answers, reason, reReview, conditions), at);
        }

        // One step of one user at one time, saved at once: the audit trail and the summaries see it as it happened.
        private async Task StepAsync(DateTime at, AppUser user, Action step) => await StepAsync(at, user, () =>
        {
            step();
            return Task.FromResult(true);
        });

        private async Task StepAsync(DateTime at, AppUser user, Func<Task> step) => await StepAsync(at, user, async () =>
        {
            await step();
            return true;
        });

        private async Task<T> StepAsync<T>(DateTime at, AppUser user, Func<Task<T>> step)
        {
            clock.Now = at;
            var (_, role) = users.Values.Single(u => u.User.Id == user.Id);
            audit.ActAs(new AuditActor(user.Id, user.DisplayName, role, _departments.Values.Single(d => d.Id == user.DepartmentId).Name.English));
            var result = await step();
            await db.SaveChangesAsync(ct);
            return result;
        }

        private PromiseDetails Details(
            Template template, Customer? customer, bool german, decimal value, int objectIndex, DateOnly due, int index, int year)
        {
            var culture = CultureInfo.GetCultureInfo(german ? "de-DE" : "en-GB");
            var text = german ? template.German : template.English;
            var thing = objectIndex < 0 ? "" : german ? template.Objects![objectIndex].German : template.Objects![objectIndex].English;
            var hasValue = template.Values.Length > 0;
            var shown = hasValue ? value.ToString("0.####", culture) : "";
            var title = string.Format(culture, text.Title, shown, thing);
            if (customer is not null)
            {
                title = $"{title} {(german ? "für" : "for")} {customer.Name}";
            }

            var unit = german && template.Unit is { } english && _germanUnits.TryGetValue(english, out var word) ? word : template.Unit;
            var target = new MeasurableTarget(
                template.Metric.In(german ? LocalizedText.GermanLanguage : LocalizedText.EnglishLanguage), template.Comparator, hasValue ? value : null, unit,
                template.Comparator == TargetComparator.ByDate ? due : null);
            var reference = template.Source == PromiseSource.Brochure
                ? string.Create(CultureInfo.InvariantCulture, $"{(german ? "Broschüre" : "Brochure")} {year}")
                : string.Create(CultureInfo.InvariantCulture, $"{template.Source.ToString()[..3].ToUpperInvariant()}-{year}-{index + 1:D4}");
            return new PromiseDetails(
                title[..Math.Min(title.Length, Promise.TitleMaxLength)], string.Format(culture, text.Statement, shown, thing),
                _categories[template.Category], customer?.Id, _departments[template.Delivering].Id, template.Source, reference, target, due);
        }

        // A missed target: worse than promised in the target's direction.
        private static decimal? Worse(MeasurableTarget target) => (target.Comparator, target.Value) switch
        {
            (_, null) => null,
            (TargetComparator.AtMost, { } v) => v == 0 ? 1 : Math.Round(v * 1.5m, 2),
            (TargetComparator.AtLeast, { } v) when target.Unit == "%" => v - 0.4m,
            (TargetComparator.AtLeast, { } v) => Math.Floor(v * 0.75m),
            (_, { } v) => v + 3,
        };

        private static DateOnly Earlier(DateOnly a, DateOnly b) => a < b ? a : b;

        private string Pick(string[] texts) => texts[random.Next(texts.Length)];

        // A few large customers hold many promises, as in real life.
        private int Skewed(int count)
        {
            var u = random.NextDouble();
            return (int)(count * u * u);
        }
    }
}

internal static partial class DemoHistoryLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Demo history: living {Promises} promises through {Months} months, once, on the first start (about 20 s)")]
    public static partial void Seeding(ILogger logger, int promises, int months);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo history: {Promises} promises over {Months} months seeded in {ElapsedMs} ms")]
    public static partial void Seeded(ILogger logger, int promises, int months, long elapsedMs);
}
