using Microsoft.EntityFrameworkCore;
using QualityGates.Domain.Feedback;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Improvement;
using QualityGates.Domain.Promises;
using QualityGates.Web.Data;
using QualityGates.Web.Data.Summaries;
using QualityGates.Web.Localization;

namespace QualityGates.Web.Dashboard;

/// <summary>
/// Every figure of the dashboard, one method each. A period of whole months without a customer filter reads the
/// summary tables (ADR 0021), whose size does not grow with the history; any other view recounts the base
/// tables (ADR 0017) through their indexes: a customer's promises, or one period's records. Only small grouped
/// results come back; names of departments, categories and customers are looked up for the few ids in them.
/// <para>
/// Periods: figures about promises count those <em>due</em> in the period; the decision figures (mix,
/// median days) count decisions <em>made</em> in it, the KVP figures actions opened or done and feedback
/// filed in it; traffic lights, promises due soon, overdue conditions and overdue actions describe today.
/// </para>
/// </summary>
public sealed class DashboardQueries(QualityGatesDbContext db, TimeProvider time)
{
    public const int DueSoonDays = 14;
    public const int TopCustomers = 20;

    // Departments and categories are a handful of rows: read once per request (this object lives as long).
    private Dictionary<int, string>? _departmentNames;
    private Dictionary<int, string>? _categoryNames;
    private readonly Dictionary<DashboardFilter, Task<List<PromiseMonthFigures>>> _monthRows = [];

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>Recount every figure from the base tables, never from the summaries (the tests compare both).</summary>
    public bool FromBaseTables { get; init; }

    private bool Summarized(DashboardFilter filter) => !FromBaseTables && filter.IsWholeMonths && filter.CustomerId is null;

    /// <summary>
    /// The promise figures of the months in view, narrowed as the filter and scope narrow the promises: at most
    /// months × departments × categories rows, read once per request and shared by the ten figures they answer.
    /// </summary>
    private Task<List<PromiseMonthFigures>> MonthRowsAsync(DashboardFilter filter, CancellationToken ct)
    {
        if (!_monthRows.TryGetValue(filter, out var rows))
        {
            _monthRows[filter] = rows = MonthFigures(filter).ToListAsync(ct);
        }

        return rows;
    }

    private IQueryable<PromiseMonthFigures> MonthFigures(DashboardFilter filter)
    {
        var rows = db.PromiseMonthFigures.AsNoTracking().Where(r => r.Month >= filter.FromMonth && r.Month <= filter.ToMonth);
        foreach (var (slice, id) in filter.Narrowing())
        {
            rows = slice switch
            {
                SummarySlice.PromisingDepartment => rows.Where(r => r.PromisingDepartmentId == id),
                SummarySlice.DeliveringDepartment => rows.Where(r => r.DeliveringDepartmentId == id),
                _ => rows.Where(r => r.CategoryId == id),
            };
        }

        return rows;
    }

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
        Summarized(filter)
            ? KeptSums.Of(await MonthRowsAsync(filter, ct)).Rate
            : await Judged(filter).GroupBy(p => 1)
                .Select(g => new KeptRate(
                    g.Count(p => p.Status == PromiseStatus.Kept),
                    g.Count(p => p.Status == PromiseStatus.Broken),
                    g.Count(p => p.OutcomeAgainstFirstTarget == OutcomeKind.Kept),
                    g.Count(p => p.OutcomeAgainstFirstTarget == OutcomeKind.Broken)))
                .SingleOrDefaultAsync(ct) ?? KeptRate.None;

    /// <summary>The trend: one row per month of the due date that has judged promises, oldest first.</summary>
    public async Task<IReadOnlyList<KeptRateMonth>> KeptRateByMonthAsync(DashboardFilter filter, CancellationToken ct = default) =>
        Summarized(filter)
            ? (await MonthRowsAsync(filter, ct)).GroupBy(r => r.Month)
                .Select(g => new { Month = g.Key, Sums = KeptSums.Of(g) })
                .Where(m => m.Sums.IsJudged).OrderBy(m => m.Month)
                .Select(m => new KeptRateMonth(m.Month / 100, m.Month % 100, m.Sums.Rate)).ToList()
            : await Judged(filter).GroupBy(p => new { p.DueDate.Year, p.DueDate.Month })
                .OrderBy(g => g.Key.Year).ThenBy(g => g.Key.Month)
                .Select(g => new KeptRateMonth(g.Key.Year, g.Key.Month, new KeptRate(
                    g.Count(p => p.Status == PromiseStatus.Kept),
                    g.Count(p => p.Status == PromiseStatus.Broken),
                    g.Count(p => p.OutcomeAgainstFirstTarget == OutcomeKind.Kept),
                    g.Count(p => p.OutcomeAgainstFirstTarget == OutcomeKind.Broken))))
                .ToListAsync(ct);

    public async Task<IReadOnlyList<KeptRateRow>> KeptRateByPromisingDepartmentAsync(DashboardFilter filter, CancellationToken ct = default) =>
        await NamedAsync(Summarized(filter)
            ? KeptRateGroups((await MonthRowsAsync(filter, ct)).GroupBy(r => r.PromisingDepartmentId))
            : await KeptRateGroupsAsync(Judged(filter).GroupBy(p => p.PromisingDepartmentId), ct), DepartmentNamesAsync, ct);

    public async Task<IReadOnlyList<KeptRateRow>> KeptRateByDeliveringDepartmentAsync(DashboardFilter filter, CancellationToken ct = default) =>
        await NamedAsync(Summarized(filter)
            ? KeptRateGroups((await MonthRowsAsync(filter, ct)).GroupBy(r => r.DeliveringDepartmentId))
            : await KeptRateGroupsAsync(Judged(filter).GroupBy(p => p.DeliveringDepartmentId), ct), DepartmentNamesAsync, ct);

    public async Task<IReadOnlyList<KeptRateRow>> KeptRateByCategoryAsync(DashboardFilter filter, CancellationToken ct = default) =>
        await NamedAsync(Summarized(filter)
            ? KeptRateGroups((await MonthRowsAsync(filter, ct)).GroupBy(r => r.CategoryId))
            : await KeptRateGroupsAsync(Judged(filter).GroupBy(p => p.CategoryId), ct), CategoryNamesAsync, ct);

    /// <summary>The <see cref="TopCustomers"/> customers with the most judged promises; general claims (no customer) as one row with a null id.</summary>
    public async Task<IReadOnlyList<KeptRateRow>> KeptRateByCustomerAsync(DashboardFilter filter, CancellationToken ct = default)
    {
        var rows = Summarized(filter) && filter.Slice() is var (slice, sliceId)
            ? await db.CustomerMonthFigures.AsNoTracking()
                .Where(r => r.Slice == slice && r.SliceId == sliceId && r.Month >= filter.FromMonth && r.Month <= filter.ToMonth)
                .GroupBy(r => r.CustomerId)
                .Select(g => new CustomerSums
                {
                    CustomerId = g.Key, Kept = g.Sum(r => r.Kept), Broken = g.Sum(r => r.Broken),
                    KeptAgainstFirst = g.Sum(r => r.KeptAgainstFirst), BrokenAgainstFirst = g.Sum(r => r.BrokenAgainstFirst),
                })
                .Where(r => r.Kept + r.Broken > 0)
                .OrderByDescending(r => r.Kept + r.Broken).ThenBy(r => r.CustomerId)
                .Take(TopCustomers)
                .ToListAsync(ct)
            : await Judged(filter).GroupBy(p => p.CustomerId ?? 0)
                .Select(g => new CustomerSums
                {
                    CustomerId = g.Key,
                    Kept = g.Count(p => p.Status == PromiseStatus.Kept),
                    Broken = g.Count(p => p.Status == PromiseStatus.Broken),
                    KeptAgainstFirst = g.Count(p => p.OutcomeAgainstFirstTarget == OutcomeKind.Kept),
                    BrokenAgainstFirst = g.Count(p => p.OutcomeAgainstFirstTarget == OutcomeKind.Broken),
                })
                .OrderByDescending(r => r.Kept + r.Broken).ThenBy(r => r.CustomerId)
                .Take(TopCustomers)
                .ToListAsync(ct);
        var ids = rows.Where(r => r.CustomerId != 0).Select(r => r.CustomerId).ToList();
        var names = await db.Customers.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        return rows.Select(r => new KeptRateRow(r.CustomerId == 0 ? null : r.CustomerId, names.GetValueOrDefault(r.CustomerId, ""),
            new KeptSums(r.Kept, r.Broken, r.KeptAgainstFirst, r.BrokenAgainstFirst).Rate)).ToList();
    }

    // ---- Moving target, ungated, first pass, handover, breach -------------------------------------------

    public async Task<MovingTargetIndex> MovingTargetIndexAsync(DashboardFilter filter, CancellationToken ct = default) =>
        Summarized(filter)
            ? MovingTargetOf(await MonthRowsAsync(filter, ct))
            : await DueInPeriod(filter).Where(p => p.Revision > 0).GroupBy(p => 1)
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
        Summarized(filter)
            ? UngatedOf(await MonthRowsAsync(filter, ct))
            : await DueInPeriod(filter).Where(p => p.CommittedOn != null).GroupBy(p => 1)
                .Select(g => new UngatedRate(g.Count(), g.Count(p => p.FirstApprovedRevision == null)))
                .SingleOrDefaultAsync(ct) ?? new UngatedRate(0, 0);

    public async Task<FirstPassYield> FirstPassYieldAsync(DashboardFilter filter, CancellationToken ct = default) =>
        Summarized(filter)
            ? FirstPassOf(await MonthRowsAsync(filter, ct))
            : await DueInPeriod(filter).Where(p => p.FirstFeasibilityDecision != null).GroupBy(p => 1)
                .Select(g => new FirstPassYield(
                    g.Count(),
                    g.Count(p => p.FirstFeasibilityDecision == GateDecision.Go || p.FirstFeasibilityDecision == GateDecision.ConditionalGo)))
                .SingleOrDefaultAsync(ct) ?? new FirstPassYield(0, 0);

    /// <summary>First-time acceptance of G2 per promising → delivering department pair.</summary>
    public async Task<IReadOnlyList<HandoverRow>> HandoverByDepartmentPairAsync(DashboardFilter filter, CancellationToken ct = default)
    {
        var rows = Summarized(filter)
            ? (await MonthRowsAsync(filter, ct)).GroupBy(r => (r.PromisingDepartmentId, r.DeliveringDepartmentId))
                .Select(g => new PairCounts(g.Key.PromisingDepartmentId, g.Key.DeliveringDepartmentId, g.Sum(r => r.HandoverAccepted), g.Sum(r => r.HandoverReturned)))
                .Where(r => r.Accepted + r.Returned > 0).ToList()
            : await DueInPeriod(filter).Where(p => p.HandoverAcceptedFirstTime != null)
                .GroupBy(p => new { p.PromisingDepartmentId, p.DeliveringDepartmentId })
                .Select(g => new PairCounts(
                    g.Key.PromisingDepartmentId, g.Key.DeliveringDepartmentId,
                    g.Count(p => p.HandoverAcceptedFirstTime == true), g.Count(p => p.HandoverAcceptedFirstTime == false)))
                .ToListAsync(ct);
        var names = await DepartmentNamesAsync(ct);
        return rows.Select(r => new HandoverRow(
                r.PromisingDepartmentId, names.GetValueOrDefault(r.PromisingDepartmentId, ""),
                r.DeliveringDepartmentId, names.GetValueOrDefault(r.DeliveringDepartmentId, ""), (int)r.Accepted, (int)r.Returned))
            .OrderBy(r => r.PromisingDepartmentName, StringComparer.CurrentCulture).ThenBy(r => r.DeliveringDepartmentName, StringComparer.CurrentCulture)
            .ToList();
    }

    /// <summary>Broken promises by breach cause and delivering department.</summary>
    public async Task<IReadOnlyList<BreachRow>> BreachCausesByDepartmentAsync(DashboardFilter filter, CancellationToken ct = default)
    {
        List<(int DepartmentId, BreachCause Cause, long Count)> rows;
        if (Summarized(filter))
        {
            var departments = (await MonthRowsAsync(filter, ct)).GroupBy(r => r.DeliveringDepartmentId)
                .Select(g => new
                {
                    DepartmentId = g.Key,
                    UnrealisticAtGate = g.Sum(r => r.BrokenUnrealisticAtGate),
                    LostAtHandover = g.Sum(r => r.BrokenLostAtHandover),
                    ChangedByCustomer = g.Sum(r => r.BrokenChangedByCustomer),
                    Execution = g.Sum(r => r.BrokenExecution),
                })
                .ToList();
            rows = departments.SelectMany(d => new[]
                {
                    (d.DepartmentId, BreachCause.UnrealisticAtGate, d.UnrealisticAtGate), (d.DepartmentId, BreachCause.LostAtHandover, d.LostAtHandover),
                    (d.DepartmentId, BreachCause.ChangedByCustomer, d.ChangedByCustomer), (d.DepartmentId, BreachCause.Execution, d.Execution),
                })
                .Where(r => r.Item3 > 0).ToList();
        }
        else
        {
            rows = (await DueInPeriod(filter).Where(p => p.Status == PromiseStatus.Broken && p.BreachCause != null)
                    .GroupBy(p => new { p.DeliveringDepartmentId, p.BreachCause })
                    .Select(g => new { g.Key.DeliveringDepartmentId, g.Key.BreachCause, Count = g.Count() })
                    .ToListAsync(ct))
                .Select(r => (r.DeliveringDepartmentId, r.BreachCause!.Value, (long)r.Count)).ToList();
        }

        var names = await DepartmentNamesAsync(ct);
        return rows.Select(r => new BreachRow(r.DepartmentId, names.GetValueOrDefault(r.DepartmentId, ""), r.Cause, (int)r.Count))
            .OrderBy(r => r.DeliveringDepartmentName, StringComparer.CurrentCulture).ThenBy(r => r.Cause)
            .ToList();
    }

    // ---- Gate decisions (counted by the day they were made) ---------------------------------------------

    /// <summary>
    /// Reviews of a gate closed by a decision in the period, narrowed by the departments and category of the promise as
    /// the review judged it (kept on the review; the delivering department is the review's link); by its customer
    /// through the promise.
    /// </summary>
    private IQueryable<GateReview> Decided(DashboardFilter filter, GateStage stage = GateStage.Feasibility)
    {
        var reviews = db.GateReviews.AsNoTracking()
            .Where(r => r.Stage == stage && r.State == GateReviewState.Decided
                        && r.DecidedAtUtc >= filter.FromUtc && r.DecidedAtUtc < filter.ToUtcExclusive);
        foreach (var (slice, id) in filter.Narrowing())
        {
            reviews = slice switch
            {
                SummarySlice.PromisingDepartment => reviews.Where(r => r.PromisingDepartmentId == id),
                SummarySlice.DeliveringDepartment => reviews.Where(r => r.DeliveringDepartmentId == id),
                _ => reviews.Where(r => r.CategoryId == id),
            };
        }

        if (filter.CustomerId is { } customer)
        {
            reviews = reviews.Where(r => db.Promises.Any(p => p.Id == r.PromiseId && p.CustomerId == customer));
        }

        return reviews;
    }

    public async Task<IReadOnlyList<DecisionMixRow>> DecisionMixByDepartmentAsync(DashboardFilter filter, CancellationToken ct = default)
    {
        List<DecisionMixRow> rows;
        if (Summarized(filter))
        {
            var decisions = db.DecisionMonthFigures.AsNoTracking().Where(r => r.Month >= filter.FromMonth && r.Month <= filter.ToMonth);
            foreach (var (slice, id) in filter.Narrowing())
            {
                decisions = slice switch
                {
                    SummarySlice.PromisingDepartment => decisions.Where(r => r.PromisingDepartmentId == id),
                    SummarySlice.DeliveringDepartment => decisions.Where(r => r.DeliveringDepartmentId == id),
                    _ => decisions.Where(r => r.CategoryId == id),
                };
            }

            rows = (await decisions.GroupBy(r => r.DecidingDepartmentId)
                    .Select(g => new DecisionMixRow(g.Key, "", (int)g.Sum(r => r.Go), (int)g.Sum(r => r.GoByEnvelope), (int)g.Sum(r => r.ConditionalGo), (int)g.Sum(r => r.Recycle), (int)g.Sum(r => r.NoGo)))
                    .ToListAsync(ct))
                .Where(r => r.Total > 0).ToList();
        }
        else
        {
            rows = await Decided(filter).GroupBy(r => r.DecidingDepartmentId)
                .Select(g => new DecisionMixRow(
                    g.Key,
                    "",
                    g.Count(r => r.Outcome == GateDecision.Go && !r.PassedByEnvelope),
                    g.Count(r => r.Outcome == GateDecision.Go && r.PassedByEnvelope),
                    g.Count(r => r.Outcome == GateDecision.ConditionalGo),
                    g.Count(r => r.Outcome == GateDecision.Recycle),
                    g.Count(r => r.Outcome == GateDecision.NoGo)))
                .ToListAsync(ct);
        }

        var names = await DepartmentNamesAsync(ct);
        return rows.Select(r => r with { DepartmentName = names.GetValueOrDefault(r.DepartmentId, "") })
            .OrderBy(r => r.DepartmentName, StringComparer.CurrentCulture)
            .ToList();
    }

    /// <summary>
    /// The median time from submission to a human G1 decision, in days measured to the hour (envelope passes
    /// take no time and are left out). From the hour histogram of the view's slice; otherwise portable across
    /// SQLite, PostgreSQL and SQL Server: count, then read the one or two middle values of the ordered list
    /// (Skip/Take) — no percentile_cont, which SQLite lacks.
    /// </summary>
    public async Task<MedianDaysToDecision> MedianDaysToDecisionAsync(DashboardFilter filter, CancellationToken ct = default)
    {
        if (Summarized(filter) && filter.Slice() is var (slice, sliceId))
        {
            var (count, median) = await HistogramMedianAsync(DurationKind.DaysToDecision, slice, sliceId, filter, ct);
            return new MedianDaysToDecision(count, median);
        }

        var (decisions, middle) = await MedianAsync(Decided(filter).Where(r => !r.PassedByEnvelope && r.DaysToDecision != null).Select(r => r.DaysToDecision!.Value), ct);
        return new MedianDaysToDecision(decisions, middle);
    }

    /// <summary>The median, in days to the hour, of the durations in a histogram slice over the filter's months.</summary>
    private async Task<(int Count, double? Median)> HistogramMedianAsync(DurationKind kind, SummarySlice slice, int sliceId, DashboardFilter filter, CancellationToken ct)
    {
        var buckets = await Histograms(kind, slice, filter).Where(h => h.SliceId == sliceId)
            .GroupBy(h => h.Hours)
            .Select(g => new HourBucket { SliceId = sliceId, Hours = g.Key, Count = g.Sum(h => h.Count) })
            .Where(h => h.Count > 0)
            .ToListAsync(ct);
        return MedianOf(buckets);
    }

    private IQueryable<DurationHistogram> Histograms(DurationKind kind, SummarySlice slice, DashboardFilter filter) =>
        db.DurationHistograms.AsNoTracking()
            .Where(h => h.Kind == kind && h.Slice == slice && h.Month >= filter.FromMonth && h.Month <= filter.ToMonth);

    /// <summary>The count and median of one slice's hour buckets (any order): the mean of the one or two middle values.</summary>
    private static (int Count, double? Median) MedianOf(IReadOnlyCollection<HourBucket> buckets)
    {
        var count = buckets.Sum(h => h.Count);
        if (count == 0)
        {
            return (0, null);
        }

        var ordered = buckets.OrderBy(h => h.Hours).ToList();
        double ValueAt(long position)
        {
            foreach (var h in ordered)
            {
                if (position < h.Count)
                {
                    return h.Hours;
                }

                position -= h.Count;
            }

            throw new InvalidOperationException("Position beyond the histogram.");
        }

        var median = (ValueAt((count - 1) / 2) + ValueAt(count / 2)) / 2;
        return ((int)count, Durations.Days(median));
    }

    /// <summary>The median of base-table durations in days, to the hour as the histograms keep them.</summary>
    private static async Task<(int Count, double? Median)> MedianAsync(IQueryable<double> days, CancellationToken ct)
    {
        var count = await days.CountAsync(ct);
        if (count == 0)
        {
            return (0, null);
        }

        var middle = await days.OrderBy(d => d).Skip((count - 1) / 2).Take(count % 2 == 0 ? 2 : 1).ToListAsync(ct);
        return (count, Durations.Days(middle.Average(d => (double)Durations.Hours(d))));
    }

    // ---- Along the value chains ------------------------------------------------------------------------
    // Counted when they happen (a handover accepted, a link handing on) except the broken promises, which count by
    // their due date as every promise figure does. Summaries answer a whole-months view of everything; a narrowed view
    // recounts the period's records.

    /// <summary>Accepted handovers per pair: the promising side to the first link, and each link to the next.</summary>
    public async Task<IReadOnlyList<ChainHandoverRow>> HandoversAlongChainsAsync(DashboardFilter filter, CancellationToken ct = default)
    {
        var rows = Summarized(filter) && filter.Narrowing().Count == 0
            ? await db.HandoverPairMonthFigures.AsNoTracking().Where(r => r.Month >= filter.FromMonth && r.Month <= filter.ToMonth)
                .GroupBy(r => new { r.FromDepartmentId, r.ToDepartmentId })
                .Select(g => new { From = g.Key.FromDepartmentId, To = g.Key.ToDepartmentId, Accepted = g.Sum(r => r.Accepted), FirstTime = g.Sum(r => r.AcceptedFirstTime), Returns = g.Sum(r => r.Returns) })
                .ToListAsync(ct)
            : await Decided(filter, GateStage.Handover).Where(r => r.HandingOverDepartmentId != null)
                .GroupBy(r => new { From = r.HandingOverDepartmentId!.Value, To = r.DecidingDepartmentId })
                .Select(g => new { g.Key.From, g.Key.To, Accepted = (long)g.Count(), FirstTime = (long)g.Count(r => r.Returns == 0), Returns = (long)g.Sum(r => r.Returns) })
                .ToListAsync(ct);
        var names = await DepartmentNamesAsync(ct);
        return rows.Where(r => r.Accepted > 0)
            .Select(r => new ChainHandoverRow(r.From, names.GetValueOrDefault(r.From, ""), r.To, names.GetValueOrDefault(r.To, ""), (int)r.Accepted, (int)r.FirstTime, (int)r.Returns))
            .OrderBy(r => r.FromDepartmentName, StringComparer.CurrentCulture).ThenBy(r => r.ToDepartmentName, StringComparer.CurrentCulture)
            .ToList();
    }

    /// <summary>The median time each department held promises before the next link accepted them, over the links handed on in the period.</summary>
    public async Task<IReadOnlyList<LinkHoldRow>> LinkHoldTimesAsync(DashboardFilter filter, CancellationToken ct = default)
    {
        var names = await DepartmentNamesAsync(ct);
        var rows = new List<LinkHoldRow>();
        if (Summarized(filter) && filter.Narrowing().Count == 0)
        {
            // Every department's buckets in one read: one pass over the period's rows instead of one per department.
            var buckets = await Histograms(DurationKind.LinkHeld, SummarySlice.DeliveringDepartment, filter)
                .GroupBy(h => new { h.SliceId, h.Hours })
                .Select(g => new HourBucket { SliceId = g.Key.SliceId, Hours = g.Key.Hours, Count = g.Sum(h => h.Count) })
                .Where(h => h.Count > 0)
                .ToListAsync(ct);
            rows.AddRange(buckets.GroupBy(h => h.SliceId).Select(g =>
            {
                var (count, median) = MedianOf(g.ToList());
                return new LinkHoldRow(g.Key, names.GetValueOrDefault(g.Key, ""), count, median);
            }));
        }
        else
        {
            var inView = InScope(filter);
            var held = await db.PromiseLinks.AsNoTracking()
                .Where(l => l.HandedOnAtUtc >= filter.FromUtc && l.HandedOnAtUtc < filter.ToUtcExclusive && inView.Any(p => p.Id == l.PromiseId))
                .Select(l => new { l.DepartmentId, l.ReceivedAtUtc, l.HandedOnAtUtc })
                .ToListAsync(ct);
            rows.AddRange(held.GroupBy(l => l.DepartmentId).Select(g =>
            {
                var hours = g.Select(l => Durations.Hours((l.HandedOnAtUtc!.Value - l.ReceivedAtUtc!.Value).TotalDays)).Order().ToList();
                var median = (hours[(hours.Count - 1) / 2] + hours[hours.Count / 2]) / 2.0;
                return new LinkHoldRow(g.Key, names.GetValueOrDefault(g.Key, ""), hours.Count, Durations.Days(median));
            }));
        }

        return rows.OrderBy(r => r.DepartmentName, StringComparer.CurrentCulture).ToList();
    }

    /// <summary>Broken promises due in the period by the link where they broke.</summary>
    public async Task<IReadOnlyList<BrokenAtRow>> BrokenByLinkAsync(DashboardFilter filter, CancellationToken ct = default)
    {
        List<(int DepartmentId, long Broken)> rows;
        if (Summarized(filter))
        {
            var breaks = db.BreakMonthFigures.AsNoTracking().Where(r => r.Month >= filter.FromMonth && r.Month <= filter.ToMonth);
            foreach (var (slice, id) in filter.Narrowing())
            {
                breaks = slice switch
                {
                    SummarySlice.PromisingDepartment => breaks.Where(r => r.PromisingDepartmentId == id),
                    SummarySlice.DeliveringDepartment => breaks.Where(r => r.DeliveringDepartmentId == id),
                    _ => breaks.Where(r => r.CategoryId == id),
                };
            }

            rows = (await breaks.GroupBy(r => r.BrokenAtDepartmentId).Select(g => new { g.Key, Broken = g.Sum(r => r.Broken) }).ToListAsync(ct))
                .Select(r => (r.Key, r.Broken)).ToList();
        }
        else
        {
            rows = (await Judged(filter).Where(p => p.Status == PromiseStatus.Broken && p.BrokenAtDepartmentId != null)
                    .GroupBy(p => p.BrokenAtDepartmentId!.Value).Select(g => new { g.Key, Broken = g.Count() }).ToListAsync(ct))
                .Select(r => (r.Key, (long)r.Broken)).ToList();
        }

        var names = await DepartmentNamesAsync(ct);
        return rows.Where(r => r.Broken > 0).Select(r => new BrokenAtRow(r.DepartmentId, names.GetValueOrDefault(r.DepartmentId, ""), (int)r.Broken))
            .OrderBy(r => r.DepartmentName, StringComparer.CurrentCulture).ToList();
    }

    // ---- Today ------------------------------------------------------------------------------------------

    /// <summary>
    /// Promises in scope with an unresolved gate condition past its due date (today, not the period): the
    /// earliest open condition's due date is kept on the promise (<see cref="Promise.OpenConditionsDueOn"/>), and
    /// its filtered index holds only the promises with open conditions. Promises, not conditions, so that the
    /// register behind the figure lists as many as it counts.
    /// </summary>
    public async Task<int> OpenConditionsPastDueAsync(DashboardFilter filter, CancellationToken ct = default)
    {
        var today = Today;
        return await InScope(filter).CountAsync(p => p.OpenConditionsDueOn != null && p.OpenConditionsDueOn < today, ct);
    }

    /// <summary>
    /// Open promises per delivering department by traffic light, the same rule as <see cref="Promise.Light"/>:
    /// red when at risk without a measure, a condition overdue or the due date passed; yellow when at risk
    /// or conditions open; green otherwise. Without a customer filter the risk levels come from the counts kept
    /// with every change, and only the open promises that time or conditions move (overdue, or with open
    /// conditions: today's problems, read through their indexes) are looked at one by one.
    /// </summary>
    public async Task<IReadOnlyList<TrafficLightRow>> TrafficLightsByDepartmentAsync(DashboardFilter filter, CancellationToken ct = default)
    {
        var today = Today;
        var rows = FromBaseTables || filter.CustomerId is not null
            ? await LightsFromBaseTablesAsync(filter, today, ct)
            : await LightsFromCountsAsync(filter, today, ct);
        var names = await DepartmentNamesAsync(ct);
        return rows.Select(r => r with { DeliveringDepartmentName = names.GetValueOrDefault(r.DeliveringDepartmentId, "") })
            .OrderBy(r => r.DeliveringDepartmentName, StringComparer.CurrentCulture)
            .ToList();
    }

    private async Task<List<TrafficLightRow>> LightsFromBaseTablesAsync(DashboardFilter filter, DateOnly today, CancellationToken ct) =>
        await Open(filter)
            .Select(p => new
            {
                p.DeliveringDepartmentId,
                Red = (p.AtRisk && p.RiskMeasure == null) || p.DueDate < today
                      || db.GateReviews.Where(r => r.PromiseId == p.Id).SelectMany(r => r.Conditions).Any(c => c.ResolvedAtUtc == null && c.DueDate < today),
                Yellow = p.AtRisk || db.GateReviews.Where(r => r.PromiseId == p.Id).SelectMany(r => r.Conditions).Any(c => c.ResolvedAtUtc == null),
            })
            .GroupBy(p => p.DeliveringDepartmentId)
            .Select(g => new TrafficLightRow(g.Key, "", g.Count(p => !p.Red && !p.Yellow), g.Count(p => !p.Red && p.Yellow), g.Count(p => p.Red)))
            .ToListAsync(ct);

    private async Task<List<TrafficLightRow>> LightsFromCountsAsync(DashboardFilter filter, DateOnly today, CancellationToken ct)
    {
        var counts = db.PromiseCounts.AsNoTracking()
            .Where(c => c.Status == PromiseStatus.Approved || c.Status == PromiseStatus.Committed || c.Status == PromiseStatus.InDelivery);
        foreach (var (slice, id) in filter.Narrowing())
        {
            counts = slice switch
            {
                SummarySlice.PromisingDepartment => counts.Where(r => r.PromisingDepartmentId == id),
                SummarySlice.DeliveringDepartment => counts.Where(r => r.DeliveringDepartmentId == id),
                _ => counts.Where(r => r.CategoryId == id),
            };
        }

        var byRisk = await counts.GroupBy(c => new { c.DeliveringDepartmentId, c.Risk })
            .Select(g => new { g.Key.DeliveringDepartmentId, g.Key.Risk, Count = g.Sum(c => c.Count) })
            .ToListAsync(ct);

        // The open promises whose light is not their risk's: overdue (red), or with open conditions (red once one
        // is overdue, else yellow). Those not at risk are counted per department from indexes that hold every column
        // they read (A: overdue, B: with open conditions, both: overdue with open conditions).
        var open = Open(filter);
        // Parameters, not constants: EF writes a constant as NOT "AtRisk", which no index can seek.
        var plain = false;
        var overdue = await open.Where(p => p.AtRisk == plain && p.DueDate < today)
            .GroupBy(p => p.DeliveringDepartmentId).Select(g => new { DepartmentId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.DepartmentId, g => g.Count, ct);
        var conditions = await open.Where(p => p.AtRisk == plain && p.OpenConditionsDueOn != null)
            .GroupBy(p => p.DeliveringDepartmentId)
            .Select(g => new
            {
                DepartmentId = g.Key,
                Count = g.Count(),
                Red = g.Count(p => p.OpenConditionsDueOn < today),
                Overdue = g.Count(p => p.DueDate < today),
                OverdueRed = g.Count(p => p.DueDate < today && p.OpenConditionsDueOn < today),
            })
            .ToDictionaryAsync(g => g.DepartmentId, ct);

        // Those at risk one by one (about one in eight): only a measured risk turns from yellow to red with time.
        var atRisk = true;
        var atRiskRed = (await open.Where(p => p.AtRisk == atRisk && p.DueDate < today).Select(p => new { p.Id, p.DeliveringDepartmentId }).ToListAsync(ct))
            .Concat(await open.Where(p => p.AtRisk == atRisk && p.OpenConditionsDueOn < today).Select(p => new { p.Id, p.DeliveringDepartmentId }).ToListAsync(ct))
            .DistinctBy(p => p.Id).ToList();
        var ids = atRiskRed.Select(p => p.Id).ToList();
        var unmeasured = (await db.Promises.Where(p => ids.Contains(p.Id) && p.RiskMeasure == null).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
        var measuredToRed = atRiskRed.Where(p => !unmeasured.Contains(p.Id)).CountBy(p => p.DeliveringDepartmentId).ToDictionary();

        return byRisk.Select(r => r.DeliveringDepartmentId).Distinct()
            .Select(department =>
            {
                long Counted(RiskLevel risk) => byRisk.Where(r => r.DeliveringDepartmentId == department && r.Risk == risk).Sum(r => r.Count);
                var a = overdue.GetValueOrDefault(department);
                var b = conditions.GetValueOrDefault(department);
                var plainToRed = a + (b?.Red ?? 0) - (b?.OverdueRed ?? 0);
                var plainToYellow = (b?.Count ?? 0) - (b?.Red ?? 0) - ((b?.Overdue ?? 0) - (b?.OverdueRed ?? 0));
                var measuredRed = measuredToRed.GetValueOrDefault(department);
                return new TrafficLightRow(department, "",
                    (int)Counted(RiskLevel.None) - plainToRed - plainToYellow,
                    (int)Counted(RiskLevel.Measured) - measuredRed + plainToYellow,
                    (int)Counted(RiskLevel.Unmeasured) + plainToRed + measuredRed);
            })
            .Where(r => r.Green + r.Yellow + r.Red > 0)
            .ToList();
    }

    /// <summary>Open promises due today or within the next <see cref="DueSoonDays"/> days, still without an outcome.</summary>
    public async Task<int> DueSoonWithoutOutcomeAsync(DashboardFilter filter, CancellationToken ct = default)
    {
        var today = Today;
        var until = today.AddDays(DueSoonDays);
        return await Open(filter).CountAsync(p => p.DueDate >= today && p.DueDate <= until, ct);
    }

    // ---- KVP: improvement actions and feedback ---------------------------------------------------------------

    /// <summary>
    /// Actions of the departments in view: a scope or a department filter keeps the actions that department is
    /// responsible for. Category and customer filters do not apply to actions.
    /// </summary>
    public static List<int> ActionDepartments(DashboardFilter filter)
    {
        var scope = filter.EffectiveScope;
        return new[] { scope.PromisingDepartmentId, scope.DeliveringDepartmentId, filter.PromisingDepartmentId, filter.DeliveringDepartmentId }
            .OfType<int>().Distinct().ToList();
    }

    private IQueryable<ImprovementAction> Actions(DashboardFilter filter)
    {
        var actions = db.ImprovementActions.AsNoTracking();
        foreach (var id in ActionDepartments(filter))
        {
            actions = actions.Where(a => a.ResponsibleDepartmentId == id);
        }

        return actions;
    }

    private bool ActionsSummarized(DashboardFilter filter) => !FromBaseTables && filter.IsWholeMonths;

    /// <summary>Actions opened and actions done per month of the period, oldest first.</summary>
    public async Task<IReadOnlyList<KvpMonth>> KvpOpenedClosedByMonthAsync(DashboardFilter filter, CancellationToken ct = default)
    {
        if (ActionsSummarized(filter))
        {
            var months = db.ActionMonthFigures.AsNoTracking().Where(r => r.Month >= filter.FromMonth && r.Month <= filter.ToMonth);
            foreach (var id in ActionDepartments(filter))
            {
                months = months.Where(r => r.ResponsibleDepartmentId == id);
            }

            return (await months.GroupBy(r => r.Month).Select(g => new { Month = g.Key, Opened = g.Sum(r => r.Opened), Done = g.Sum(r => r.Done) }).ToListAsync(ct))
                .Where(m => m.Opened + m.Done > 0).OrderBy(m => m.Month)
                .Select(m => new KvpMonth(m.Month / 100, m.Month % 100, (int)m.Opened, (int)m.Done))
                .ToList();
        }

        var actions = Actions(filter);
        var opened = await actions.Where(a => a.CreatedAtUtc >= filter.FromUtc && a.CreatedAtUtc < filter.ToUtcExclusive)
            .GroupBy(a => new { a.CreatedAtUtc.Year, a.CreatedAtUtc.Month })
            .Select(g => new { g.Key.Year, g.Key.Month, Count = g.Count() })
            .ToListAsync(ct);
        var closed = await actions.Where(a => a.DoneAtUtc >= filter.FromUtc && a.DoneAtUtc < filter.ToUtcExclusive)
            .GroupBy(a => new { a.DoneAtUtc!.Value.Year, a.DoneAtUtc!.Value.Month })
            .Select(g => new { g.Key.Year, g.Key.Month, Count = g.Count() })
            .ToListAsync(ct);
        return opened.Select(o => (o.Year, o.Month)).Union(closed.Select(c => (c.Year, c.Month)))
            .Order()
            .Select(m => new KvpMonth(m.Year, m.Month,
                opened.Where(o => o.Year == m.Year && o.Month == m.Month).Sum(o => o.Count),
                closed.Where(c => c.Year == m.Year && c.Month == m.Month).Sum(c => c.Count)))
            .ToList();
    }

    /// <summary>Open actions (not done) and the share of them past their due date, today.</summary>
    public async Task<KvpOverdue> KvpOverdueAsync(DashboardFilter filter, CancellationToken ct = default)
    {
        var today = Today;
        // The open phases by name, so the (Phase, DueDate) index finds them.
        return await Actions(filter).Where(a => a.Phase == PdcaPhase.Plan || a.Phase == PdcaPhase.Do || a.Phase == PdcaPhase.Check || a.Phase == PdcaPhase.Act).GroupBy(a => 1)
            .Select(g => new KvpOverdue(g.Count(), g.Count(a => a.DueDate < today)))
            .SingleOrDefaultAsync(ct) ?? new KvpOverdue(0, 0);
    }

    /// <summary>The median cycle time, in days to the hour, of actions done in the period (as the G1 median).</summary>
    public async Task<KvpCycleTime> KvpMedianCycleTimeAsync(DashboardFilter filter, CancellationToken ct = default)
    {
        if (ActionsSummarized(filter) && ActionDepartments(filter) is { Count: <= 1 } departments)
        {
            var (done, median) = departments is [var department]
                ? await HistogramMedianAsync(DurationKind.ActionCycle, SummarySlice.ResponsibleDepartment, department, filter, ct)
                : await HistogramMedianAsync(DurationKind.ActionCycle, SummarySlice.All, 0, filter, ct);
            return new KvpCycleTime(done, median);
        }

        var (count, middle) = await MedianAsync(Actions(filter)
            .Where(a => a.DoneAtUtc >= filter.FromUtc && a.DoneAtUtc < filter.ToUtcExclusive && a.CycleDays != null)
            .Select(a => a.CycleDays!.Value), ct);
        return new KvpCycleTime(count, middle);
    }

    /// <summary>
    /// Loop closure: of the broken-promise feedback filed in the period, the share linked to an improvement
    /// action that changed something upstream (a lesson, a gate checkpoint, an envelope). With a scope or
    /// promise filters, only feedback on a promise in view counts.
    /// </summary>
    public async Task<LoopClosure> LoopClosureAsync(DashboardFilter filter, CancellationToken ct = default)
    {
        var feedback = db.Feedback.AsNoTracking()
            .Where(f => f.Type == FeedbackType.BrokenPromise && f.CreatedAtUtc >= filter.FromUtc && f.CreatedAtUtc < filter.ToUtcExclusive);
        if (filter.EffectiveScope.IsRestricted || filter.PromisingDepartmentId is not null || filter.DeliveringDepartmentId is not null
            || filter.CategoryId is not null || filter.CustomerId is not null)
        {
            var promises = InScope(filter);
            feedback = feedback.Where(f => promises.Any(p => p.Id == f.PromiseId));
        }

        return await feedback.GroupBy(f => 1)
            .Select(g => new LoopClosure(
                g.Count(),
                g.Count(f => db.ActionFeedbackLinks.Any(l => l.FeedbackId == f.Id
                    && db.UpstreamChanges.Any(c => c.ImprovementActionId == l.ImprovementActionId)))))
            .SingleOrDefaultAsync(ct) ?? new LoopClosure(0, 0);
    }

    // ---- Names --------------------------------------------------------------------------------------------

    private sealed record Counted(int Id, KeptRate Counts);

    /// <summary>Summed kept-rate counters of summary rows.</summary>
    private sealed record KeptSums(long Kept, long Broken, long KeptAgainstFirst, long BrokenAgainstFirst)
    {
        public static KeptSums Of(IEnumerable<PromiseMonthFigures> rows) =>
            rows.Aggregate(new KeptSums(0, 0, 0, 0), (s, r) => new KeptSums(s.Kept + r.Kept, s.Broken + r.Broken, s.KeptAgainstFirst + r.KeptAgainstFirst, s.BrokenAgainstFirst + r.BrokenAgainstFirst));

        public bool IsJudged => Kept + Broken > 0;

        public KeptRate Rate => new((int)Kept, (int)Broken, (int)KeptAgainstFirst, (int)BrokenAgainstFirst);
    }

    // Set by member, not constructor, so that EF can still filter and order by its members in SQL.
    /// <summary>The durations of one hour in a histogram slice, summed over months.</summary>
    private sealed class HourBucket
    {
        public int SliceId { get; init; }

        public int Hours { get; init; }

        public long Count { get; init; }
    }

    private sealed class CustomerSums
    {
        public int CustomerId { get; init; }

        public long Kept { get; init; }

        public long Broken { get; init; }

        public long KeptAgainstFirst { get; init; }

        public long BrokenAgainstFirst { get; init; }
    }

    private sealed record PairCounts(int PromisingDepartmentId, int DeliveringDepartmentId, long Accepted, long Returned);

    private static MovingTargetIndex MovingTargetOf(List<PromiseMonthFigures> rows) => new(
        (int)rows.Sum(r => r.Submitted), (int)rows.Sum(r => r.Changes), (int)rows.Sum(r => r.Approved), (int)rows.Sum(r => r.ChangedAfterApproval), rows.Sum(r => r.DueDateSlipDays));

    private static UngatedRate UngatedOf(List<PromiseMonthFigures> rows) => new((int)rows.Sum(r => r.Committed), (int)rows.Sum(r => r.Ungated));

    private static FirstPassYield FirstPassOf(List<PromiseMonthFigures> rows) => new((int)rows.Sum(r => r.FirstDecided), (int)rows.Sum(r => r.FirstPass));

    private static List<Counted> KeptRateGroups(IEnumerable<IGrouping<int, PromiseMonthFigures>> groups) =>
        groups.Select(g => new { g.Key, Sums = KeptSums.Of(g) })
            .Where(g => g.Sums.IsJudged).Select(g => new Counted(g.Key, g.Sums.Rate)).ToList();

    private static Task<List<Counted>> KeptRateGroupsAsync(IQueryable<IGrouping<int, Promise>> groups, CancellationToken ct) =>
        groups.Select(g => new Counted(g.Key, new KeptRate(
                g.Count(p => p.Status == PromiseStatus.Kept),
                g.Count(p => p.Status == PromiseStatus.Broken),
                g.Count(p => p.OutcomeAgainstFirstTarget == OutcomeKind.Kept),
                g.Count(p => p.OutcomeAgainstFirstTarget == OutcomeKind.Broken))))
            .ToListAsync(ct);

    private static async Task<IReadOnlyList<KeptRateRow>> NamedAsync(
        List<Counted> rows, Func<CancellationToken, Task<Dictionary<int, string>>> names, CancellationToken ct)
    {
        var lookup = await names(ct);
        return rows.Select(r => new KeptRateRow(r.Id, lookup.GetValueOrDefault(r.Id, ""), r.Counts))
            .OrderBy(r => r.Name, StringComparer.CurrentCulture)
            .ToList();
    }

    private async Task<Dictionary<int, string>> DepartmentNamesAsync(CancellationToken ct) =>
        _departmentNames ??= await db.Departments.Select(d => new { d.Id, Name = d.Name.In(Cultures.Current) }).ToDictionaryAsync(d => d.Id, d => d.Name, ct);

    private async Task<Dictionary<int, string>> CategoryNamesAsync(CancellationToken ct) =>
        _categoryNames ??= await db.PromiseCategories.Select(c => new { c.Id, Name = c.Name.In(Cultures.Current) }).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
}
