using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using QualityGates.Domain;
using QualityGates.Domain.Customers;
using QualityGates.Domain.Departments;
using QualityGates.Domain.Envelopes;
using QualityGates.Domain.Feedback;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Improvement;
using QualityGates.Domain.Lessons;
using QualityGates.Domain.Promises;
using QualityGates.Web.Authorization;
using QualityGates.Web.Gates;

namespace QualityGates.Web.Data.Seeding;

/// <summary>
/// Demo users (README) and a believable register, on when Demo:Seed is true (Development). Runs once:
/// an installation that already has users is left alone. With <see cref="DemoHistory"/> (Demo:History) the
/// register first gets eighteen months of past promises, so that the dashboard has figures.
/// </summary>
public static class DemoData
{
    public const string Password = "demo-password-2026";

    public static IReadOnlyList<(string Email, string DisplayName, string Role, string Department)> Users { get; } =
    [
        ("admin@demo.local", "Anna Admin", Roles.Administrator, "Management"),
        ("exec@demo.local", "Erik Executive", Roles.Executive, "Management"),
        ("sales@demo.local", "Sara Sales", Roles.SalesRep, "Sales"),
        ("presales@demo.local", "Paul PreSales", Roles.SalesRep, "PreSales"),
        ("marketing@demo.local", "Mia Marketing", Roles.SalesRep, "Marketing"),
        ("service.manager@demo.local", "Stefan Service", Roles.ServiceManager, "Service"),
        ("projects.manager@demo.local", "Petra Projects", Roles.ServiceManager, "Projects"),
        ("production.manager@demo.local", "Peter Production", Roles.ServiceManager, "Production"),
        ("aftersales@demo.local", "Alex AfterSales", Roles.AfterSales, "AfterSales"),
    ];

    private static readonly string[] _customerNames =
    [
        "Müller Maschinenbau GmbH", "Nordwind Logistik AG", "Stadtwerke Bergheim", "Klinikum am Park",
        "Alpen Pharma GmbH", "Rheintal Automotive SE", "Hansa Retail KG", "Baumann Bau GmbH & Co. KG",
        "TechnoSoft Solutions GmbH", "Elbe Energie AG",
    ];

    private sealed record Template(
        string Title, string Statement, string Category, string Delivering, string Metric,
        TargetComparator Comparator, decimal? Value, string? Unit, PromiseSource Source);

    private static readonly Template[] _templates =
    [
        new("First response within 4 hours", "We respond to every service request within four hours during business hours.",
            "Response time", "Service", "First response", TargetComparator.AtMost, 4, "h", PromiseSource.Contract),
        new("On-site within 48 hours", "A technician is on site within 48 hours anywhere in Germany.",
            "Response time", "Service", "Time to on-site", TargetComparator.AtMost, 48, "h", PromiseSource.Offer),
        new("Critical faults resolved in one business day", "Critical faults are resolved within one business day.",
            "Resolution time", "Service", "Resolution of critical faults", TargetComparator.AtMost, 8, "h", PromiseSource.Contract),
        new("Platform availability 99.5 %", "The customer portal is available at least 99.5 % per month.",
            "Availability", "Service", "Monthly availability", TargetComparator.AtLeast, 99.5m, "%", PromiseSource.Contract),
        new("Machine delivered by agreed date", "The line is delivered and installed by the agreed date.",
            "Delivery date", "Production", "Delivery and installation", TargetComparator.ByDate, null, null, PromiseSource.Offer),
        new("Lead time of six weeks", "Spare assemblies ship within six weeks of order.",
            "Delivery date", "Production", "Lead time", TargetComparator.AtMost, 6, "weeks", PromiseSource.Offer),
        new("Defect rate below 0.5 %", "Fewer than 0.5 % of delivered parts are rejected at incoming inspection.",
            "Product quality", "Production", "Parts rejected at inspection", TargetComparator.AtMost, 0.5m, "%", PromiseSource.Contract),
        new("Go-live of the MES interface", "The MES interface goes live by the agreed date.",
            "Feature", "Projects", "Go-live", TargetComparator.ByDate, null, null, PromiseSource.Contract),
        new("Data migration with zero loss", "All historic orders are migrated; no record is lost.",
            "Feature", "Projects", "Records lost in migration", TargetComparator.Exactly, 0, "records", PromiseSource.Verbal),
        new("Named support contact", "A named support engineer answers calls within 30 minutes.",
            "Support", "Service", "Call-back time", TargetComparator.AtMost, 30, "min", PromiseSource.Verbal),
        new("Training for ten key users", "Ten key users are trained before acceptance.",
            "Support", "Projects", "Key users trained", TargetComparator.AtLeast, 10, "people", PromiseSource.Offer),
        new("Quarterly service review", "We hold a service review with the customer every quarter.",
            "Other", "Service", "Service reviews per year", TargetComparator.AtLeast, 4, "reviews", PromiseSource.Contract),
    ];

    private static readonly (string Title, string Statement, string Category, string Metric, decimal Value, string Unit)[] _marketingClaims =
    [
        ("24/7 hotline", "Our hotline is staffed around the clock, every day of the year.", "Support", "Hotline staffed", 24, "h/day"),
        ("Spare parts in 24 hours", "Standard spare parts ship within 24 hours.", "Delivery date", "Shipping time", 24, "h"),
        ("99.9 % cloud uptime", "Our cloud services are available 99.9 % of the time.", "Availability", "Yearly availability", 99.9m, "%"),
    ];

    // What Service and Production have approved once for everyone; the last one is no longer offered.
    private static readonly (LocalizedText Name, string Delivering, string Category, LocalizedText Metric, TargetComparator Comparator, decimal Bound, LocalizedText Unit, bool Active)[] _envelopes =
    [
        (new("On-site within 48 h in Germany", "Vor Ort innerhalb von 48 h in Deutschland"), "Service", "Response time", new("Time to on-site", "Zeit bis vor Ort"), TargetComparator.AtMost, 48, new("h"), true),
        (new("First response within 4 h", "Erste Reaktion innerhalb von 4 h"), "Service", "Response time", new("First response", "Erstreaktion"), TargetComparator.AtMost, 4, new("h"), true),
        (new("Portal availability 99.5 %", "Portalverfügbarkeit 99,5 %"), "Service", "Availability", new("Monthly availability", "Monatliche Verfügbarkeit"), TargetComparator.AtLeast, 99.5m, new("%"), true),
        (new("Lead time of six weeks", "Lieferzeit von sechs Wochen"), "Production", "Delivery date", new("Lead time", "Lieferzeit"), TargetComparator.AtMost, 6, new("weeks", "Wochen"), true),
        (new("Call-back within 30 minutes", "Rückruf innerhalb von 30 Minuten"), "Service", "Support", new("Call-back time", "Rückrufzeit"), TargetComparator.AtMost, 30, new("min"), false),
    ];

    /// <summary>The demo envelopes' names in both languages, for the upgrade that fills in German names (ADR 0027).</summary>
    public static IEnumerable<LocalizedText> EnvelopeNames => _envelopes.Select(e => e.Name);

    public static async Task SeedAsync(
        QualityGatesDbContext db, UserManager<AppUser> userManager, PromiseNumberAllocator numbers,
        TimeProvider time, DemoHistory? history = null, CancellationToken ct = default)
    {
        if (await db.Users.AnyAsync(ct))
        {
            return;
        }

        // Demo data goes into a fresh installation: the departments and categories still have their seeded names.
        var departments = await db.Departments.ToDictionaryAsync(d => d.Name.English, ct);
        var users = new Dictionary<string, AppUser>();
        var workers = new Dictionary<string, (AppUser User, string Role)>();
        foreach (var (email, displayName, role, department) in Users)
        {
            var user = new AppUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = displayName,
                DepartmentId = departments[department].Id,
            };
            await userManager.CreateAsync(user, Password).ThrowIfFailed($"create demo user {email}");
            await userManager.AddToRoleAsync(user, role).ThrowIfFailed($"add {email} to {role}");
            users[department] = user;
            workers[department] = (user, role);
        }

        var now = time.GetUtcNow().UtcDateTime;

        // With a history, customers and envelopes are older than its first promise.
        var since = history is null ? now : now.AddMonths(-DemoHistory.Months - 1);
        var customers = _customerNames.Select((n, i) => new Customer(n, $"C-{10001 + i}", since)).ToList();
        db.Customers.AddRange(customers);
        await db.SaveChangesAsync(ct);

        var categories = await db.PromiseCategories.ToDictionaryAsync(c => c.Name.English, ct);
        foreach (var e in _envelopes)
        {
            var terms = new EnvelopeTerms(e.Name, categories[e.Category].Id, e.Metric, e.Comparator, e.Bound, e.Unit);
            var envelope = CapabilityEnvelope.Define(departments[e.Delivering], terms, since);
            if (!e.Active)
            {
                envelope.Deactivate();
            }

            db.CapabilityEnvelopes.Add(envelope);
        }

        await db.SaveChangesAsync(ct);
        if (history is not null)
        {
            await history.SeedAsync(db, workers, customers, now, ct);
        }

        var today = DateOnly.FromDateTime(now);
        var random = new Random(2026);
        string[] promisingDepartments = ["Sales", "PreSales"];
        var drafts = new List<(Promise Promise, string Delivering)>();

        for (var i = 0; i < 57; i++)
        {
            var template = _templates[i % _templates.Length];
            var promisingName = promisingDepartments[i % promisingDepartments.Length];
            var due = today.AddDays(random.Next(14, 300));
            var target = new MeasurableTarget(template.Metric, template.Comparator, template.Value, template.Unit,
                template.Comparator == TargetComparator.ByDate ? due : null);
            var customer = customers[random.Next(customers.Count)];
            var details = new PromiseDetails(
                template.Title, template.Statement, categories[template.Category].Id, customer.Id,
                departments[template.Delivering].Id, template.Source, $"{template.Source.ToString()[..3].ToUpperInvariant()}-{now.Year}-{100 + i}",
                target, due);
            var promise = Promise.Draft(await numbers.NextAsync(ct), details, departments[promisingName], users[promisingName].Id, now.AddDays(-random.Next(1, 90)));
            db.Promises.Add(promise);
            drafts.Add((promise, template.Delivering));
        }

        foreach (var claim in _marketingClaims)
        {
            var details = new PromiseDetails(
                claim.Title, claim.Statement, categories[claim.Category].Id, null, departments["Service"].Id,
                PromiseSource.Brochure, "Brochure 2026", new MeasurableTarget(claim.Metric, TargetComparator.AtLeast, claim.Value, claim.Unit, null),
                today.AddMonths(12));
            db.Promises.Add(Promise.Draft(await numbers.NextAsync(ct), details, departments["Marketing"], users["Marketing"].Id, now));
        }

        await db.SaveChangesAsync(ct);

        var gates = new GateWorkflow(db, time);
        for (var i = 0; i < drafts.Count; i++)
        {
            var (promise, delivering) = drafts[i];
            await AdvanceAsync(db, gates, promise, users[delivering], i, now, ct);
        }

        await db.SaveChangesAsync(ct);
        await SeedChainAsync(db, gates, numbers, users, departments, categories["Availability"], customers[0], now, ct);
        await SeedImprovementAsync(db, users, categories, customers, drafts.Select(d => d.Promise).ToList(), now, ct);
    }

    // A promise three departments keep: Production built the line and handed it to Projects, who install it; Service will run it.
    private static async Task SeedChainAsync(
        QualityGatesDbContext db, GateWorkflow gates, PromiseNumberAllocator numbers, Dictionary<string, AppUser> users,
        Dictionary<string, Department> departments, PromiseCategory category, Customer customer, DateTime now, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(now);
        var details = new PromiseDetails(
            "Line availability 95 % from go-live", "The packaging line runs at 95 % availability from go-live on.", category.Id, customer.Id,
            departments["Production"].Id, PromiseSource.Contract, $"CON-{now.Year}-900",
            new MeasurableTarget("Line availability", TargetComparator.AtLeast, 95, "%", null), today.AddDays(150), "build",
            [new LinkDetails(departments["Projects"].Id, "install", today.AddDays(20)), new LinkDetails(departments["Service"].Id, "operate", today.AddDays(60))]);
        var promise = Promise.Draft(await numbers.NextAsync(ct), details, departments["Sales"], users["Sales"].Id, now.AddDays(-40));
        db.Promises.Add(promise);
        await db.SaveChangesAsync(ct);
        foreach (var review in await gates.SubmitAsync(promise, promise.OwnerId, ct))
        {
            await DecideAsync(db, review, promise, users[departments.Single(d => d.Value.Id == review.DecidingDepartmentId).Key], GateDecision.Go, null, [], now, ct);
        }

        await DecideAsync(db, await gates.CommitAsync(promise, today.AddDays(-30), CommitChannel.Contract, ct), promise, users["Production"], GateDecision.Go, null, [], now, ct);
        await DecideAsync(db, await gates.HandOnAsync(promise, ct), promise, users["Projects"], GateDecision.Go, null, [], now, ct);
        await db.SaveChangesAsync(ct);
    }

    // The improvement loop in every state: feedback new, triaged, closed as praise and in improvement; actions
    // in Do (overdue), in Act with a lesson, and done with a lesson; and a lesson written directly.
    private static async Task SeedImprovementAsync(
        QualityGatesDbContext db, Dictionary<string, AppUser> users,
        Dictionary<string, PromiseCategory> categories, List<Customer> customers, List<Promise> promises, DateTime now, CancellationToken ct)
    {
        var afterSales = users["AfterSales"].Id;
        var service = users["Service"];
        var atRisk = promises.FirstOrDefault(p => p.AtRisk) ?? promises.First(p => p.Status == PromiseStatus.Committed);
        var committed = promises.Where(p => p.Status is PromiseStatus.Committed or PromiseStatus.InDelivery && p != atRisk).Take(2).ToList();
        FeedbackItem File(FeedbackType type, FeedbackSeverity severity, string title, string description, Promise? promise, Customer? customer, int daysAgo) =>
            FeedbackItem.File(new FeedbackDetails(type, severity, title, description, promise?.Id, customer?.Id ?? promise?.CustomerId), afterSales, now.AddDays(-daysAgo));

        var complaint = File(FeedbackType.CustomerComplaint, FeedbackSeverity.High, "Callbacks arrive late",
            "The customer says callbacks from the hotline took more than a day twice this month.", atRisk, null, 2);
        var idea = File(FeedbackType.ImprovementIdea, FeedbackSeverity.Low, "Show the spare-parts stock in offers",
            "Sales could see the spare-parts stock before promising an on-site date.", null, null, 5);
        var unrealistic = File(FeedbackType.UnrealisticPromise, FeedbackSeverity.Medium, "Date promised before the plan existed",
            "The delivery date was given before Production had planned the order.", null, customers[1], 20);
        unrealistic.Triage(FeedbackSeverity.Medium, "Check with Production how often this happens.", afterSales, now.AddDays(-18));
        var praise = File(FeedbackType.CustomerPraise, FeedbackSeverity.Low, "Praise for the on-site technician",
            "The customer thanked the technician for the fast repair.", null, customers[2], 30);
        praise.Close("Passed on to the Service team.", now.AddDays(-29));
        var late = File(FeedbackType.BrokenPromise, FeedbackSeverity.Critical, "Fixes took too long at two sites",
            "Two incidents took three days instead of one because parts were missing.", committed.ElementAtOrDefault(0), null, 45);
        var weekend = File(FeedbackType.CustomerComplaint, FeedbackSeverity.High, "Nobody answered on Saturday",
            "The 24/7 hotline did not answer on a Saturday morning.", null, customers[3], 70);
        var region = File(FeedbackType.BrokenPromise, FeedbackSeverity.High, "On-site time missed in the north",
            "The technician needed 72 h instead of 48 h for a site far from the depot.", committed.ElementAtOrDefault(1), null, 120);
        db.Feedback.AddRange(complaint, idea, unrealistic, praise, late, weekend, region);
        await db.SaveChangesAsync(ct);

        ActionPlan Plan(string title, string rootCause, AppUser owner, int dueInDays, string measure, int checkInDays) => new(
            title, rootCause, owner.Id, owner.DepartmentId, DateOnly.FromDateTime(now).AddDays(dueInDays), measure, DateOnly.FromDateTime(now).AddDays(checkInDays));

        // In Do and overdue: owned by the Service manager.
        var parts = ImprovementAction.Open(
            Plan("Keep critical spare parts at every depot", "Parts are ordered per incident, so repairs wait for deliveries.", service, -5,
                "Share of incidents resolved without waiting for parts", 60),
            [late], afterSales, now.AddDays(-40));
        parts.MoveTo(PdcaPhase.Do, null, now.AddDays(-30));

        // In Act, a lesson already recorded.
        var hotline = ImprovementAction.Open(
            Plan("Staff the hotline on weekends", "The weekend rota had gaps when people were on leave.", users["AfterSales"], 20,
                "Calls answered within 4 h on weekends", 10),
            [weekend], afterSales, now.AddDays(-60));
        hotline.MoveTo(PdcaPhase.Do, null, now.AddDays(-55));
        hotline.MoveTo(PdcaPhase.Check, null, now.AddDays(-30));
        hotline.MoveTo(PdcaPhase.Act, "Weekend calls answered within 4 h: 97 % (was 80 %).", now.AddDays(-5));

        // Done: the lesson is what changed upstream; its feedback closed with it.
        var depot = ImprovementAction.Open(
            Plan("Promise on-site times by distance from the depot", "48 h was promised everywhere, also far from the depots.", service, -30,
                "On-site times kept for sites more than 200 km away", -20),
            [region], afterSales, now.AddDays(-110));
        depot.MoveTo(PdcaPhase.Do, null, now.AddDays(-100));
        depot.MoveTo(PdcaPhase.Check, null, now.AddDays(-70));
        depot.MoveTo(PdcaPhase.Act, "All six far-away sites got their technician within 72 h.", now.AddDays(-45));
        db.ImprovementActions.AddRange(parts, hotline, depot);

        var direct = Lesson.Learn("Ask the plant for the planned date before promising a delivery date.", categories["Delivery date"].Id, null, afterSales, now.AddDays(-15));
        var weekendLesson = Lesson.Learn("Promise weekend response times only where the weekend rota is staffed.", categories["Response time"].Id, null, afterSales, now.AddDays(-5));
        var depotLesson = Lesson.Learn("For sites more than 200 km from a depot, promise on-site within 72 h, not 48 h.", categories["Response time"].Id, null, service.Id, now.AddDays(-44));
        db.Lessons.AddRange(direct, weekendLesson, depotLesson);
        await db.SaveChangesAsync(ct);

        hotline.RecordUpstreamChange(UpstreamChange.NewLesson(weekendLesson.Id, afterSales, now.AddDays(-5)));
        depot.RecordUpstreamChange(UpstreamChange.NewLesson(depotLesson.Id, service.Id, now.AddDays(-44)));
        depot.MoveTo(PdcaPhase.Done, null, now.AddDays(-40));
        region.CompleteImprovement(now.AddDays(-40));
        await db.SaveChangesAsync(ct);
    }

    // A spread of the states the lifecycle reaches: drafts, open reviews, committed (some in delivery), Conditional Go, No-Go, withdrawn.
    private static async Task AdvanceAsync(
        QualityGatesDbContext db, GateWorkflow gates, Promise promise, AppUser manager, int index, DateTime now, CancellationToken ct)
    {
        if (index % 6 == 0)
        {
            return;
        }

        var today = DateOnly.FromDateTime(now);
        var review = (await gates.SubmitAsync(promise, promise.OwnerId, ct)).Single();
        if (!review.IsClosed)
        {
            // Not covered by a capability envelope: the delivering manager decides G1.
            var decision = (index % 6) switch
            {
                1 => GateDecision.Go,
                2 => GateDecision.ConditionalGo,
                4 => GateDecision.NoGo,
                _ => (GateDecision?)null,
            };
            if (decision is { } d)
            {
                IReadOnlyList<ConditionInput> conditions = d == GateDecision.ConditionalGo
                    ? [new ConditionInput("Confirm spare-part stock with the supplier", manager.Id, today.AddDays(14))]
                    : [];
                await DecideAsync(db, review, promise, manager, d, d == GateDecision.NoGo ? "No capacity for this customer's region before next year." : null, conditions, now, ct);
            }
        }

        if (index % 6 == 5)
        {
            await gates.WithdrawAsync(promise, "Customer chose a different offer.", promise.OwnerId, ct);
            return;
        }

        if (index % 6 != 1 || promise.Status != PromiseStatus.Approved)
        {
            return;
        }

        // Approved promises are committed; every second one is handed over, and of those some are kept, some at risk.
        var handover = await gates.CommitAsync(promise, today, CommitChannel.Contract, ct);
        if (index % 12 != 1)
        {
            return;
        }

        await DecideAsync(db, handover, promise, manager, GateDecision.Go, null, [], now, ct);
        if (index % 24 == 1)
        {
            await gates.RecordOutcomeAsync(promise, OutcomeKind.Kept, promise.Target.Value, today, "Service report confirms the target was met.", null, ct: ct);
        }
        else
        {
            promise.RaiseRisk("Two technicians on sick leave this month.", index % 36 == 13 ? null : "Contractor booked as back-up.", now);
        }
    }

    private static async Task DecideAsync(
        QualityGatesDbContext db, GateReview review, Promise promise, AppUser manager, GateDecision decision, string? reason,
        IReadOnlyList<ConditionInput> conditions, DateTime now, CancellationToken ct)
    {
        var gate = await db.GateDefinitions.Include(g => g.Checkpoints).SingleAsync(g => g.Id == review.GateDefinitionId, ct);
        var checklist = GateChecklist.Of(gate, review, promise);
        var allMet = checklist.Checkpoints.ToDictionary(c => c.Id, _ => new AnswerInput(CheckpointAnswer.Met, null));
        review.Decide(promise, checklist, new ReviewDecisionInput(decision, manager.Id, manager.DepartmentId, allMet, reason, null, conditions), now);
    }
}
