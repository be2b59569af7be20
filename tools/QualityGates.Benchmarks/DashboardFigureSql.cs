using QualityGates.Web.Dashboard;
using QualityGates.Web.Data;

namespace QualityGates.Benchmarks;

/// <summary>A dashboard figure: the EF query the page runs, as rows of values, and the same figure in hand-written SQL.</summary>
public sealed record Figure(string Name, Func<DashboardQueries, DashboardFilter, Task<IEnumerable<object?[]>>> Ef, string Sql);

/// <summary>
/// The hand-written SQL for every <see cref="DashboardQueries"/> method, for the default dashboard (everything
/// in scope, the last twelve months). Names come from a join, so each figure is one statement. The same text
/// runs on SQLite and PostgreSQL except for the month of a date.
/// </summary>
public static class DashboardFigureSql
{
    private const string Judged = """
        "DueDate" >= @from AND "DueDate" <= @to AND "Status" IN ('Kept', 'Broken')
        """;

    private const string KeptCounts = """
        SUM(CASE WHEN p."Status" = 'Kept' THEN 1 ELSE 0 END), SUM(CASE WHEN p."Status" = 'Broken' THEN 1 ELSE 0 END),
        SUM(CASE WHEN p."OutcomeAgainstFirstTarget" = 'Kept' THEN 1 ELSE 0 END), SUM(CASE WHEN p."OutcomeAgainstFirstTarget" = 'Broken' THEN 1 ELSE 0 END)
        """;

    private const string FeasibilityDecisions = """
        r."Stage" = 'Feasibility' AND r."State" = 'Decided' AND r."DecidedAtUtc" >= @fromUtc AND r."DecidedAtUtc" < @toUtc
        """;

    private static object?[] Counts(KeptRate rate) => [rate.Kept, rate.Broken, rate.KeptAgainstFirst, rate.BrokenAgainstFirst];

    private static object?[] Row(object? first, KeptRate rate) => [first, .. Counts(rate)];

    private static object?[] Row(object? first, object? second, KeptRate rate) => [first, second, .. Counts(rate)];

    private static async Task<IEnumerable<object?[]>> One<T>(Task<T> figure, Func<T, object?[]> row) => [row(await figure)];

    private static async Task<IEnumerable<object?[]>> Many<T>(Task<IReadOnlyList<T>> figure, Func<T, object?[]> row) => (await figure).Select(row);

    public static IReadOnlyList<Figure> All(DatabaseProvider provider)
    {
        var (year, month) = provider == DatabaseProvider.PostgreSql
            ? ("CAST(EXTRACT(YEAR FROM p.\"DueDate\") AS integer)", "CAST(EXTRACT(MONTH FROM p.\"DueDate\") AS integer)")
            : ("CAST(strftime('%Y', p.\"DueDate\") AS INTEGER)", "CAST(strftime('%m', p.\"DueDate\") AS INTEGER)");
        return
        [
            new("KeptRate", (q, f) => One(q.KeptRateAsync(f), Counts),
                $"""SELECT {KeptCounts} FROM "Promises" p WHERE {Judged}"""),
            new("KeptRateByMonth", (q, f) => Many(q.KeptRateByMonthAsync(f), m => Row(m.Year, m.Month, m.Counts)),
                $"""SELECT {year}, {month}, {KeptCounts} FROM "Promises" p WHERE {Judged} GROUP BY 1, 2"""),
            new("KeptRateByPromisingDepartment", (q, f) => Many(q.KeptRateByPromisingDepartmentAsync(f), r => Row(r.Id, r.Name, r.Counts)),
                $"""
                 SELECT d."Id", d."Name", {KeptCounts} FROM "Promises" p JOIN "Departments" d ON d."Id" = p."PromisingDepartmentId"
                 WHERE {Judged} GROUP BY d."Id", d."Name"
                 """),
            new("KeptRateByDeliveringDepartment", (q, f) => Many(q.KeptRateByDeliveringDepartmentAsync(f), r => Row(r.Id, r.Name, r.Counts)),
                $"""
                 SELECT d."Id", d."Name", {KeptCounts} FROM "Promises" p JOIN "Departments" d ON d."Id" = p."DeliveringDepartmentId"
                 WHERE {Judged} GROUP BY d."Id", d."Name"
                 """),
            new("KeptRateByCategory", (q, f) => Many(q.KeptRateByCategoryAsync(f), r => Row(r.Id, r.Name, r.Counts)),
                $"""
                 SELECT c."Id", c."Name", {KeptCounts} FROM "Promises" p JOIN "PromiseCategories" c ON c."Id" = p."CategoryId"
                 WHERE {Judged} GROUP BY c."Id", c."Name"
                 """),
            new("KeptRateByCustomer", (q, f) => Many(q.KeptRateByCustomerAsync(f), r => Row(r.Id, r.Name, r.Counts)),
                $"""
                 SELECT t."CustomerId", COALESCE(c."Name", ''), t.k, t.b, t.fk, t.fb FROM (
                   SELECT p."CustomerId", COUNT(*) AS total,
                          SUM(CASE WHEN p."Status" = 'Kept' THEN 1 ELSE 0 END) AS k, SUM(CASE WHEN p."Status" = 'Broken' THEN 1 ELSE 0 END) AS b,
                          SUM(CASE WHEN p."OutcomeAgainstFirstTarget" = 'Kept' THEN 1 ELSE 0 END) AS fk,
                          SUM(CASE WHEN p."OutcomeAgainstFirstTarget" = 'Broken' THEN 1 ELSE 0 END) AS fb
                   FROM "Promises" p WHERE {Judged} GROUP BY p."CustomerId" ORDER BY total DESC, p."CustomerId" LIMIT @top) t
                 LEFT JOIN "Customers" c ON c."Id" = t."CustomerId"
                 """),
            new("MovingTargetIndex", (q, f) => One(q.MovingTargetIndexAsync(f), m => [m.Submitted, m.Changes, m.Approved, m.ChangedAfterApproval, m.SlipDays]),
                """
                SELECT COUNT(*), COALESCE(SUM(p."Revision" - 1), 0), COUNT(p."FirstApprovedRevision"),
                       SUM(CASE WHEN p."ChangedAfterApproval" THEN 1 ELSE 0 END), COALESCE(SUM(p."DueDateSlipDays"), 0)
                FROM "Promises" p WHERE p."DueDate" >= @from AND p."DueDate" <= @to AND p."Revision" > 0
                """),
            new("UngatedRate", (q, f) => One(q.UngatedRateAsync(f), u => [u.Committed, u.Ungated]),
                """
                SELECT COUNT(*), SUM(CASE WHEN p."FirstApprovedRevision" IS NULL THEN 1 ELSE 0 END)
                FROM "Promises" p WHERE p."DueDate" >= @from AND p."DueDate" <= @to AND p."CommittedOn" IS NOT NULL
                """),
            new("FirstPassYield", (q, f) => One(q.FirstPassYieldAsync(f), y => [y.Decided, y.FirstPass]),
                """
                SELECT COUNT(*), SUM(CASE WHEN p."FirstFeasibilityDecision" IN ('Go', 'ConditionalGo') THEN 1 ELSE 0 END)
                FROM "Promises" p WHERE p."DueDate" >= @from AND p."DueDate" <= @to AND p."FirstFeasibilityDecision" IS NOT NULL
                """),
            new("HandoverByDepartmentPair", (q, f) => Many(q.HandoverByDepartmentPairAsync(f),
                    h => [h.PromisingDepartmentId, h.PromisingDepartmentName, h.DeliveringDepartmentId, h.DeliveringDepartmentName, h.AcceptedFirstTime, h.Returned]),
                """
                SELECT pd."Id", pd."Name", dd."Id", dd."Name",
                       SUM(CASE WHEN p."HandoverAcceptedFirstTime" THEN 1 ELSE 0 END), SUM(CASE WHEN NOT p."HandoverAcceptedFirstTime" THEN 1 ELSE 0 END)
                FROM "Promises" p JOIN "Departments" pd ON pd."Id" = p."PromisingDepartmentId" JOIN "Departments" dd ON dd."Id" = p."DeliveringDepartmentId"
                WHERE p."DueDate" >= @from AND p."DueDate" <= @to AND p."HandoverAcceptedFirstTime" IS NOT NULL
                GROUP BY pd."Id", pd."Name", dd."Id", dd."Name"
                """),
            new("BreachCausesByDepartment", (q, f) => Many(q.BreachCausesByDepartmentAsync(f),
                    b => [b.DeliveringDepartmentId, b.DeliveringDepartmentName, b.Cause, b.Count]),
                """
                SELECT d."Id", d."Name", p."BreachCause", COUNT(*)
                FROM "Promises" p JOIN "Departments" d ON d."Id" = p."DeliveringDepartmentId"
                WHERE p."DueDate" >= @from AND p."DueDate" <= @to AND p."Status" = 'Broken' AND p."BreachCause" IS NOT NULL
                GROUP BY d."Id", d."Name", p."BreachCause"
                """),
            new("DecisionMixByDepartment", (q, f) => Many(q.DecisionMixByDepartmentAsync(f),
                    m => [m.DepartmentId, m.DepartmentName, m.Go, m.GoByEnvelope, m.ConditionalGo, m.Recycle, m.NoGo]),
                $"""
                 SELECT d."Id", d."Name",
                        SUM(CASE WHEN r."Outcome" = 'Go' AND NOT r."PassedByEnvelope" THEN 1 ELSE 0 END),
                        SUM(CASE WHEN r."Outcome" = 'Go' AND r."PassedByEnvelope" THEN 1 ELSE 0 END),
                        SUM(CASE WHEN r."Outcome" = 'ConditionalGo' THEN 1 ELSE 0 END),
                        SUM(CASE WHEN r."Outcome" = 'Recycle' THEN 1 ELSE 0 END),
                        SUM(CASE WHEN r."Outcome" = 'NoGo' THEN 1 ELSE 0 END)
                 FROM "GateReviews" r JOIN "Departments" d ON d."Id" = r."DecidingDepartmentId"
                 WHERE {FeasibilityDecisions}
                 GROUP BY d."Id", d."Name"
                 """),
            new("MedianDaysToDecision", (q, f) => One(q.MedianDaysToDecisionAsync(f), m => [m.Decisions, m.Median]),
                $"""
                 SELECT MAX(n), AVG(CASE WHEN i IN ((n + 1) / 2, (n + 2) / 2) THEN days END) FROM (
                   SELECT r."DaysToDecision" AS days, ROW_NUMBER() OVER (ORDER BY r."DaysToDecision") AS i, COUNT(*) OVER () AS n
                   FROM "GateReviews" r WHERE {FeasibilityDecisions} AND NOT r."PassedByEnvelope" AND r."DaysToDecision" IS NOT NULL) x
                 """),
            new("OpenConditionsPastDue", (q, f) => One(q.OpenConditionsPastDueAsync(f), n => [n]),
                """
                SELECT COUNT(*) FROM "ReviewCondition" c WHERE c."ResolvedAtUtc" IS NULL AND c."DueDate" < @today
                """),
            new("TrafficLightsByDepartment", (q, f) => Many(q.TrafficLightsByDepartmentAsync(f),
                    t => [t.DeliveringDepartmentId, t.DeliveringDepartmentName, t.Green, t.Yellow, t.Red]),
                """
                SELECT d."Id", d."Name",
                       SUM(CASE WHEN NOT x.red AND NOT x.yellow THEN 1 ELSE 0 END),
                       SUM(CASE WHEN NOT x.red AND x.yellow THEN 1 ELSE 0 END),
                       SUM(CASE WHEN x.red THEN 1 ELSE 0 END)
                FROM (
                  SELECT p."DeliveringDepartmentId" AS department,
                         (p."AtRisk" AND p."RiskMeasure" IS NULL) OR p."DueDate" < @today OR COALESCE(o.overdue, 0) > 0 AS red,
                         p."AtRisk" OR o.open IS NOT NULL AS yellow
                  FROM "Promises" p
                  LEFT JOIN (SELECT r."PromiseId", COUNT(*) AS open, SUM(CASE WHEN c."DueDate" < @today THEN 1 ELSE 0 END) AS overdue
                             FROM "ReviewCondition" c JOIN "GateReviews" r ON r."Id" = c."GateReviewId"
                             WHERE c."ResolvedAtUtc" IS NULL GROUP BY r."PromiseId") o ON o."PromiseId" = p."Id"
                  WHERE p."Status" IN ('Approved', 'Committed', 'InDelivery')) x
                JOIN "Departments" d ON d."Id" = x.department
                GROUP BY d."Id", d."Name"
                """),
            new("DueSoonWithoutOutcome", (q, f) => One(q.DueSoonWithoutOutcomeAsync(f), n => [n]),
                """
                SELECT COUNT(*) FROM "Promises" p
                WHERE p."Status" IN ('Approved', 'Committed', 'InDelivery') AND p."DueDate" >= @today AND p."DueDate" <= @until
                """),
        ];
    }
}
