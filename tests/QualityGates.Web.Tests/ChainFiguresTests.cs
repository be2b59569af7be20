using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QualityGates.Domain.Customers;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;
using QualityGates.Web.Dashboard;
using QualityGates.Web.Data;
using QualityGates.Web.Gates;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

/// <summary>
/// The dashboard's figures along value chains against a hand-counted data set of its own customer, built through the
/// gate workflow (days counted from the fake clock's now, T):
/// <code>
///  C1  Sales: Production → Projects → Service   all Go; Production accepts T+1; Projects returns once, accepts T+11;
///                                               Service accepts T+16 at once; broken at Projects (execution)
///  C2  Sales: Production → Projects             all Go; Production accepts T+1; Projects accepts T+21 at once; kept
///  C3  PreSales: Projects → Service             Projects Go, Service No-Go: rejected, never handed over
/// </code>
/// Accepted handovers: Sales → Production 2 (2 at once), Production → Projects 2 (1 at once, 1 return), Projects →
/// Service 1 (at once). Held before handing on: Production 10 and 20 days (median 15), Projects 5 days. Broken at
/// Projects: 1.
/// </summary>
public sealed class ChainFiguresTests(QualityGatesFactory factory) : IClassFixture<QualityGatesFactory>
{
    private const string CustomerName = "Chain figures customer";

    [Fact]
    public async Task Handovers_hold_times_and_breaks_are_counted_along_the_chains()
    {
        var (customerId, today) = await BuildAsync();
        var filter = new DashboardFilter(today, today.AddDays(700), CustomerId: customerId);

        var (handovers, holds, brokenAt) = await FiguresAsync(filter, fromBaseTables: false);

        Assert.Equal(
            [("Production", "Projects", 2, 1, 1), ("Projects", "Service", 1, 1, 0), ("Sales", "Production", 2, 2, 0)],
            handovers.Select(h => (h.FromDepartmentName, h.ToDepartmentName, h.Accepted, h.AcceptedFirstTime, h.Returns)));
        Assert.Equal([("Production", 2, 15.0), ("Projects", 1, 5.0)], holds.Select(h => (h.DepartmentName, h.HandedOn, h.MedianDays!.Value)));
        Assert.Equal([("Projects", 1)], brokenAt.Select(b => (b.DepartmentName, b.Broken)));
    }

    [Fact]
    public async Task The_summaries_kept_with_every_change_agree_with_a_recount_of_the_chains()
    {
        var (_, today) = await BuildAsync();
        var months = DashboardFilter.WholeMonths(today, today.AddMonths(24));

        var summarized = await FiguresAsync(months, fromBaseTables: false);
        var recounted = await FiguresAsync(months, fromBaseTables: true);

        // With the demo data's promises beside this set's: every pair, hold and break, counted both ways.
        Assert.Contains(summarized.Handovers, h => (h.FromDepartmentName, h.ToDepartmentName) == ("Projects", "Service"));
        Assert.Contains(summarized.Holds, h => h.DepartmentName == "Projects");
        Assert.Contains(summarized.BrokenAt, b => b.DepartmentName == "Projects");
        Assert.Equal(recounted.Handovers, summarized.Handovers);
        Assert.Equal(recounted.Holds, summarized.Holds);
        Assert.Equal(recounted.BrokenAt, summarized.BrokenAt);
    }

    [Fact]
    public async Task A_pair_of_departments_on_the_dashboard_drills_down_to_its_accepted_handovers()
    {
        var (customerId, today) = await BuildAsync();
        using var executive = factory.CreateTestClient();
        await executive.SignInSuccessfullyAsync("exec@demo.local");
        var months = string.Create(CultureInfo.InvariantCulture, $"Input.From={today:yyyy-MM}&Input.To={today.AddMonths(24):yyyy-MM}&Input.CustomerId={customerId}");

        var dashboard = await executive.GetPageAsync($"/Dashboard?{months}");
        var pair = dashboard.QuerySelectorAll("table#chain-handovers tbody tr").Single(r => r.TextContent.Contains("Production", StringComparison.Ordinal)
                                                                                       && r.QuerySelectorAll("td")[1].TextContent == "Projects");
        var list = await executive.GetPageAsync(pair.QuerySelector("a")!.GetAttribute("href")!);

        Assert.Equal("2", pair.QuerySelector("a")!.TextContent.Trim());
        Assert.Equal(2, list.QuerySelectorAll("main table tbody tr").Length);
        Assert.All(list.QuerySelectorAll("main table tbody tr"), row => Assert.Contains("Projects", row.TextContent, StringComparison.Ordinal));
    }

    private async Task<(IReadOnlyList<ChainHandoverRow> Handovers, IReadOnlyList<LinkHoldRow> Holds, IReadOnlyList<BrokenAtRow> BrokenAt)> FiguresAsync(
        DashboardFilter filter, bool fromBaseTables)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var queries = new DashboardQueries(scope.ServiceProvider.GetRequiredService<QualityGatesDbContext>(), factory.Clock) { FromBaseTables = fromBaseTables };
        return (await queries.HandoversAlongChainsAsync(filter), await queries.LinkHoldTimesAsync(filter), await queries.BrokenByLinkAsync(filter));
    }

    private async Task<(int CustomerId, DateOnly Today)> BuildAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<QualityGatesDbContext>();
        var today = factory.Today;
        if (await db.Customers.SingleOrDefaultAsync(c => c.Name == CustomerName) is { } built)
        {
            return (built.Id, today);
        }

        var gates = services.GetRequiredService<GateWorkflow>();
        var numbers = services.GetRequiredService<PromiseNumberAllocator>();
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var customer = new Customer(CustomerName, null, now);
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        var departments = await db.Departments.ToDictionaryAsync(d => d.Name.English);
        var managers = await db.Users.Where(u => u.Email!.EndsWith(".manager@demo.local")).ToDictionaryAsync(u => u.DepartmentId);
        var owners = await db.Users.Where(u => u.Email == "sales@demo.local" || u.Email == "presales@demo.local").ToDictionaryAsync(u => u.DepartmentId);
        var category = await db.PromiseCategories.SingleAsync(c => c.Name.English == "Availability");

        async Task<Promise> SubmittedAsync(string title, string promising, params string[] chain)
        {
            var details = new PromiseDetails(title, title, category.Id, customer.Id, departments[chain[0]].Id, PromiseSource.Contract, null,
                new MeasurableTarget("Line availability", TargetComparator.AtLeast, 99.9m, "%", null), today.AddMonths(3), "build",
                chain.Skip(1).Select(d => new LinkDetails(departments[d].Id, "install")).ToList());
            var promise = Promise.Draft(await numbers.NextAsync(), details, departments[promising], owners[departments[promising].Id].Id, now);
            db.Promises.Add(promise);
            await db.SaveChangesAsync();
            await gates.SubmitAsync(promise, promise.OwnerId);
            await db.SaveChangesAsync();
            return promise;
        }

        async Task DecideAsync(GateReview review, Promise promise, GateDecision decision, int day)
        {
            var gate = await db.GateDefinitions.Include(g => g.Checkpoints).SingleAsync(g => g.Id == review.GateDefinitionId);
            var checklist = GateChecklist.Of(gate, review, promise);
            var answers = checklist.Checkpoints.ToDictionary(c => c.Id, _ => new AnswerInput(CheckpointAnswer.Met, null));
            var manager = managers[review.DecidingDepartmentId];
            review.Decide(promise, checklist, new ReviewDecisionInput(decision, manager.Id, review.DecidingDepartmentId, answers,
                decision is GateDecision.Go ? null : "Reason given", null, []), now.AddDays(day));
            await gates.FeasibilityDecidedAsync(promise, manager.Id);
            await db.SaveChangesAsync();
        }

        async Task FeasibilityAsync(Promise promise, params GateDecision[] decisions)
        {
            var reviews = await db.GateReviews.Where(r => r.PromiseId == promise.Id && r.Stage == GateStage.Feasibility).OrderBy(r => r.LinkPosition).ToListAsync();
            for (var i = 0; i < decisions.Length; i++)
            {
                await DecideAsync(reviews[i], promise, decisions[i], 1);
            }
        }

        async Task AcceptAsync(Promise promise, GateReview handover, int day, bool returnFirst = false)
        {
            await db.SaveChangesAsync();
            if (returnFirst)
            {
                await DecideAsync(handover, promise, GateDecision.Recycle, 0);
                handover.HandOverAgain(now);
                await db.SaveChangesAsync();
            }

            await DecideAsync(handover, promise, GateDecision.Go, day);
        }

        var c1 = await SubmittedAsync("C1", "Sales", "Production", "Projects", "Service");
        await FeasibilityAsync(c1, GateDecision.Go, GateDecision.Go, GateDecision.Go);
        await AcceptAsync(c1, await gates.CommitAsync(c1, today, CommitChannel.Contract), 1);
        await AcceptAsync(c1, await gates.HandOnAsync(c1), 11, returnFirst: true);
        await AcceptAsync(c1, await gates.HandOnAsync(c1), 16);
        await gates.RecordOutcomeAsync(c1, OutcomeKind.Broken, 97, today, "Availability report", BreachCause.Execution, departments["Projects"].Id);
        await db.SaveChangesAsync();

        var c2 = await SubmittedAsync("C2", "Sales", "Production", "Projects");
        await FeasibilityAsync(c2, GateDecision.Go, GateDecision.Go);
        await AcceptAsync(c2, await gates.CommitAsync(c2, today, CommitChannel.Contract), 1);
        await AcceptAsync(c2, await gates.HandOnAsync(c2), 21);
        await gates.RecordOutcomeAsync(c2, OutcomeKind.Kept, 99.95m, today, "Availability report", null);
        await db.SaveChangesAsync();

        var c3 = await SubmittedAsync("C3", "PreSales", "Projects", "Service");
        await FeasibilityAsync(c3, GateDecision.Go, GateDecision.NoGo);
        Assert.Equal(PromiseStatus.Rejected, c3.Status);
        return (customer.Id, today);
    }
}
