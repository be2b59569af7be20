using Microsoft.Extensions.DependencyInjection;
using QualityGates.Domain.Promises;
using QualityGates.Web.Dashboard;
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
}
