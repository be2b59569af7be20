using System.Data.Common;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using QualityGates.Domain;
using QualityGates.Domain.Gates;
using QualityGates.Tests;
using QualityGates.Web.Dashboard;
using QualityGates.Web.Data;
using QualityGates.Web.Data.Seeding;
using QualityGates.Web.Data.Upgrades;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

/// <summary>
/// A database made and used by each released version (the fixtures in Upgrades/, made by that version's own app:
/// scripts/make-upgrade-fixtures.sh) is opened by today's app: it loses no row, its dashboard shows the figures its
/// history gives, its seeded reference data gets German names, and a second start changes nothing. SQLite by
/// default, PostgreSQL with QUALITYGATES_TEST_POSTGRES.
/// </summary>
public sealed class UpgradeTests(ITestOutputHelper output)
{
    private const string RenamedService = "Field Service";

    private static readonly JsonSerializerOptions _json = new() { WriteIndented = true };

    // Derived from other tables, or the upgrade's own record: the upgrade may write them.
    private static readonly HashSet<string> _derivedTables = new(StringComparer.OrdinalIgnoreCase)
    {
        "__EFMigrationsHistory", "DataUpgrades", "PromiseMonthFigures", "CustomerMonthFigures", "DecisionMonthFigures", "DurationHistogram",
        "PromiseCounts", "ActionMonthFigures", "OpenReviewCounts", "OwnerDecisionDays",
    };

    // The ends of the landed stops, with the migrations they had applied.
    [Theory]
    [InlineData("ea711e1")] // Initial
    [InlineData("2570e01")] // + LoopNotificationsDashboard
    [InlineData("e761b1f")] // + SummariesAndWorkIndexes, TrafficLightIndexes
    public async Task A_database_of_a_released_version_upgrades_without_loss_with_the_figures_of_its_history_and_only_once(string release)
    {
        await using var database = await TestDatabase.CreateAsync();
        await RestoreAsync(release, database);
        // Renamed by an administrator before the upgrade: it keeps its name, in English, until someone enters the German.
        await ExecuteAsync(database, $"UPDATE \"Departments\" SET \"Name\" = '{RenamedService}' WHERE \"Name\" = 'Service'");
        var before = await SnapshotAsync(database);
        // The trail keeps every value it had; a later release may add columns, which its old rows leave empty (ADR 0028).
        var kept = new Dictionary<string, IReadOnlyList<string>> { ["AuditEntries"] = await ColumnsAsync(database, "AuditEntries") };

        DashboardFigures upgraded;
        await using (var app = new UpgradedApp(database))
        {
            await app.InitializeAsync();
            upgraded = await app.WithDbAsync(async db =>
            {
                var figures = await FiguresAsync(db, fromBaseTables: false);
                Assert.Equal(Json(await FiguresAsync(db, fromBaseTables: true)), Json(figures));
                await AssertFiguresFollowTheHistoryAsync(db, figures);
                await AssertSeededNamesReadInGermanAsync(db);
                Assert.Equal(DataUpgrades.All.Order(), (await db.DataUpgrades.Select(u => u.Name).ToListAsync()).Order());
                return figures;
            });
        }

        var after = await SnapshotAsync(database, kept);
        foreach (var (table, rows) in before.Where(t => !_derivedTables.Contains(t.Key)))
        {
            Assert.True(after.ContainsKey(table), $"Table {table} is gone.");
            Assert.True(rows.Count == after[table].Count, $"{table}: {rows.Count} rows before the upgrade, {after[table].Count} after.");
        }

        Assert.Equal(before["AuditEntries"], after["AuditEntries"]);
        output.WriteLine($"{release} on {database.Provider}: " + Json(new { upgraded.Ungated, upgraded.FirstPass, upgraded.MovingTarget, upgraded.KeptRate }));

        await using (var again = new UpgradedApp(database))
        {
            await again.InitializeAsync();
            _ = again.Services;
        }

        var second = await SnapshotAsync(database, kept);
        foreach (var (table, rows) in after)
        {
            Assert.True(rows.SequenceEqual(second[table]), $"The second start changed {table}.");
        }
    }

    /// <summary>
    /// The reference: the figures counted straight from the history, as today's verbs would have kept them had the
    /// database been made by today's version. Events are ordered by their ids, not their timestamps: the demo data
    /// stamps its decisions with the time the seeding started, before the submissions it decides.
    /// </summary>
    private static async Task AssertFiguresFollowTheHistoryAsync(QualityGatesDbContext db, DashboardFigures figures)
    {
        var promises = await db.Promises.AsNoTracking().Select(p => new { p.Id, p.CommittedOn, p.Revision, p.Outcome }).ToListAsync();
        var revisions = (await db.PromiseRevisions.AsNoTracking().Select(r => new { r.PromiseId, r.Number, r.DueDate, Change = r.Reason != null }).ToListAsync())
            .ToLookup(r => r.PromiseId);
        var decisions = (await (from d in db.Set<ReviewDecision>().AsNoTracking()
                                join r in db.GateReviews on EF.Property<int>(d, "GateReviewId") equals r.Id
                                select new { r.PromiseId, r.Stage, ReviewId = r.Id, d.Id, d.Decision }).ToListAsync())
            .OrderBy(d => d.Id).ToList();
        var feasibilityReviews = (await db.GateReviews.AsNoTracking().Where(r => r.Stage == GateStage.Feasibility).Select(r => new { r.PromiseId, r.Id }).ToListAsync())
            .OrderBy(r => r.Id).ToLookup(r => r.PromiseId, r => r.Id);
        var firstClosingG1 = decisions.Where(d => d.Stage == GateStage.Feasibility && d.Decision != GateDecision.Hold)
            .GroupBy(d => d.PromiseId).ToDictionary(g => g.Key, g => g.First().Decision);
        var firstHandover = decisions.Where(d => d.Stage == GateStage.Handover)
            .GroupBy(d => d.PromiseId).ToDictionary(g => g.Key, g => g.First().Decision);

        // Each submission and change opens one G1 review: the approving review's place among them is the approved revision.
        var approvedRevision = decisions.Where(d => d.Stage == GateStage.Feasibility && d.Decision is GateDecision.Go or GateDecision.ConditionalGo)
            .GroupBy(d => d.PromiseId)
            .ToDictionary(g => g.Key, g => feasibilityReviews[g.Key].ToList().IndexOf(g.First().ReviewId) + 1);
        var slips = approvedRevision
            .Where(a => revisions[a.Key].Any(r => r.Number > a.Value))
            .Select(a => revisions[a.Key].Where(r => r.Change).MaxBy(r => r.Number)!.DueDate.DayNumber - revisions[a.Key].Single(r => r.Number == a.Value).DueDate.DayNumber)
            .ToList();
        Assert.Equal(new UngatedRate(promises.Count(p => p.CommittedOn != null), promises.Count(p => p.CommittedOn != null && !approvedRevision.ContainsKey(p.Id))), figures.Ungated);
        Assert.Equal(0, figures.Ungated.Ungated);
        Assert.Equal(new FirstPassYield(firstClosingG1.Count, firstClosingG1.Values.Count(d => d is GateDecision.Go or GateDecision.ConditionalGo)), figures.FirstPass);
        Assert.True(figures.FirstPass.Decided > 0);
        Assert.Equal(new MovingTargetIndex(promises.Count(p => p.Revision > 0), promises.Sum(p => Math.Max(p.Revision - 1, 0)), approvedRevision.Count,
            slips.Count, slips.Sum()), figures.MovingTarget);
        Assert.True(figures.MovingTarget.ChangedAfterApproval > 0, "The fixture's changed committed promise counts as a moving target.");
        Assert.Equal(
            (firstHandover.Values.Count(d => d == GateDecision.Go), firstHandover.Values.Count(d => d == GateDecision.Recycle)),
            (figures.Handovers.Sum(h => h.AcceptedFirstTime), figures.Handovers.Sum(h => h.Returned)));
        Assert.Equal(figures.KeptRate.Judged, figures.KeptRate.KeptAgainstFirst + figures.KeptRate.BrokenAgainstFirst);
        Assert.Equal(
            await db.GateReviews.CountAsync(r => r.Stage == GateStage.Feasibility && r.State == GateReviewState.Decided && !r.Decisions.Any(d => d.EnvelopeId != null)),
            figures.MedianDays.Decisions);
    }

    /// <summary>
    /// Every department, category, gate, checkpoint and demo envelope still named as seeded has its seeded German name;
    /// the renamed department keeps its English name and no German one.
    /// </summary>
    private static async Task AssertSeededNamesReadInGermanAsync(QualityGatesDbContext db)
    {
        var departments = await db.Departments.AsNoTracking().Select(d => d.Name).ToListAsync();
        Assert.Equal(
            ReferenceData.Departments().Select(d => d.Name.English == "Service" ? new LocalizedText(RenamedService) : d.Name).OrderBy(n => n.English),
            departments.OrderBy(n => n.English));
        Assert.Equal(ReferenceData.CategoryNames.OrderBy(n => n.English), (await db.PromiseCategories.AsNoTracking().Select(c => c.Name).ToListAsync()).OrderBy(n => n.English));

        var seededGates = ReferenceData.Gates(afterSalesDepartmentId: 0);
        var gates = await db.GateDefinitions.AsNoTracking().Include(g => g.Checkpoints).OrderBy(g => g.Order).ToListAsync();
        Assert.Equal(seededGates.Select(g => g.Name), gates.Select(g => g.Name));
        Assert.Equal(seededGates.SelectMany(g => g.Checkpoints.Select(c => (g.Code, c.Text))), gates.SelectMany(g => g.Checkpoints.OrderBy(c => c.Id).Select(c => (g.Code, c.Text))));
        Assert.Equal(DemoData.EnvelopeNames.OrderBy(n => n.English), (await db.CapabilityEnvelopes.AsNoTracking().Select(e => e.Name).ToListAsync()).OrderBy(n => n.English));
    }

    private static Task<DashboardFigures> FiguresAsync(QualityGatesDbContext db, bool fromBaseTables)
    {
        var queries = new DashboardQueries(db, TestClock.Create()) { FromBaseTables = fromBaseTables };
        return DashboardFigures.LoadAsync(queries, DashboardFilter.WholeMonths(new DateOnly(2020, 1, 1), new DateOnly(2035, 12, 1)), CancellationToken.None);
    }

    private static string Json(object value) => JsonSerializer.Serialize(value, _json);

    private static async Task RestoreAsync(string release, TestDatabase database)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Upgrades");
        if (database.Provider == "Sqlite")
        {
            var file = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
            await using var source = new GZipStream(File.OpenRead(Path.Combine(folder, $"{release}.sqlite.gz")), CompressionMode.Decompress);
            await using var target = File.Create(file);
            await source.CopyToAsync(target);
            return;
        }

        string script;
        await using (var source = new GZipStream(File.OpenRead(Path.Combine(folder, $"{release}.postgresql.sql.gz")), CompressionMode.Decompress))
        using (var reader = new StreamReader(source))
        {
            script = await reader.ReadToEndAsync();
        }

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(script, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task ExecuteAsync(TestDatabase database, string sql)
    {
        await using DbConnection connection = database.Provider == "Sqlite"
            ? new SqliteConnection(database.ConnectionString + ";Pooling=False")
            : new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<IReadOnlyList<string>> ColumnsAsync(TestDatabase database, string table)
    {
        await using DbConnection connection = database.Provider == "Sqlite"
            ? new SqliteConnection(database.ConnectionString + ";Pooling=False")
            : new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var select = connection.CreateCommand();
        select.CommandText = $"SELECT * FROM \"{table}\" WHERE 1 = 0";
        await using var reader = await select.ExecuteReaderAsync();
        return Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
    }

    /// <summary>
    /// Every table's rows as text, sorted: what the database holds, independent of the app's model; of the tables in
    /// <paramref name="columnsOf"/> only those columns.
    /// </summary>
    private static async Task<Dictionary<string, List<string>>> SnapshotAsync(TestDatabase database, IReadOnlyDictionary<string, IReadOnlyList<string>>? columnsOf = null)
    {
        await using DbConnection connection = database.Provider == "Sqlite"
            ? new SqliteConnection(database.ConnectionString + ";Pooling=False")
            : new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = database.Provider == "Sqlite"
                ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var snapshot = new Dictionary<string, List<string>>();
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = columnsOf?.GetValueOrDefault(table) is { } columns
                ? $"SELECT {string.Join(", ", columns.Select(c => $"\"{c}\""))} FROM \"{table}\""
                : $"SELECT * FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync())
            {
                rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount)
                    .Select(i => reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
            }

            rows.Sort(StringComparer.Ordinal);
            snapshot[table] = rows;
        }

        return snapshot;
    }

    /// <summary>Today's app on the restored database, as an operator starts it: no demo data.</summary>
    private sealed class UpgradedApp(TestDatabase database) : QualityGatesFactory(database)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Demo:Seed", "false");
        }
    }
}
