using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;

namespace QualityGates.Web.Data.Summaries;

// Summary rows: counts kept with every change by SummaryChanges (one place, at SaveChanges), rebuilt from the
// base tables by SummaryRebuild. Each row is a key (the primary key) and counters that are only ever added to.
// A month is an int yyyymm (YearMonth), the same on every provider and cheap to compare.

/// <summary>Promises by the month they are due, per promising and delivering department and category (ADR 0021).</summary>
public sealed class PromiseMonthFigures
{
    public int Month { get; init; }

    public int PromisingDepartmentId { get; init; }

    public int DeliveringDepartmentId { get; init; }

    public int CategoryId { get; init; }

    public long Kept { get; init; }

    public long Broken { get; init; }

    public long KeptAgainstFirst { get; init; }

    public long BrokenAgainstFirst { get; init; }

    /// <summary>Submitted at least once (revision 1 or later): the moving-target index counts these.</summary>
    public long Submitted { get; init; }

    /// <summary>The revisions after the first submission, summed.</summary>
    public long Changes { get; init; }

    /// <summary>Submitted and approved once.</summary>
    public long Approved { get; init; }

    public long ChangedAfterApproval { get; init; }

    public long DueDateSlipDays { get; init; }

    public long Committed { get; init; }

    /// <summary>Committed without a feasibility approval.</summary>
    public long Ungated { get; init; }

    public long FirstDecided { get; init; }

    public long FirstPass { get; init; }

    public long HandoverAccepted { get; init; }

    public long HandoverReturned { get; init; }

    public long BrokenUnrealisticAtGate { get; init; }

    public long BrokenLostAtHandover { get; init; }

    public long BrokenChangedByCustomer { get; init; }

    public long BrokenExecution { get; init; }
}

/// <summary>Kept and broken promises by due month and customer (0: a general claim), in one slice of the company.</summary>
public sealed class CustomerMonthFigures
{
    public int Month { get; init; }

    public SummarySlice Slice { get; init; }

    /// <summary>The department or category of the slice; 0 for <see cref="SummarySlice.All"/>.</summary>
    public int SliceId { get; init; }

    public int CustomerId { get; init; }

    public long Kept { get; init; }

    public long Broken { get; init; }

    public long KeptAgainstFirst { get; init; }

    public long BrokenAgainstFirst { get; init; }
}

/// <summary>Closing feasibility (G1) decisions by the month they were made and the promise they judged.</summary>
public sealed class DecisionMonthFigures
{
    public int Month { get; init; }

    public int DecidingDepartmentId { get; init; }

    public int PromisingDepartmentId { get; init; }

    public int DeliveringDepartmentId { get; init; }

    public int CategoryId { get; init; }

    public long Go { get; init; }

    public long GoByEnvelope { get; init; }

    public long ConditionalGo { get; init; }

    public long Recycle { get; init; }

    public long NoGo { get; init; }
}

/// <summary>Accepted handovers by the month of acceptance and the pair of departments along value chains (from → to).</summary>
public sealed class HandoverPairMonthFigures
{
    public int Month { get; init; }

    /// <summary>The giving side: the promising department, or the link before.</summary>
    public int FromDepartmentId { get; init; }

    public int ToDepartmentId { get; init; }

    public long Accepted { get; init; }

    /// <summary>Accepted without being returned for completion once.</summary>
    public long AcceptedFirstTime { get; init; }

    /// <summary>The returns before the acceptances, summed.</summary>
    public long Returns { get; init; }
}

/// <summary>Broken promises by due month and the link (department) where they broke, per promising and delivering department and category.</summary>
public sealed class BreakMonthFigures
{
    public int Month { get; init; }

    public int BrokenAtDepartmentId { get; init; }

    public int PromisingDepartmentId { get; init; }

    public int DeliveringDepartmentId { get; init; }

    public int CategoryId { get; init; }

    public long Broken { get; init; }
}

/// <summary>
/// How many durations of a kind, ended in a month, took so many whole hours: a histogram from which a median
/// is read exactly to the hour, in one slice of the company.
/// </summary>
public sealed class DurationHistogram
{
    public DurationKind Kind { get; init; }

    public int Month { get; init; }

    public SummarySlice Slice { get; init; }

    public int SliceId { get; init; }

    public int Hours { get; init; }

    public long Count { get; init; }
}

/// <summary>Every promise counted once, by departments, category, status and risk: the register's totals, My work's counts, the traffic lights' base.</summary>
public sealed class PromiseCounts
{
    public int PromisingDepartmentId { get; init; }

    public int DeliveringDepartmentId { get; init; }

    public int CategoryId { get; init; }

    public PromiseStatus Status { get; init; }

    public RiskLevel Risk { get; init; }

    public long Count { get; init; }
}

/// <summary>Gate reviews waiting for a decision (open or on hold) per deciding department and stage: the deciders' work counts.</summary>
public sealed class OpenReviewCounts
{
    public int DecidingDepartmentId { get; init; }

    public GateStage Stage { get; init; }

    public long Count { get; init; }
}

/// <summary>Gate decisions made by people on one user's promises, per day (yyyymmdd): their recent decisions on every page.</summary>
public sealed class OwnerDecisionDays
{
    public string OwnerId { get; init; } = "";

    public int Day { get; init; }

    public long Count { get; init; }
}

/// <summary>Improvement actions opened and done per month and responsible department.</summary>
public sealed class ActionMonthFigures
{
    public int Month { get; init; }

    public int ResponsibleDepartmentId { get; init; }

    public long Opened { get; init; }

    public long Done { get; init; }
}

/// <summary>
/// A part of the company that a summary with a large key (customers, hours) is kept for: everything, one
/// department or one category. A view narrowed in one way reads its slice; narrower views read the base tables.
/// </summary>
public enum SummarySlice
{
    All,
    PromisingDepartment,
    DeliveringDepartment,
    Category,
    ResponsibleDepartment,
}

public enum DurationKind
{
    /// <summary>Submission to a human G1 decision.</summary>
    DaysToDecision,

    /// <summary>Opening an improvement action to Done.</summary>
    ActionCycle,

    /// <summary>A link of a value chain accepting a promise to the next link accepting it from there.</summary>
    LinkHeld,
}

/// <summary>A promise's risk signal: none, at risk with an agreed measure (yellow), at risk without one (red).</summary>
public enum RiskLevel
{
    None,
    Measured,
    Unmeasured,
}

/// <summary>Months as yyyymm.</summary>
public static class YearMonth
{
    public static int Of(DateOnly date) => (date.Year * 100) + date.Month;

    public static int Of(DateTime time) => (time.Year * 100) + time.Month;

    public static DateOnly FirstDay(int month) => new(month / 100, month % 100, 1);

    /// <summary>A day as yyyymmdd.</summary>
    public static int DayOf(DateOnly date) => (Of(date) * 100) + date.Day;
}
