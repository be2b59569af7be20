using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using QualityGates.Tests;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;

namespace QualityGates.Web.Tests;

/// <summary>
/// A migration after the last release must not drop a table or column or narrow a column (shorter, smaller type,
/// less precision, nullable → not null without a default) — data would be lost on upgrade — unless it is allowed
/// below with a reason. The released migrations (up to TrafficLightIndexes) are the baseline.
/// </summary>
public sealed class MigrationLossGuardTests
{
    private const string LastReleasedMigration = "TrafficLightIndexes";

    // "Migration: Table.Column" → why losing it is intended (and how its data is kept, if it is).
    private static readonly Dictionary<string, string> _allowed = new(StringComparer.Ordinal)
    {
    };

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=unused.db")]
    [InlineData(DatabaseProvider.SqlServer, "Server=unused;Database=QualityGates")]
    [InlineData(DatabaseProvider.PostgreSql, "Host=unused;Database=qualitygates")]
    public void No_migration_after_the_last_release_drops_or_narrows_data_unless_allowed(DatabaseProvider provider, string connectionString)
    {
        using var services = Services(provider, connectionString);
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QualityGatesDbContext>();
        var assembly = db.GetService<IMigrationsAssembly>();
        var ids = assembly.Migrations.Keys.Order(StringComparer.Ordinal).ToList();
        var released = ids.FindIndex(id => id.EndsWith("_" + LastReleasedMigration, StringComparison.Ordinal));
        Assert.True(released >= 0, $"{provider}: the released baseline {LastReleasedMigration} is missing.");

        var findings = ids.Skip(released + 1)
            .SelectMany(id => Losses(assembly.CreateMigration(assembly.Migrations[id], db.Database.ProviderName!).UpOperations)
                .Select(loss => $"{id[(id.IndexOf('_') + 1)..]}: {loss}"))
            .Where(finding => !_allowed.ContainsKey(finding[..finding.IndexOf(" (", StringComparison.Ordinal)]))
            .ToList();

        Assert.True(findings.Count == 0, $"{provider}: migrations that lose data on upgrade (allow them in {nameof(MigrationLossGuardTests)} with a reason):\n" + string.Join('\n', findings));
    }

    [Fact]
    public void The_guard_sees_every_kind_of_loss()
    {
        var builder = new MigrationBuilder("Microsoft.EntityFrameworkCore.Sqlite");
        builder.DropTable("Lessons");
        builder.DropColumn("Evidence", "Promises");
        builder.AlterColumn<string>("Title", "Promises", maxLength: 100, oldMaxLength: 200);
        builder.AlterColumn<string>("Statement", "Promises", maxLength: 4000, oldMaxLength: null);
        builder.AlterColumn<int>("DueDateSlipDays", "Promises", oldClrType: typeof(long));
        builder.AlterColumn<decimal>("ActualValue", "Promises", precision: 10, scale: 2, oldClrType: typeof(decimal), oldPrecision: 18, oldScale: 4);
        builder.AlterColumn<string>("RiskReason", "Promises", nullable: false, oldClrType: typeof(string), oldNullable: true);
        builder.AlterColumn<string>("RiskMeasure", "Promises", nullable: false, defaultValue: "", oldClrType: typeof(string), oldNullable: true);
        builder.AlterColumn<long>("Revision", "Promises", oldClrType: typeof(int));
        builder.AlterColumn<string>("SourceReference", "Promises", maxLength: 200, oldMaxLength: 100);

        var losses = Losses(builder.Operations);

        Assert.Equal(
            ["Lessons (dropped)", "Promises.Evidence (dropped)", "Promises.Title (shorter: 200 → 100)", "Promises.Statement (shorter: unlimited → 4000)",
             "Promises.DueDateSlipDays (smaller type: Int64 → Int32)", "Promises.ActualValue (less precision: 18,4 → 10,2)",
             "Promises.RiskReason (not null without a default)"],
            losses);
    }

    /// <summary>What each operation would lose, as "Table.Column (why)".</summary>
    internal static IEnumerable<string> Losses(IEnumerable<MigrationOperation> operations)
    {
        foreach (var operation in operations)
        {
            switch (operation)
            {
                case DropTableOperation drop:
                    yield return $"{drop.Name} (dropped)";
                    break;
                case DropColumnOperation drop:
                    yield return $"{drop.Table}.{drop.Name} (dropped)";
                    break;
                case AlterColumnOperation alter when Narrowing(alter, alter.OldColumn) is { } why:
                    yield return $"{alter.Table}.{alter.Name} ({why})";
                    break;
            }
        }
    }

    private static string? Narrowing(ColumnOperation now, ColumnOperation before)
    {
        if (now.ClrType != before.ClrType && !Widens(before.ClrType, now.ClrType))
        {
            return $"smaller type: {before.ClrType.Name} → {now.ClrType.Name}";
        }

        if (now.MaxLength is { } length && (before.MaxLength is null || length < before.MaxLength))
        {
            return $"shorter: {before.MaxLength?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unlimited"} → {length}";
        }

        if ((now.Precision ?? int.MaxValue) < (before.Precision ?? int.MaxValue) || (now.Scale ?? int.MaxValue) < (before.Scale ?? int.MaxValue))
        {
            return $"less precision: {before.Precision},{before.Scale} → {now.Precision},{now.Scale}";
        }

        return before.IsNullable && !now.IsNullable && now.DefaultValue is null && now.DefaultValueSql is null && now.ComputedColumnSql is null
            ? "not null without a default"
            : null;
    }

    private static readonly Type[][] _widenings =
    [
        [typeof(byte), typeof(short), typeof(int), typeof(long), typeof(decimal)],
        [typeof(float), typeof(double)],
    ];

    private static bool Widens(Type from, Type to) =>
        to == typeof(string) && from != typeof(byte[])
        || _widenings.Any(chain => Array.IndexOf(chain, from) is var i and >= 0 && Array.IndexOf(chain, to) > i);

    private static ServiceProvider Services(DatabaseProvider provider, string connectionString)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = provider.ToString(),
                ["ConnectionStrings:QualityGates"] = connectionString,
            })
            .Build();
        return new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(TestClock.Create())
            .AddQualityGatesDatabase(configuration, Path.GetTempPath())
            .AddQualityGatesSecurity(new HostingEnvironment { EnvironmentName = "Production" })
            .BuildServiceProvider();
    }
}
