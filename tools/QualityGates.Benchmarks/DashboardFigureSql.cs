using QualityGates.Domain.Promises;
using QualityGates.Web.Dashboard;

namespace QualityGates.Benchmarks;

/// <summary>A dashboard figure: the EF query the page runs, as rows of values, and the same figure in hand-written SQL.</summary>
public sealed record Figure(string Name, Func<DashboardQueries, DashboardFilter, Task<IEnumerable<object?[]>>> Ef, string Sql);

/// <summary>
/// The hand-written SQL for every <see cref="DashboardQueries"/> method, for the default dashboard (everything in
/// scope, this month and the eleven before it): what a DBA would write against the same tables the page reads —
/// the summary tables (ADR 0021), and for today's figures the open work through its indexes. Names come from a
/// join, so each figure is one statement. The same text runs on SQLite and PostgreSQL.
/// </summary>
public static class DashboardFigureSql
{
    private const string Months = """ "Month" >= @fromMonth AND "Month" <= @toMonth """;

    private const string KeptSums = """
        COALESCE(SUM(f."Kept"), 0), COALESCE(SUM(f."Broken"), 0), COALESCE(SUM(f."KeptAgainstFirst"), 0), COALESCE(SUM(f."BrokenAgainstFirst"), 0)
        """;

    private const string Judged = """ SUM(f."Kept") + SUM(f."Broken") > 0 """;

    private const string OpenStatuses = "('Approved', 'Committed', 'InDelivery')";

    private static object?[] Counts(KeptRate rate) => [rate.Kept, rate.Broken, rate.KeptAgainstFirst, rate.BrokenAgainstFirst];

    private static object?[] Row(object? first, KeptRate rate) => [first, .. Counts(rate)];

    private static object?[] Row(object? first, object? second, KeptRate rate) => [first, second, .. Counts(rate)];

    private static async Task<IEnumerable<object?[]>> One<T>(Task<T> figure, Func<T, object?[]> row) => [row(await figure)];

    private static async Task<IEnumerable<object?[]>> Many<T>(Task<IReadOnlyList<T>> figure, Func<T, object?[]> row) => (await figure).Select(row);

    // The median of an hour histogram, in days: the values at the middle positions (n - 1) / 2 and n / 2.
    private static string HistogramMedian(string kind) => $"""
        SELECT COALESCE(MAX(total), 0),
               (MIN(CASE WHEN upto > (total - 1) / 2 THEN "Hours" END) + MIN(CASE WHEN upto > total / 2 THEN "Hours" END)) / 2.0 / 24
        FROM (SELECT "Hours", SUM(n) OVER (ORDER BY "Hours") AS upto, SUM(n) OVER () AS total
              FROM (SELECT "Hours", SUM("Count") AS n FROM "DurationHistograms"
                    WHERE "Kind" = '{kind}' AND "Slice" = 'All' AND "SliceId" = 0 AND {Months}
                    GROUP BY "Hours" HAVING SUM("Count") > 0) h) c
        """;

    private static string KeptBy(string column, string names) => $"""
        SELECT n."Id", n."Name", {KeptSums} FROM "PromiseMonthFigures" f JOIN "{names}" n ON n."Id" = f."{column}"
        WHERE {Months} GROUP BY n."Id", n."Name" HAVING {Judged}
        """;

    private static string BrokenBy(string cause) => $"""
        SELECT d."Id", d."Name", '{cause}', SUM(f."Broken{cause}") FROM "PromiseMonthFigures" f JOIN "Departments" d ON d."Id" = f."DeliveringDepartmentId"
        WHERE {Months} GROUP BY d."Id", d."Name" HAVING SUM(f."Broken{cause}") > 0
        """;

    public static IReadOnlyList<Figure> All() =>
    [
        new("KeptRate", (q, f) => One(q.KeptRateAsync(f), Counts),
            $"""SELECT {KeptSums} FROM "PromiseMonthFigures" f WHERE {Months}"""),
        new("KeptRateByMonth", (q, f) => Many(q.KeptRateByMonthAsync(f), m => Row(m.Year, m.Month, m.Counts)),
            $"""SELECT f."Month" / 100, f."Month" % 100, {KeptSums} FROM "PromiseMonthFigures" f WHERE {Months} GROUP BY f."Month" HAVING {Judged}"""),
        new("KeptRateByPromisingDepartment", (q, f) => Many(q.KeptRateByPromisingDepartmentAsync(f), r => Row(r.Id, r.Name, r.Counts)),
            KeptBy("PromisingDepartmentId", "Departments")),
        new("KeptRateByDeliveringDepartment", (q, f) => Many(q.KeptRateByDeliveringDepartmentAsync(f), r => Row(r.Id, r.Name, r.Counts)),
            KeptBy("DeliveringDepartmentId", "Departments")),
        new("KeptRateByCategory", (q, f) => Many(q.KeptRateByCategoryAsync(f), r => Row(r.Id, r.Name, r.Counts)),
            KeptBy("CategoryId", "PromiseCategories")),
        new("KeptRateByCustomer", (q, f) => Many(q.KeptRateByCustomerAsync(f), r => Row(r.Id, r.Name, r.Counts)),
            $"""
             SELECT CASE WHEN t."CustomerId" = 0 THEN NULL ELSE t."CustomerId" END, COALESCE(c."Name", ''), t.k, t.b, t.fk, t.fb FROM (
               SELECT f."CustomerId", SUM(f."Kept") AS k, SUM(f."Broken") AS b, SUM(f."KeptAgainstFirst") AS fk, SUM(f."BrokenAgainstFirst") AS fb
               FROM "CustomerMonthFigures" f WHERE f."Slice" = 'All' AND f."SliceId" = 0 AND {Months}
               GROUP BY f."CustomerId" HAVING {Judged}
               ORDER BY SUM(f."Kept") + SUM(f."Broken") DESC, f."CustomerId" LIMIT @top) t
             LEFT JOIN "Customers" c ON c."Id" = t."CustomerId"
             """),
        new("MovingTargetIndex", (q, f) => One(q.MovingTargetIndexAsync(f), m => [m.Submitted, m.Changes, m.Approved, m.ChangedAfterApproval, m.SlipDays]),
            $"""
             SELECT COALESCE(SUM("Submitted"), 0), COALESCE(SUM("Changes"), 0), COALESCE(SUM("Approved"), 0),
                    COALESCE(SUM("ChangedAfterApproval"), 0), COALESCE(SUM("DueDateSlipDays"), 0)
             FROM "PromiseMonthFigures" WHERE {Months}
             """),
        new("UngatedRate", (q, f) => One(q.UngatedRateAsync(f), u => [u.Committed, u.Ungated]),
            $"""SELECT COALESCE(SUM("Committed"), 0), COALESCE(SUM("Ungated"), 0) FROM "PromiseMonthFigures" WHERE {Months}"""),
        new("FirstPassYield", (q, f) => One(q.FirstPassYieldAsync(f), y => [y.Decided, y.FirstPass]),
            $"""SELECT COALESCE(SUM("FirstDecided"), 0), COALESCE(SUM("FirstPass"), 0) FROM "PromiseMonthFigures" WHERE {Months}"""),
        new("HandoverByDepartmentPair", (q, f) => Many(q.HandoverByDepartmentPairAsync(f),
                h => [h.PromisingDepartmentId, h.PromisingDepartmentName, h.DeliveringDepartmentId, h.DeliveringDepartmentName, h.AcceptedFirstTime, h.Returned]),
            $"""
             SELECT pd."Id", pd."Name", dd."Id", dd."Name", SUM(f."HandoverAccepted"), SUM(f."HandoverReturned")
             FROM "PromiseMonthFigures" f JOIN "Departments" pd ON pd."Id" = f."PromisingDepartmentId" JOIN "Departments" dd ON dd."Id" = f."DeliveringDepartmentId"
             WHERE {Months} GROUP BY pd."Id", pd."Name", dd."Id", dd."Name" HAVING SUM(f."HandoverAccepted") + SUM(f."HandoverReturned") > 0
             """),
        new("BreachCausesByDepartment", (q, f) => Many(q.BreachCausesByDepartmentAsync(f),
                b => [b.DeliveringDepartmentId, b.DeliveringDepartmentName, b.Cause, b.Count]),
            string.Join(" UNION ALL ", Enum.GetNames<BreachCause>().Select(BrokenBy))),
        new("DecisionMixByDepartment", (q, f) => Many(q.DecisionMixByDepartmentAsync(f),
                m => [m.DepartmentId, m.DepartmentName, m.Go, m.GoByEnvelope, m.ConditionalGo, m.Recycle, m.NoGo]),
            $"""
             SELECT d."Id", d."Name", SUM(f."Go"), SUM(f."GoByEnvelope"), SUM(f."ConditionalGo"), SUM(f."Recycle"), SUM(f."NoGo")
             FROM "DecisionMonthFigures" f JOIN "Departments" d ON d."Id" = f."DecidingDepartmentId"
             WHERE {Months} GROUP BY d."Id", d."Name"
             HAVING SUM(f."Go") + SUM(f."GoByEnvelope") + SUM(f."ConditionalGo") + SUM(f."Recycle") + SUM(f."NoGo") > 0
             """),
        new("MedianDaysToDecision", (q, f) => One(q.MedianDaysToDecisionAsync(f), m => [m.Decisions, m.Median]),
            HistogramMedian("DaysToDecision")),
        new("OpenConditionsPastDue", (q, f) => One(q.OpenConditionsPastDueAsync(f), n => [n]),
            """SELECT COUNT(DISTINCT r."PromiseId") FROM "ReviewCondition" c JOIN "GateReviews" r ON r."Id" = c."GateReviewId" WHERE c."ResolvedAtUtc" IS NULL AND c."DueDate" < @today"""),
        new("TrafficLightsByDepartment", (q, f) => Many(q.TrafficLightsByDepartmentAsync(f),
                t => [t.DeliveringDepartmentId, t.DeliveringDepartmentName, t.Green, t.Yellow, t.Red]),
            $"""
             SELECT d."Id", d."Name",
                    g.plain - COALESCE(m.plain_red, 0) - COALESCE(m.plain_yellow, 0),
                    g.measured - COALESCE(r.measured_red, 0) + COALESCE(m.plain_yellow, 0),
                    g.unmeasured + COALESCE(m.plain_red, 0) + COALESCE(r.measured_red, 0)
             FROM (SELECT "DeliveringDepartmentId" AS department,
                          SUM(CASE WHEN "Risk" = 'None' THEN "Count" ELSE 0 END) AS plain,
                          SUM(CASE WHEN "Risk" = 'Measured' THEN "Count" ELSE 0 END) AS measured,
                          SUM(CASE WHEN "Risk" = 'Unmeasured' THEN "Count" ELSE 0 END) AS unmeasured
                   FROM "PromiseCounts" WHERE "Status" IN {OpenStatuses} GROUP BY "DeliveringDepartmentId") g
             JOIN "Departments" d ON d."Id" = g.department
             LEFT JOIN (
               SELECT x.department, SUM(x.red) AS plain_red, SUM(x.yellow) AS plain_yellow FROM (
                 SELECT p."DeliveringDepartmentId" AS department, 1 AS red, 0 AS yellow FROM "Promises" p
                 WHERE p."Status" IN {OpenStatuses} AND p."AtRisk" = FALSE AND p."DueDate" < @today
                 UNION ALL
                 SELECT p."DeliveringDepartmentId", CASE WHEN p."OpenConditionsDueOn" < @today THEN 1 ELSE 0 END, CASE WHEN p."OpenConditionsDueOn" < @today THEN 0 ELSE 1 END
                 FROM "Promises" p
                 WHERE p."Status" IN {OpenStatuses} AND p."AtRisk" = FALSE AND p."OpenConditionsDueOn" IS NOT NULL AND p."DueDate" >= @today) x
               GROUP BY x.department) m ON m.department = g.department
             LEFT JOIN (
               SELECT p."DeliveringDepartmentId" AS department, COUNT(*) AS measured_red FROM "Promises" p
               WHERE p."Status" IN {OpenStatuses} AND p."AtRisk" = TRUE AND p."RiskMeasure" IS NOT NULL
                     AND (p."DueDate" < @today OR p."OpenConditionsDueOn" < @today)
               GROUP BY p."DeliveringDepartmentId") r ON r.department = g.department
             WHERE g.plain + g.measured + g.unmeasured > 0
             """),
        new("DueSoonWithoutOutcome", (q, f) => One(q.DueSoonWithoutOutcomeAsync(f), n => [n]),
            $"""
             SELECT COUNT(*) FROM "Promises" p WHERE p."Status" IN {OpenStatuses} AND p."DueDate" >= @today AND p."DueDate" <= @until
             """),
        new("KvpOpenedClosedByMonth", (q, f) => Many(q.KvpOpenedClosedByMonthAsync(f), m => [m.Year, m.Month, m.Opened, m.Closed]),
            $"""
             SELECT "Month" / 100, "Month" % 100, SUM("Opened"), SUM("Done") FROM "ActionMonthFigures"
             WHERE {Months} GROUP BY "Month" HAVING SUM("Opened") + SUM("Done") > 0
             """),
        new("KvpOverdue", (q, f) => One(q.KvpOverdueAsync(f), o => [o.Open, o.Overdue]),
            """
            SELECT COUNT(*), COALESCE(SUM(CASE WHEN a."DueDate" < @today THEN 1 ELSE 0 END), 0) FROM "ImprovementActions" a WHERE a."Phase" <> 'Done'
            """),
        new("KvpMedianCycleTime", (q, f) => One(q.KvpMedianCycleTimeAsync(f), c => [c.Done, c.MedianDays]),
            HistogramMedian("ActionCycle")),
        new("LoopClosure", (q, f) => One(q.LoopClosureAsync(f), l => [l.BrokenPromiseFeedback, l.ChangedUpstream]),
            """
            SELECT COUNT(*), COALESCE(SUM(CASE WHEN EXISTS (
                       SELECT 1 FROM "ActionFeedbackLinks" l JOIN "UpstreamChanges" c ON c."ImprovementActionId" = l."ImprovementActionId"
                       WHERE l."FeedbackId" = f."Id") THEN 1 ELSE 0 END), 0)
            FROM "Feedback" f WHERE f."Type" = 'BrokenPromise' AND f."CreatedAtUtc" >= @fromUtc AND f."CreatedAtUtc" < @toUtc
            """),
    ];
}
