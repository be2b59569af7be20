using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QualityGates.Domain.Customers;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;
using QualityGates.Web.Dashboard;
using QualityGates.Web.Data;
using QualityGates.Web.Data.Summaries;
using QualityGates.Web.Gates;

namespace QualityGates.Web.Tests.Infrastructure;

/// <summary>
/// A small data set for the dashboard, built through the domain verbs and the gate workflow, for a customer of
/// its own, so filtering by that customer counts exactly these promises (the demo data stays out):
/// <code>
///       promising→delivering  category        story                                                  status now
///  P1   Sales→Service        Response time   G1 Go (1 d), G2 accepted, kept (1 h ≤ 2 h)            Kept
///  P2   Sales→Service        Response time   G1 Go (2 d), G2 returned, again, accepted, broken:      Broken
///                                            execution
///  P3   Sales→Service        Response time   G1 Go (3 d) on ≤ 2 h; changed after approval to ≤ 3 h,  Kept
///                                            due +10 days (no envelope covers ≤ 3 h); G1 Go (1 d), G2 accepted, kept with 3 h
///                                            → broken against the first approved target (3 h > 2 h)
///  P4   PreSales→Projects    Delivery date   G1 Conditional Go (5 d), condition due yesterday         Committed (red)
///  P5   Sales→Service        Response time   G1 Recycle (2 d), resubmitted, Go (4 d), G2 accepted,    Broken
///                                            broken: unrealistic at the gate (month two)
///  P6   Sales→Service        Response time   G1 No-Go (10 d)                                         Rejected
///  P7   Sales→Service        Response time   never submitted; committed by an "import" (SQL)         Committed (green), ungated
///  P8   Sales→Projects       Delivery date   G1 Go (1 d), G2 accepted, at risk with a measure         InDelivery (yellow)
///  P9   Sales→Service        Response time   draft                                                   Draft
///  P10  Sales→Service        Response time   G1 Go (1 d), committed, due in 3 days                    Committed (green)
/// </code>
/// Due dates: P1–P4, P6–P9 in month M (about 17 months ahead), P5 in month M+1, P10 in three days. The filter
/// from today to today + 700 days with <see cref="CustomerId"/> therefore holds all of them.
/// </summary>
public sealed class DashboardDataSet
{
    public int CustomerId { get; private init; }

    public string CustomerName { get; private init; } = "";

    public DateOnly Today { get; private init; }

    public DateOnly Month { get; private init; }

    public IReadOnlyDictionary<string, int> Ids { get; private init; } = new Dictionary<string, int>();

    public DashboardFilter Filter(DepartmentScope? scope = null) =>
        new(Today, Today.AddDays(700), CustomerId: CustomerId, Scope: scope);

    public static async Task<DashboardDataSet> BuildAsync(QualityGatesFactory factory, string customerName)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<QualityGatesDbContext>();
        var gates = services.GetRequiredService<GateWorkflow>();
        var numbers = services.GetRequiredService<PromiseNumberAllocator>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);

        var customer = new Customer(customerName, null, now);
        db.Customers.Add(customer);
        await db.SaveChangesAsync();

        var departments = await db.Departments.ToDictionaryAsync(d => d.Name.English);
        var categories = await db.PromiseCategories.ToDictionaryAsync(c => c.Name.English);
        var users = await db.Users.ToDictionaryAsync(u => u.Email!);
        var sales = users["sales@demo.local"];
        var presales = users["presales@demo.local"];
        var service = users["service.manager@demo.local"];
        var projects = users["projects.manager@demo.local"];
        var later = today.AddDays(500);
        var month = new DateOnly(later.Year, later.Month, 1).AddMonths(1);

        async Task<Promise> DraftAsync(string title, string promising, string delivering, string category, decimal hours, DateOnly due)
        {
            var owner = promising == "PreSales" ? presales : sales;
            var details = new PromiseDetails(title, title, categories[category].Id, customer.Id, departments[delivering].Id,
                PromiseSource.Contract, "CON-1", new MeasurableTarget("First response", TargetComparator.AtMost, hours, "h", null), due);
            var promise = Promise.Draft(await numbers.NextAsync(), details, departments[promising], owner.Id, now);
            db.Promises.Add(promise);
            await db.SaveChangesAsync();
            return promise;
        }

        async Task DecideAsync(GateReview review, Promise promise, AppUser manager, GateDecision decision, double days, IReadOnlyList<ConditionInput>? conditions = null)
        {
            var gate = await db.GateDefinitions.Include(g => g.Checkpoints).SingleAsync(g => g.Id == review.GateDefinitionId);
            var checklist = GateChecklist.Of(gate, review, promise);
            var allMet = checklist.Checkpoints.ToDictionary(c => c.Id, _ => new AnswerInput(CheckpointAnswer.Met, null));
            var reason = decision is GateDecision.Go or GateDecision.ConditionalGo ? null : "Reason given";
            review.Decide(promise, checklist, new ReviewDecisionInput(decision, manager.Id, manager.DepartmentId, allMet, reason, null, conditions ?? []),
                review.OpenedAtUtc.AddDays(days));
            await db.SaveChangesAsync();
        }

        async Task<GateReview> SubmitAsync(Promise promise)
        {
            var review = (await gates.SubmitAsync(promise, promise.OwnerId)).Single();
            await db.SaveChangesAsync();
            return review;
        }

        async Task HandOverAsync(Promise promise, AppUser manager, bool returnFirst = false)
        {
            var handover = await gates.CommitAsync(promise, today, CommitChannel.Contract);
            await db.SaveChangesAsync();
            if (returnFirst)
            {
                await DecideAsync(handover, promise, manager, GateDecision.Recycle, 1);
                handover.HandOverAgain(now);
                await db.SaveChangesAsync();
            }

            await DecideAsync(handover, promise, manager, GateDecision.Go, 1);
        }

        async Task OutcomeAsync(Promise promise, OutcomeKind outcome, decimal actual, BreachCause? cause)
        {
            await gates.RecordOutcomeAsync(promise, outcome, actual, promise.DueDate, "Measured", cause);
            await db.SaveChangesAsync();
        }

        var ids = new Dictionary<string, int>();

        var p1 = await DraftAsync("P1", "Sales", "Service", "Response time", 2, month);
        await DecideAsync(await SubmitAsync(p1), p1, service, GateDecision.Go, 1);
        await HandOverAsync(p1, service);
        await OutcomeAsync(p1, OutcomeKind.Kept, 1, null);
        ids["P1"] = p1.Id;

        var p2 = await DraftAsync("P2", "Sales", "Service", "Response time", 2, month.AddDays(1));
        await DecideAsync(await SubmitAsync(p2), p2, service, GateDecision.Go, 2);
        await HandOverAsync(p2, service, returnFirst: true);
        await OutcomeAsync(p2, OutcomeKind.Broken, 5, BreachCause.Execution);
        ids["P2"] = p2.Id;

        var p3 = await DraftAsync("P3", "Sales", "Service", "Response time", 2, month.AddDays(2));
        await DecideAsync(await SubmitAsync(p3), p3, service, GateDecision.Go, 3);
        var changed = new PromiseDetails("P3", "P3, looser", p3.CategoryId, customer.Id, p3.DeliveringDepartmentId, PromiseSource.Contract, "CON-1",
            new MeasurableTarget("First response", TargetComparator.AtMost, 3, "h", null), month.AddDays(12));
        var revisedReview = (await gates.ReviseAsync(p3, changed, departments["Sales"], RevisionReason.CustomerRequest, "Customer agreed to 3 h", sales.Id)).Single();
        await db.SaveChangesAsync();
        await DecideAsync(revisedReview, p3, service, GateDecision.Go, 1);
        await HandOverAsync(p3, service);
        await OutcomeAsync(p3, OutcomeKind.Kept, 3, null);
        ids["P3"] = p3.Id;

        var p4 = await DraftAsync("P4", "PreSales", "Projects", "Delivery date", 2, month.AddDays(3));
        await DecideAsync(await SubmitAsync(p4), p4, projects, GateDecision.ConditionalGo, 5,
            [new ConditionInput("Confirm the installer's availability", presales.Id, today.AddDays(-1))]);
        await gates.CommitAsync(p4, today, CommitChannel.Contract);
        await db.SaveChangesAsync();
        ids["P4"] = p4.Id;

        var p5 = await DraftAsync("P5", "Sales", "Service", "Response time", 2, month.AddMonths(1));
        await DecideAsync(await SubmitAsync(p5), p5, service, GateDecision.Recycle, 2);
        await DecideAsync(await SubmitAsync(p5), p5, service, GateDecision.Go, 4);
        await HandOverAsync(p5, service);
        await OutcomeAsync(p5, OutcomeKind.Broken, 6, BreachCause.UnrealisticAtGate);
        ids["P5"] = p5.Id;

        var p6 = await DraftAsync("P6", "Sales", "Service", "Response time", 2, month.AddDays(4));
        await DecideAsync(await SubmitAsync(p6), p6, service, GateDecision.NoGo, 10);
        ids["P6"] = p6.Id;

        var p7 = await DraftAsync("P7", "Sales", "Service", "Response time", 2, month.AddDays(5));
        await db.Promises.Where(p => p.Id == p7.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PromiseStatus.Committed).SetProperty(p => p.CommittedOn, today));
        // As an operator does after an import around the app.
        await SummaryRebuild.RunAsync(db);
        ids["P7"] = p7.Id;

        var p8 = await DraftAsync("P8", "Sales", "Projects", "Delivery date", 2, month.AddDays(6));
        await DecideAsync(await SubmitAsync(p8), p8, projects, GateDecision.Go, 1);
        await HandOverAsync(p8, projects);
        p8.RaiseRisk("Supplier late", "Second supplier booked", now);
        await db.SaveChangesAsync();
        ids["P8"] = p8.Id;

        ids["P9"] = (await DraftAsync("P9", "Sales", "Service", "Response time", 2, month.AddDays(7))).Id;

        var p10 = await DraftAsync("P10", "Sales", "Service", "Response time", 2, today.AddDays(3));
        await DecideAsync(await SubmitAsync(p10), p10, service, GateDecision.Go, 1);
        await gates.CommitAsync(p10, today, CommitChannel.Contract);
        await db.SaveChangesAsync();
        ids["P10"] = p10.Id;

        return new DashboardDataSet { CustomerId = customer.Id, CustomerName = customerName, Today = today, Month = month, Ids = ids };
    }
}
