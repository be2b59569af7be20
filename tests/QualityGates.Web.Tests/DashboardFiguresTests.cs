using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QualityGates.Domain;
using QualityGates.Domain.Departments;
using QualityGates.Domain.Feedback;
using QualityGates.Domain.Improvement;
using QualityGates.Domain.Lessons;
using QualityGates.Domain.Promises;
using QualityGates.Web.Dashboard;
using QualityGates.Web.Data;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

/// <summary>Every figure of the dashboard against the hand-counted <see cref="DashboardDataSet"/> (see its table).</summary>
public sealed class DashboardFiguresTests(QualityGatesFactory factory) : IClassFixture<QualityGatesFactory>
{
    private async Task<T> FigureAsync<T>(Func<DashboardQueries, Task<T>> figure)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await figure(scope.ServiceProvider.GetRequiredService<DashboardQueries>());
    }

    [Fact]
    public async Task The_kept_rate_counts_kept_and_broken_against_the_last_and_the_first_approved_target()
    {
        var data = await DashboardDataSet.BuildAsync(factory, "Kept rate customer");

        var rate = await FigureAsync(q => q.KeptRateAsync(data.Filter()));

        // Last approved (the recorded outcome): kept P1, P3; broken P2, P5 → 2 / 4.
        // First approved: P3's 3 h breaks the first ≤ 2 h (and its first due date) → kept P1 only → 1 / 4.
        Assert.Equal(new KeptRate(2, 2, 1, 3), rate);
        Assert.Equal(0.5, rate.Rate);
        Assert.Equal(0.25, rate.RateAgainstFirst);
        Assert.Equal(0.25, rate.MovingTargetEffect);
    }

    [Fact]
    public async Task The_kept_rate_breaks_down_by_month_department_category_and_customer()
    {
        var data = await DashboardDataSet.BuildAsync(factory, "Breakdown customer");
        var filter = data.Filter();

        var months = await FigureAsync(q => q.KeptRateByMonthAsync(filter));
        var promising = await FigureAsync(q => q.KeptRateByPromisingDepartmentAsync(filter));
        var delivering = await FigureAsync(q => q.KeptRateByDeliveringDepartmentAsync(filter));
        var categories = await FigureAsync(q => q.KeptRateByCategoryAsync(filter));
        var customers = await FigureAsync(q => q.KeptRateByCustomerAsync(filter));

        // Month M: P1 kept, P2 broken, P3 kept (broken against the first target); month M+1: P5 broken.
        Assert.Equal(
            [new KeptRateMonth(data.Month.Year, data.Month.Month, new KeptRate(2, 1, 1, 2)),
             new KeptRateMonth(data.Month.AddMonths(1).Year, data.Month.AddMonths(1).Month, new KeptRate(0, 1, 0, 1))],
            months);
        var all = new KeptRate(2, 2, 1, 3);
        Assert.Equal([("Sales", all)], promising.Select(r => (r.Name, r.Counts)));
        Assert.Equal([("Service", all)], delivering.Select(r => (r.Name, r.Counts)));
        Assert.Equal([("Response time", all)], categories.Select(r => (r.Name, r.Counts)));
        Assert.Equal([(data.CustomerId, "Breakdown customer", all)], customers.Select(r => (r.Id!.Value, r.Name, r.Counts)));
    }

    [Fact]
    public async Task The_moving_target_index_ungated_rate_first_pass_yield_handovers_and_breaches_count_promises_due_in_the_period()
    {
        var data = await DashboardDataSet.BuildAsync(factory, "Moving target customer");
        var filter = data.Filter();

        var moving = await FigureAsync(q => q.MovingTargetIndexAsync(filter));
        var ungated = await FigureAsync(q => q.UngatedRateAsync(filter));
        var firstPass = await FigureAsync(q => q.FirstPassYieldAsync(filter));
        var handovers = await FigureAsync(q => q.HandoverByDepartmentPairAsync(filter));
        var breaches = await FigureAsync(q => q.BreachCausesByDepartmentAsync(filter));

        // Submitted: P1–P6, P8, P10 = 8 (P7 and P9 never were); changes after submission: P3's revision and P5's
        // resubmission = 2. Approved once: all but P6 (No-Go) = 7, of which P3 changed afterwards, slipping 10 days.
        Assert.Equal(new MovingTargetIndex(8, 2, 7, 1, 10), moving);
        Assert.Equal(0.25, moving.ChangesPerPromise);
        Assert.Equal(10 / 7.0, moving.MeanSlipDays);

        // Committed: P1, P2, P3, P4, P5, P7, P8, P10 = 8; P7 (the "import") never passed G1.
        Assert.Equal(new UngatedRate(8, 1), ungated);

        // First G1 decisions: Go P1, P2, P3, P8, P10; Conditional Go P4; Recycle P5; No-Go P6 → 6 of 8.
        Assert.Equal(new FirstPassYield(8, 6), firstPass);

        // First handovers: Sales→Service accepted P1, P3, P5, returned P2; Sales→Projects accepted P8.
        Assert.Equal([("Sales", "Projects", 1, 0), ("Sales", "Service", 3, 1)],
            handovers.Select(h => (h.PromisingDepartmentName, h.DeliveringDepartmentName, h.AcceptedFirstTime, h.Returned)));

        // Broken: P2 (execution), P5 (unrealistic at the gate), both delivered by Service.
        Assert.Equal([("Service", BreachCause.UnrealisticAtGate, 1), ("Service", BreachCause.Execution, 1)],
            breaches.Select(b => (b.DeliveringDepartmentName, b.Cause, b.Count)));
    }

    [Fact]
    public async Task The_gate_figures_count_the_feasibility_decisions_made_in_the_period()
    {
        var data = await DashboardDataSet.BuildAsync(factory, "Gate customer");
        var filter = data.Filter();

        var mix = await FigureAsync(q => q.DecisionMixByDepartmentAsync(filter));
        var median = await FigureAsync(q => q.MedianDaysToDecisionAsync(filter));

        // Closed G1 reviews. Projects: P4 Conditional Go, P8 Go. Service: Go for P1, P2, P3 (twice: before and after
        // its change), P5's second review and P10 = 6; Recycle P5's first review; No-Go P6.
        Assert.Equal([("Projects", 1, 0, 1, 0, 0), ("Service", 6, 0, 0, 1, 1)],
            mix.Select(m => (m.DepartmentName, m.Go, m.GoByEnvelope, m.ConditionalGo, m.Recycle, m.NoGo)));

        // Days to decision: 1 (P1), 2 (P2), 3 and 1 (P3), 5 (P4), 2 and 4 (P5), 10 (P6), 1 (P8), 1 (P10):
        // sorted 1 1 1 1 2 | 2 3 4 5 10 → ten decisions, median (2 + 2) / 2 = 2.
        Assert.Equal(10, median.Decisions);
        Assert.Equal(2, median.Median!.Value, 0.01);
    }

    [Fact]
    public async Task Traffic_lights_due_soon_and_overdue_conditions_describe_today()
    {
        var data = await DashboardDataSet.BuildAsync(factory, "Today customer");
        var filter = data.Filter();

        var lights = await FigureAsync(q => q.TrafficLightsByDepartmentAsync(filter));
        var dueSoon = await FigureAsync(q => q.DueSoonWithoutOutcomeAsync(filter));
        var overdue = await FigureAsync(q => q.OpenConditionsPastDueAsync(filter));

        // Open: P4 red (its condition is overdue), P8 yellow (at risk with a measure) — both Projects;
        // P7 and P10 green — Service.
        Assert.Equal([("Projects", 0, 1, 1), ("Service", 2, 0, 0)],
            lights.Select(l => (l.DeliveringDepartmentName, l.Green, l.Yellow, l.Red)));

        // P10 is due in three days; P4's condition was due yesterday.
        Assert.Equal(1, dueSoon);
        Assert.Equal(1, overdue);
    }

    [Fact]
    public async Task A_scope_narrows_every_figure_to_the_department()
    {
        var data = await DashboardDataSet.BuildAsync(factory, "Scope customer");
        var presales = int.Parse(await factory.DepartmentAsync("PreSales"), System.Globalization.CultureInfo.InvariantCulture);
        var projects = int.Parse(await factory.DepartmentAsync("Projects"), System.Globalization.CultureInfo.InvariantCulture);

        var presalesLights = await FigureAsync(q => q.TrafficLightsByDepartmentAsync(data.Filter(new DepartmentScope(presales, null))));
        var projectsMix = await FigureAsync(q => q.DecisionMixByDepartmentAsync(data.Filter(new DepartmentScope(null, projects))));
        var presalesRate = await FigureAsync(q => q.KeptRateAsync(data.Filter(new DepartmentScope(presales, null))));

        // PreSales made only P4 (red, Projects); Projects decided only P4 and P8; PreSales has no outcome yet.
        Assert.Equal([("Projects", 0, 0, 1)], presalesLights.Select(l => (l.DeliveringDepartmentName, l.Green, l.Yellow, l.Red)));
        Assert.Equal(["Projects"], projectsMix.Select(m => m.DepartmentName));
        Assert.Equal(KeptRate.None, presalesRate);
    }

    [Fact]
    public async Task The_kvp_figures_count_actions_opened_and_done_overdue_cycle_time_and_loop_closure()
    {
        // A department of its own keeps other tests' (and future demo) actions out of the count.
        var (departmentId, from) = await BuildKvpAsync();
        var filter = new DashboardFilter(from, factory.Today, DeliveringDepartmentId: departmentId);

        var months = await FigureAsync(q => q.KvpOpenedClosedByMonthAsync(filter));
        var overdue = await FigureAsync(q => q.KvpOverdueAsync(filter));
        var cycle = await FigureAsync(q => q.KvpMedianCycleTimeAsync(filter));
        var loop = await FigureAsync(q => q.LoopClosureAsync(filter));

        // Month 0: A1 and A2 opened, A1 done (day 11); month 1: A3 and A4 opened, A2 done (day 35).
        Assert.Equal([new KvpMonth(from.Year, from.Month, 2, 1), new KvpMonth(from.AddMonths(1).Year, from.AddMonths(1).Month, 2, 1)], months);

        // Open: A3 (due yesterday) and A4 (due next month) → one of two overdue.
        Assert.Equal(new KvpOverdue(2, 1), overdue);

        // Cycle times: A1 10 days, A2 20 days → median 15.
        Assert.Equal(2, cycle.Done);
        Assert.Equal(15, cycle.MedianDays!.Value, 0.001);

        // Broken-promise feedback: F1 (action A1 recorded a lesson), F2 (A3, nothing upstream yet), F4 (no action);
        // F3 is a complaint and does not count → 1 of 3.
        Assert.Equal(new LoopClosure(3, 1), loop);
    }

    private async Task<(int DepartmentId, DateOnly From)> BuildKvpAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QualityGatesDbContext>();
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var start = new DateTime(now.Year, now.Month, 1, 10, 0, 0, DateTimeKind.Utc).AddMonths(-3);
        var today = DateOnly.FromDateTime(now);
        var aftersales = await db.Users.SingleAsync(u => u.Email == "aftersales@demo.local");
        var department = new Department(new LocalizedText($"KVP test {Guid.NewGuid():N}"[..20]), DepartmentKind.Delivering);
        db.Departments.Add(department);
        var promising = await db.Departments.SingleAsync(d => d.Name.English == "Sales");
        var sales = await db.Users.SingleAsync(u => u.Email == "sales@demo.local");
        var category = await db.PromiseCategories.FirstAsync();
        var customer = await db.Customers.FirstAsync();
        await db.SaveChangesAsync();
        var promise = Promise.Draft($"KVP-{Guid.NewGuid():N}"[..12], new PromiseDetails("KVP promise", "KVP promise", category.Id, customer.Id, department.Id,
            PromiseSource.Contract, null, new MeasurableTarget("Resolution", TargetComparator.AtMost, 8, "h", null), today), promising, sales.Id, now);
        db.Promises.Add(promise);
        var lesson = Lesson.Learn("Check spare parts before promising", category.Id, null, aftersales.Id, now);
        db.Lessons.Add(lesson);
        await db.SaveChangesAsync();

        FeedbackItem File(FeedbackType type, int? promiseId, int day)
        {
            var item = FeedbackItem.File(new FeedbackDetails(type, FeedbackSeverity.High, $"{type} {day}", "Description", promiseId, customer.Id), aftersales.Id, start.AddDays(day));
            db.Feedback.Add(item);
            return item;
        }

        var f1 = File(FeedbackType.BrokenPromise, promise.Id, 1);
        var f2 = File(FeedbackType.BrokenPromise, promise.Id, 2);
        var f3 = File(FeedbackType.CustomerComplaint, promise.Id, 3);
        File(FeedbackType.BrokenPromise, promise.Id, 4);
        var f5 = File(FeedbackType.ImprovementIdea, null, 5);
        await db.SaveChangesAsync();

        ImprovementAction Open(FeedbackItem feedback, int day, DateOnly due)
        {
            var plan = new ActionPlan($"Action {day}", "Root cause", aftersales.Id, department.Id, due, "Fewer broken promises", due);
            var action = ImprovementAction.Open(plan, [feedback], aftersales.Id, start.AddDays(day));
            db.ImprovementActions.Add(action);
            return action;
        }

        async Task DoneAsync(ImprovementAction action, int day)
        {
            var at = start.AddDays(day);
            action.MoveTo(PdcaPhase.Do, null, at);
            action.MoveTo(PdcaPhase.Check, null, at);
            action.MoveTo(PdcaPhase.Act, "Measured: fewer breaches", at);
            action.RecordUpstreamChange(UpstreamChange.NewLesson(lesson.Id, aftersales.Id, at));
            action.MoveTo(PdcaPhase.Done, null, at);
            await db.SaveChangesAsync();
        }

        var a1 = Open(f1, 1, today.AddDays(30));
        var a2 = Open(f3, 15, today.AddDays(30));
        Open(f2, 40, today.AddDays(-1));
        Open(f5, 45, today.AddDays(30));
        await db.SaveChangesAsync();
        await DoneAsync(a1, 11);
        await DoneAsync(a2, 35);
        return (department.Id, DateOnly.FromDateTime(start));
    }
}
