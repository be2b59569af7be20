using Microsoft.EntityFrameworkCore;
using QualityGates.Web.Data.Upgrades;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

/// <summary>
/// The backfill derives the bookkeeping columns from the history by the verbs' own rules (ADR 0023): on a history
/// made by today's verbs — the demo data and a long random walk through every verb — it finds nothing to correct.
/// Likewise the German names (ADR 0027): today's seeding writes them itself.
/// </summary>
public sealed class UpgradeBackfillTests(QualityGatesFactory factory) : IClassFixture<QualityGatesFactory>
{
    [Fact]
    public async Task On_a_history_made_by_todays_verbs_the_backfill_changes_no_row()
    {
        await SummaryTests.RandomWalk.RunAsync(factory, seed: 23, steps: 300);

        var changed = await factory.WithDbAsync(db => db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var result = await BookkeepingBackfill.RunAsync(db);
            await transaction.RollbackAsync();
            return result;
        }));

        Assert.Equal((0, 0), changed);
    }

    [Fact]
    public async Task On_a_new_database_the_seeding_already_named_everything_in_german()
    {
        var filled = await factory.WithDbAsync(db => db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var result = await GermanNamesBackfill.RunAsync(db);
            await transaction.RollbackAsync();
            return result;
        }));

        Assert.Equal(0, filled);
    }

    [Fact]
    public async Task A_new_database_records_the_upgrades_at_its_first_start_so_they_never_run_there()
    {
        var upgrades = await factory.WithDbAsync(db => db.DataUpgrades.Select(u => u.Name).ToListAsync());

        Assert.Equal(DataUpgrades.All.Order(), upgrades.Order());
    }
}
