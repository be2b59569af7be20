using Microsoft.EntityFrameworkCore;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;
using QualityGates.Web.Data;

namespace QualityGates.Web.Dashboard;

/// <summary>
/// Every figure of the dashboard, one method each, computed in the database by grouped queries over the
/// columns the domain verbs keep on Promise and GateReview (ADR 0017). Only the small grouped results come
/// back; names of departments, categories and customers are looked up for the few ids in them.
/// <para>
/// Periods: figures about promises count those <em>due</em> in the period; the decision figures (mix,
/// median days) count decisions <em>made</em> in it; traffic lights, promises due soon and overdue
/// conditions describe today and ignore the period.
/// </para>
/// </summary>
public sealed class DashboardQueries(QualityGatesDbContext db, TimeProvider time)
{
    public const int DueSoonDays = 14;
    public const int TopCustomers = 20;

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>The base of every figure: the user's scope first, then the filters.</summary>
    public IQueryable<Promise> InScope(DashboardFilter filter)
    {
        var promises = filter.EffectiveScope.Apply(db.Promises.AsNoTracking());
        if (filter.PromisingDepartmentId is { } promising)
        {
            promises = promises.Where(p => p.PromisingDepartmentId == promising);
        }

        if (filter.DeliveringDepartmentId is { } delivering)
        {
            promises = promises.Where(p => p.DeliveringDepartmentId == delivering);
        }

        if (filter.CategoryId is { } category)
        {
            promises = promises.Where(p => p.CategoryId == category);
        }

        if (filter.CustomerId is { } customer)
        {
            promises = promises.Where(p => p.CustomerId == customer);
        }

        return promises;
    }

    public IQueryable<Promise> DueInPeriod(DashboardFilter filter) =>
        InScope(filter).Where(p => p.DueDate >= filter.From && p.DueDate <= filter.To);

    private IQueryable<Promise> Judged(DashboardFilter filter) =>
        DueInPeriod(filter).Where(p => p.Status == PromiseStatus.Kept || p.Status == PromiseStatus.Broken);

    /// <summary>Open promises have a traffic light: approved, committed or in delivery.</summary>
    private IQueryable<Promise> Open(DashboardFilter filter) =>
        InScope(filter).Where(p => p.Status == PromiseStatus.Approved || p.Status == PromiseStatus.Committed || p.Status == PromiseStatus.InDelivery);

    // ---- Promise-kept rate ----------------------------------------------------------------------------

    public async Task<KeptRate> KeptRateAsync(DashboardFilter filter, CancellationToken ct = default) =>
        await Judged(filter).GroupBy(p => 1)
            .Select(g => new KeptRate(
                g.Count(p => p.Status == PromiseStatus.Kept),
                g.Count(p => p.Status == PromiseStatus.Broken),
                g.Count(p => p.OutcomeAgainstFirstTarget == OutcomeKind.Kept),
                g.Count(p => p.OutcomeAgainstFirstTarget == OutcomeKind.Broken)))
            .SingleOrDefaultAsync(ct) ?? KeptRate.None;

    /// <summary>The trend: one row per month of the due date that has judged promises, oldest first.</summary>
    public async Task<IReadOnlyList<KeptRateMonth>> KeptRateByMonthAsync(DashboardFilter filter, CancellationToken ct = default) =>
        await Judged(filter).GroupBy(p => new { p.DueDate.Year, p.DueDate.Month })
            .OrderBy(g => g.Key.Year).ThenBy(g => g.Key.Month)
            .Select(g => new KeptRateMonth(g.Key.Year, g.Key.Month, new KeptRate(
                g.Count(p => p.Status == PromiseStatus.Kept),
                g.Count(p => p.Status == PromiseStatus.Broken),
                g.Count(p => p.OutcomeAgainstFirstTarget == OutcomeKind.Kept),
                g.Count(p => p.OutcomeAgainstFirstTarget == OutcomeKind.Broken))))
            .ToListAsync(ct);

    public async Task<IReadOnlyList<KeptRateRow>> KeptRateByPromisingDepartmentAsync(DashboardFilter filter, CancellationToken ct = default) =>
        await NamedAsync(await Judged(filter).GroupBy(p => p.PromisingDepartmentId).Select(g => new Counted(g.Key, new KeptRate(
                g.Count(p => p.Status == PromiseStatus.Kept),
                g.Count(p => p.Status == PromiseStatus.Broken),
                g.Count(p => p.OutcomeAgainstFirstTarget == OutcomeKind.Kept),
                g.Count(p => p.OutcomeAgainstFirstTarget == OutcomeKind.Broken))))
            .ToListAsync(ct), DepartmentNamesAsync, ct);

    public async Task<IReadOnlyList<KeptRateRow>> KeptRateByDeliveringDepartmentAsync(DashboardFilter filter, CancellationToken ct = default) =>
        await NamedAsync(await Judged(filter).GroupBy(p => p.DeliveringDepartmentId).Select(g => new Counted(g.Key, new KeptRate(
                g.Count(p => p.Status == PromiseStatus.Kept),
                g.Count(p => p.Status == PromiseStatus.Broken),
                g.Count(p => p.OutcomeAgainstFirstTarget == OutcomeKind.Kept),
                g.Count(p => p.OutcomeAgainstFirstTarget == OutcomeKind.Broken))))
            .ToListAsync(ct), DepartmentNamesAsync, ct);

    public async Task<IReadOnlyList<KeptRateRow>> KeptRateByCategoryAsync(DashboardFilter filter, CancellationToken ct = default) =>
        await NamedAsync(await Judged(filter).GroupBy(p => p.CategoryId).Select(g => new Counted(g.Key, new KeptRate(
                g.Count(p => p.Status == PromiseStatus.Kept),
                g.Count(p => p.Status == PromiseStatus.Broken),
                g.Count(p => p.OutcomeAgainstFirstTarget == OutcomeKind.Kept),
                g.Count(p => p.OutcomeAgainstFirstTarget == OutcomeKind.Broken))))
            .ToListAsync(ct), CategoryNamesAsync, ct);

    /// <summary>The <see cref="TopCustomers"/> customers with the most judged promises; general claims (no customer) as one row with a null id.</summary>
    public async Task<IReadOnlyList<KeptRateRow>> KeptRateByCustomerAsync(DashboardFilter filter, CancellationToken ct = default)
    {
        var rows = await Judged(filter).GroupBy(p => p.CustomerId)
            .Select(g => new
            {
                CustomerId = g.Key,
                Counts = new KeptRate(
                    g.Count(p => p.Status == PromiseStatus.Kept),
                    g.Count(p => p.Status == PromiseStatus.Broken),
                    g.Count(p => p.OutcomeAgainstFirstTarget == OutcomeKind.Kept),
                    g.Count(p => p.OutcomeAgainstFirstTarget == OutcomeKind.Broken)),
                Total = g.Count(),
            })
            .OrderByDescending(r => r.Total).ThenBy(r => r.CustomerId)
            .Take(TopCustomers)
            .ToListAsync(ct);
        var ids = rows.Where(r => r.CustomerId != null).Select(r => r.CustomerId!.Value).ToList();
        var names = await db.Customers.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        return rows.Select(r => new KeptRateRow(r.CustomerId, r.CustomerId is { } id ? names.GetValueOrDefault(id, "") : "", r.Counts)).ToList();
    }

    // ---- Moving target, ungated, first pass, handover, breach -------------------------------------------

    public async Task<MovingTargetIndex> MovingTargetIndexAsync(DashboardFilter filter, CancellationToken ct = default) =>
        await DueInPeriod(filter).Where(p => p.Revision > 0).GroupBy(p => 1)
            .Select(g => new MovingTargetIndex(
                g.Count(),
                g.Sum(p => p.Revision - 1),
                g.Count(p => p.FirstApprovedRevision != null),
                g.Count(p => p.ChangedAfterApproval),
                g.Sum(p => (long)p.DueDateSlipDays)))
            .SingleOrDefaultAsync(ct) ?? new MovingTargetIndex(0, 0, 0, 0, 0);

    /// <summary>
    /// Committed promises that no feasibility decision ever approved: FirstApprovedRevision is set only when a
    /// G1 Go, Conditional Go or envelope pass approves the promise (GateReview → Promise.Approve), so a
    /// promise committed by any other way (an import, a script) shows here.
    /// </summary>
    public async Task<UngatedRate> UngatedRateAsync(DashboardFilter filter, CancellationToken ct = default) =>
        await DueInPeriod(filter).Where(p => p.CommittedOn != null).GroupBy(p => 1)
            .Select(g => new UngatedRate(g.Count(), g.Count(p => p.FirstApprovedRevision == null)))
            .SingleOrDefaultAsync(ct) ?? new UngatedRate(0, 0);

    public async Task<FirstPassYield> FirstPassYieldAsync(DashboardFilter filter, CancellationToken ct = default) =>
        await DueInPeriod(filter).Where(p => p.FirstFeasibilityDecision != null).GroupBy(p => 1)
            .Select(g => new FirstPassYield(
                g.Count(),
                g.Count(p => p.FirstFeasibilityDecision == GateDecision.Go || p.FirstFeasibilityDecision == GateDecision.ConditionalGo)))
            .SingleOrDefaultAsync(ct) ?? new FirstPassYield(0, 0);

    /// <summary>First-time acceptance of G2 per promising → delivering department pair.</summary>
    public async Task<IReadOnlyList<HandoverRow>> HandoverByDepartmentPairAsync(DashboardFilter filter, CancellationToken ct = default)
    {
        var rows = await DueInPeriod(filter).Where(p => p.HandoverAcceptedFirstTime != null)
            .GroupBy(p => new { p.PromisingDepartmentId, p.DeliveringDepartmentId })
            .Select(g => new
            {
                g.Key.PromisingDepartmentId,
                g.Key.DeliveringDepartmentId,
                Accepted = g.Count(p => p.HandoverAcceptedFirstTime == true),
                Returned = g.Count(p => p.HandoverAcceptedFirstTime == false),
            })
            .ToListAsync(ct);
        var names = await DepartmentNamesAsync(ct);
        return rows.Select(r => new HandoverRow(
                r.PromisingDepartmentId, names.GetValueOrDefault(r.PromisingDepartmentId, ""),
                r.DeliveringDepartmentId, names.GetValueOrDefault(r.DeliveringDepartmentId, ""), r.Accepted, r.Returned))
            .OrderBy(r => r.PromisingDepartmentName, StringComparer.CurrentCulture).ThenBy(r => r.DeliveringDepartmentName, StringComparer.CurrentCulture)
            .ToList();
    }

    /// <summary>Broken promises by breach cause and delivering department.</summary>
    public async Task<IReadOnlyList<BreachRow>> BreachCausesByDepartmentAsync(DashboardFilter filter, CancellationToken ct = default)
    {
        var rows = await DueInPeriod(filter).Where(p => p.Status == PromiseStatus.Broken && p.BreachCause != null)
            .GroupBy(p => new { p.DeliveringDepartmentId, p.BreachCause })
            .Select(g => new { g.Key.DeliveringDepartmentId, g.Key.BreachCause, Count = g.Count() })
            .ToListAsync(ct);
        var names = await DepartmentNamesAsync(ct);
        return rows.Select(r => new BreachRow(r.DeliveringDepartmentId, names.GetValueOrDefault(r.DeliveringDepartmentId, ""), r.BreachCause!.Value, r.Count))
            .OrderBy(r => r.DeliveringDepartmentName, StringComparer.CurrentCulture).ThenBy(r => r.Cause)
            .ToList();
    }

    // ---- Gate decisions (counted by the day they were made) ---------------------------------------------

    /// <summary>Feasibility reviews closed by a decision in the period, of promises in scope.</summary>
    private IQueryable<GateReview> FeasibilityDecisions(DashboardFilter filter)
    {
        var reviews = db.GateReviews.AsNoTracking()
            .Where(r => r.Stage == GateStage.Feasibility && r.State == GateReviewState.Decided
                        && r.DecidedAtUtc >= filter.FromUtc && r.DecidedAtUtc < filter.ToUtcExclusive);

        // Without promise filters the join is skipped: G1's deciding department is the delivering one.
        var scope = filter.EffectiveScope;
        if (filter.PromisingDepartmentId is null && filter.CategoryId is null && filter.CustomerId is null && scope.PromisingDepartmentId is null)
        {
            return (filter.DeliveringDepartmentId ?? scope.DeliveringDepartmentId) is { } deciding
                ? reviews.Where(r => r.DecidingDepartmentId == deciding)
                : reviews;
        }

        var promises = InScope(filter);
        return reviews.Where(r => promises.Any(p => p.Id == r.PromiseId));
    }

    public async Task<IReadOnlyList<DecisionMixRow>> DecisionMixByDepartmentAsync(DashboardFilter filter, CancellationToken ct = default)
    {
        var rows = await FeasibilityDecisions(filter).GroupBy(r => r.DecidingDepartmentId)
            .Select(g => new
            {
                DepartmentId = g.Key,
                Go = g.Count(r => r.Outcome == GateDecision.Go && !r.PassedByEnvelope),
                GoByEnvelope = g.Count(r => r.Outcome == GateDecision.Go && r.PassedByEnvelope),
                ConditionalGo = g.Count(r => r.Outcome == GateDecision.ConditionalGo),
                Recycle = g.Count(r => r.Outcome == GateDecision.Recycle),
                NoGo = g.Count(r => r.Outcome == GateDecision.NoGo),
            })
            .ToListAsync(ct);
        var names = await DepartmentNamesAsync(ct);
        return rows.Select(r => new DecisionMixRow(r.DepartmentId, names.GetValueOrDefault(r.DepartmentId, ""), r.Go, r.GoByEnvelope, r.ConditionalGo, r.Recycle, r.NoGo))
            .OrderBy(r => r.DepartmentName, StringComparer.CurrentCulture)
            .ToList();
    }

    /// <summary>
    /// The median days from submission to a human G1 decision (envelope passes take no time and are left
    /// out). Portable across SQLite, PostgreSQL and SQL Server: count, then read the one or two middle
    /// values of the ordered list (Skip/Take) — no percentile_cont, which SQLite lacks.
    /// </summary>
    public async Task<MedianDaysToDecision> MedianDaysToDecisionAsync(DashboardFilter filter, CancellationToken ct = default)
    {
        var days = FeasibilityDecisions(filter).Where(r => !r.PassedByEnvelope && r.DaysToDecision != null).Select(r => r.DaysToDecision!.Value);
        var count = await days.CountAsync(ct);
        if (count == 0)
        {
            return new MedianDaysToDecision(0, null);
        }

        var middle = await days.OrderBy(d => d).Skip((count - 1) / 2).Take(count % 2 == 0 ? 2 : 1).ToListAsync(ct);
        return new MedianDaysToDecision(count, middle.Average());
    }

    // ---- Today ------------------------------------------------------------------------------------------

    /// <summary>Unresolved conditions of gate decisions whose due date has passed, on promises in scope (today, not the period).</summary>
    public async Task<int> OpenConditionsPastDueAsync(DashboardFilter filter, CancellationToken ct = default)
    {
        var today = Today;
        var promises = InScope(filter);
        return await db.GateReviews.AsNoTracking()
            .Where(r => promises.Any(p => p.Id == r.PromiseId))
            .SelectMany(r => r.Conditions)
            .CountAsync(c => c.ResolvedAtUtc == null && c.DueDate < today, ct);
    }

    /// <summary>
    /// Open promises per delivering department by traffic light, the same rule as <see cref="Promise.Light"/>:
    /// red when at risk without a measure, a condition overdue or the due date passed; yellow when at risk
    /// or conditions open; green otherwise.
    /// </summary>
    public async Task<IReadOnlyList<TrafficLightRow>> TrafficLightsByDepartmentAsync(DashboardFilter filter, CancellationToken ct = default)
    {
        var today = Today;
        var rows = await Open(filter)
            .Select(p => new
            {
                p.DeliveringDepartmentId,
                Red = (p.AtRisk && p.RiskMeasure == null) || p.DueDate < today
                      || db.GateReviews.Where(r => r.PromiseId == p.Id).SelectMany(r => r.Conditions).Any(c => c.ResolvedAtUtc == null && c.DueDate < today),
                Yellow = p.AtRisk || db.GateReviews.Where(r => r.PromiseId == p.Id).SelectMany(r => r.Conditions).Any(c => c.ResolvedAtUtc == null),
            })
            .GroupBy(p => p.DeliveringDepartmentId)
            .Select(g => new
            {
                DepartmentId = g.Key,
                Green = g.Count(p => !p.Red && !p.Yellow),
                Yellow = g.Count(p => !p.Red && p.Yellow),
                Red = g.Count(p => p.Red),
            })
            .ToListAsync(ct);
        var names = await DepartmentNamesAsync(ct);
        return rows.Select(r => new TrafficLightRow(r.DepartmentId, names.GetValueOrDefault(r.DepartmentId, ""), r.Green, r.Yellow, r.Red))
            .OrderBy(r => r.DeliveringDepartmentName, StringComparer.CurrentCulture)
            .ToList();
    }

    /// <summary>Open promises due today or within the next <see cref="DueSoonDays"/> days, still without an outcome.</summary>
    public async Task<int> DueSoonWithoutOutcomeAsync(DashboardFilter filter, CancellationToken ct = default)
    {
        var today = Today;
        var until = today.AddDays(DueSoonDays);
        return await Open(filter).CountAsync(p => p.DueDate >= today && p.DueDate <= until, ct);
    }

    // ---- Names --------------------------------------------------------------------------------------------

    private sealed record Counted(int Id, KeptRate Counts);

    private static async Task<IReadOnlyList<KeptRateRow>> NamedAsync(
        List<Counted> rows, Func<CancellationToken, Task<Dictionary<int, string>>> names, CancellationToken ct)
    {
        var lookup = await names(ct);
        return rows.Select(r => new KeptRateRow(r.Id, lookup.GetValueOrDefault(r.Id, ""), r.Counts))
            .OrderBy(r => r.Name, StringComparer.CurrentCulture)
            .ToList();
    }

    // Departments and categories are a handful of rows: one small read per figure.
    private Task<Dictionary<int, string>> DepartmentNamesAsync(CancellationToken ct) =>
        db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);

    private Task<Dictionary<int, string>> CategoryNamesAsync(CancellationToken ct) =>
        db.PromiseCategories.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);
}
