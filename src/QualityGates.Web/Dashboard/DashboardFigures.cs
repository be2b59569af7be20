using QualityGates.Domain.Promises;

namespace QualityGates.Web.Dashboard;

/// <summary>Kept and broken promises, judged against the last approved target (the recorded outcome) and against the first.</summary>
public sealed record KeptRate(int Kept, int Broken, int KeptAgainstFirst, int BrokenAgainstFirst)
{
    public static KeptRate None { get; } = new(0, 0, 0, 0);

    public int Judged => Kept + Broken;

    /// <summary>kept ÷ (kept + broken); null when nothing was judged.</summary>
    public double? Rate => Ratio(Kept, Judged);

    public double? RateAgainstFirst => Ratio(KeptAgainstFirst, KeptAgainstFirst + BrokenAgainstFirst);

    /// <summary>The moving-target effect: how much better the promises look against the target as last approved.</summary>
    public double? MovingTargetEffect => Rate - RateAgainstFirst;

    internal static double? Ratio(int part, int whole) => whole == 0 ? null : (double)part / whole;
}

/// <summary>One group of a kept-rate breakdown: a department, category or customer (null id: a general claim for all customers).</summary>
public sealed record KeptRateRow(int? Id, string Name, KeptRate Counts);

public sealed record KeptRateMonth(int Year, int Month, KeptRate Counts)
{
    public DateOnly FirstDay => new(Year, Month, 1);
}

/// <summary>
/// The moving-target index over submitted promises: changes after submission per promise, the share of
/// approved promises changed afterwards, and the mean slip of the due date since the first approval (days).
/// </summary>
public sealed record MovingTargetIndex(int Submitted, int Changes, int Approved, int ChangedAfterApproval, long SlipDays)
{
    public double? ChangesPerPromise => Submitted == 0 ? null : (double)Changes / Submitted;

    public double? ShareChangedAfterApproval => KeptRate.Ratio(ChangedAfterApproval, Approved);

    public double? MeanSlipDays => Approved == 0 ? null : (double)SlipDays / Approved;
}

/// <summary>Committed promises without a G1 decision (human or envelope): must be 0.</summary>
public sealed record UngatedRate(int Committed, int Ungated)
{
    public double? Rate => KeptRate.Ratio(Ungated, Committed);
}

/// <summary>Promises whose first decided feasibility review ended in Go or Conditional Go (envelope passes included).</summary>
public sealed record FirstPassYield(int Decided, int FirstPass)
{
    public double? Rate => KeptRate.Ratio(FirstPass, Decided);
}

/// <summary>Closing G1 decisions of one deciding department; a Go by envelope counted apart from a human Go.</summary>
public sealed record DecisionMixRow(int DepartmentId, string DepartmentName, int Go, int GoByEnvelope, int ConditionalGo, int Recycle, int NoGo)
{
    public int Total => Go + GoByEnvelope + ConditionalGo + Recycle + NoGo;
}

/// <summary>The median of the days from submission to a human G1 decision; null without decisions.</summary>
public sealed record MedianDaysToDecision(int Decisions, double? Median);

/// <summary>First handovers (G2) of a promising → delivering pair: accepted at once, or returned for completion.</summary>
public sealed record HandoverRow(int PromisingDepartmentId, string PromisingDepartmentName, int DeliveringDepartmentId, string DeliveringDepartmentName, int AcceptedFirstTime, int Returned)
{
    public double? Rate => KeptRate.Ratio(AcceptedFirstTime, AcceptedFirstTime + Returned);
}

/// <summary>Broken promises of one delivering department with one breach cause.</summary>
public sealed record BreachRow(int DeliveringDepartmentId, string DeliveringDepartmentName, BreachCause Cause, int Count);

/// <summary>Open promises (approved, committed, in delivery) of one delivering department by traffic light, today.</summary>
public sealed record TrafficLightRow(int DeliveringDepartmentId, string DeliveringDepartmentName, int Green, int Yellow, int Red);

/// <summary>Improvement actions opened and closed (Done) in one month.</summary>
public sealed record KvpMonth(int Year, int Month, int Opened, int Closed)
{
    public DateOnly FirstDay => new(Year, Month, 1);
}

/// <summary>Improvement actions not yet done, and those of them past their due date (today).</summary>
public sealed record KvpOverdue(int Open, int Overdue)
{
    public double? Share => KeptRate.Ratio(Overdue, Open);
}

/// <summary>The median days from opening an improvement action to Done, over the actions done in the period.</summary>
public sealed record KvpCycleTime(int Done, double? MedianDays);

/// <summary>Broken-promise feedback filed in the period, and how much of it led to an action that changed something upstream.</summary>
public sealed record LoopClosure(int BrokenPromiseFeedback, int ChangedUpstream)
{
    public double? Rate => KeptRate.Ratio(ChangedUpstream, BrokenPromiseFeedback);
}

/// <summary>Handovers accepted along value chains from one department to the next.</summary>
public sealed record ChainHandoverRow(int FromDepartmentId, string FromDepartmentName, int ToDepartmentId, string ToDepartmentName, int Accepted, int AcceptedFirstTime, int Returns)
{
    public double? Rate => KeptRate.Ratio(AcceptedFirstTime, Accepted);
}

/// <summary>How long a department held promises along value chains before the next link accepted them: the median in days.</summary>
public sealed record LinkHoldRow(int DepartmentId, string DepartmentName, int HandedOn, double? MedianDays);

/// <summary>Broken promises by the link (department) where they broke.</summary>
public sealed record BrokenAtRow(int DepartmentId, string DepartmentName, int Broken);

/// <summary>All figures of one dashboard view, loaded one query after the other on the request's DbContext.</summary>
public sealed record DashboardFigures(
    KeptRate KeptRate,
    IReadOnlyList<KeptRateMonth> ByMonth,
    IReadOnlyList<KeptRateRow> ByPromisingDepartment,
    IReadOnlyList<KeptRateRow> ByDeliveringDepartment,
    IReadOnlyList<KeptRateRow> ByCategory,
    IReadOnlyList<KeptRateRow> ByCustomer,
    MovingTargetIndex MovingTarget,
    UngatedRate Ungated,
    FirstPassYield FirstPass,
    IReadOnlyList<DecisionMixRow> DecisionMix,
    MedianDaysToDecision MedianDays,
    int OverdueConditions,
    IReadOnlyList<HandoverRow> Handovers,
    IReadOnlyList<BreachRow> Breaches,
    IReadOnlyList<TrafficLightRow> TrafficLights,
    int DueSoon,
    IReadOnlyList<KvpMonth> KvpByMonth,
    KvpOverdue KvpOverdue,
    KvpCycleTime KvpCycleTime,
    LoopClosure LoopClosure,
    IReadOnlyList<ChainHandoverRow> ChainHandovers,
    IReadOnlyList<LinkHoldRow> LinkHolds,
    IReadOnlyList<BrokenAtRow> BrokenAt)
{
    public static async Task<DashboardFigures> LoadAsync(DashboardQueries queries, DashboardFilter filter, CancellationToken ct) => new(
        await queries.KeptRateAsync(filter, ct),
        await queries.KeptRateByMonthAsync(filter, ct),
        await queries.KeptRateByPromisingDepartmentAsync(filter, ct),
        await queries.KeptRateByDeliveringDepartmentAsync(filter, ct),
        await queries.KeptRateByCategoryAsync(filter, ct),
        await queries.KeptRateByCustomerAsync(filter, ct),
        await queries.MovingTargetIndexAsync(filter, ct),
        await queries.UngatedRateAsync(filter, ct),
        await queries.FirstPassYieldAsync(filter, ct),
        await queries.DecisionMixByDepartmentAsync(filter, ct),
        await queries.MedianDaysToDecisionAsync(filter, ct),
        await queries.OpenConditionsPastDueAsync(filter, ct),
        await queries.HandoverByDepartmentPairAsync(filter, ct),
        await queries.BreachCausesByDepartmentAsync(filter, ct),
        await queries.TrafficLightsByDepartmentAsync(filter, ct),
        await queries.DueSoonWithoutOutcomeAsync(filter, ct),
        await queries.KvpOpenedClosedByMonthAsync(filter, ct),
        await queries.KvpOverdueAsync(filter, ct),
        await queries.KvpMedianCycleTimeAsync(filter, ct),
        await queries.LoopClosureAsync(filter, ct),
        await queries.HandoversAlongChainsAsync(filter, ct),
        await queries.LinkHoldTimesAsync(filter, ct),
        await queries.BrokenByLinkAsync(filter, ct));

    public IReadOnlyList<string> BreachDepartments => Breaches.Select(b => b.DeliveringDepartmentName).Distinct().ToList();

    public int Breach(string department, BreachCause cause) =>
        Breaches.Where(b => b.DeliveringDepartmentName == department && b.Cause == cause).Sum(b => b.Count);
}
