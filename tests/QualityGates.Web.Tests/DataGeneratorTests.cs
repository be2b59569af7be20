using System.Globalization;
using Microsoft.EntityFrameworkCore;
using QualityGates.DataGenerator;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;
using QualityGates.Web.Data;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

/// <summary>The app on a database filled by the benchmark's data generator (200 promises, fixed seed and clock).</summary>
public sealed class GeneratedDatabase : IAsyncLifetime
{
    public const int Promises = 200;

    public QualityGatesFactory Factory { get; } = new();

    public async ValueTask InitializeAsync()
    {
        await Factory.InitializeAsync();
        await Generator.RunAsync(new GeneratorOptions
        {
            Provider = Enum.Parse<DatabaseProvider>(Factory.Database.Provider),
            ConnectionString = Factory.Database.ConnectionString,
            Promises = Promises,
            Customers = 40,
            Now = new DateTime(2026, 11, 27, 12, 0, 0, DateTimeKind.Utc),
            BatchSize = 64,
        }, TextWriter.Null);
    }

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}

public sealed class DataGeneratorTests(GeneratedDatabase generated) : IClassFixture<GeneratedDatabase>
{
    private QualityGatesFactory Factory => generated.Factory;

    [Fact]
    public async Task Promises_are_spread_over_the_lifecycle_with_most_of_the_due_ones_kept()
    {
        var byStatus = await Factory.WithDbAsync(db => db.Promises.GroupBy(p => p.Status).ToDictionaryAsync(g => g.Key, g => g.Count()));

        Assert.Equal(GeneratedDatabase.Promises, byStatus.Values.Sum());
        foreach (var status in new[] { PromiseStatus.Draft, PromiseStatus.Rejected, PromiseStatus.InDelivery, PromiseStatus.Kept, PromiseStatus.Broken, PromiseStatus.Withdrawn })
        {
            Assert.True(byStatus.GetValueOrDefault(status) > 0, $"no {status} promise");
        }

        var kept = byStatus[PromiseStatus.Kept];
        var outcomes = kept + byStatus[PromiseStatus.Broken];
        Assert.InRange(kept * 100 / outcomes, 70, 95);
        var pastFeasibility = new[] { PromiseStatus.Approved, PromiseStatus.Committed, PromiseStatus.InDelivery, PromiseStatus.Kept, PromiseStatus.Broken }
            .Sum(s => byStatus.GetValueOrDefault(s));
        Assert.InRange(pastFeasibility * 100 / GeneratedDatabase.Promises, 55, 90);
    }

    [Fact]
    public async Task Every_promise_with_an_outcome_passed_feasibility_was_committed_and_accepted_at_handover()
    {
        var broken = await Factory.WithDbAsync(async db =>
        {
            var finished = await db.Promises.AsNoTracking().Where(p => p.Status == PromiseStatus.Kept || p.Status == PromiseStatus.Broken).ToListAsync();
            var ids = finished.Select(p => p.Id).ToList();
            var reviews = await db.GateReviews.AsNoTracking().Include(r => r.Decisions).Where(r => ids.Contains(r.PromiseId)).ToListAsync();
            foreach (var promise in finished)
            {
                var own = reviews.Where(r => r.PromiseId == promise.Id).ToList();
                Assert.Contains(own, r => r.Stage == GateStage.Feasibility && r.State == GateReviewState.Decided
                                          && r.Outcome is GateDecision.Go or GateDecision.ConditionalGo);
                Assert.Contains(own, r => r.Stage == GateStage.Handover && r.State == GateReviewState.Decided && r.Outcome == GateDecision.Go);
                Assert.Contains(own, r => r.Stage == GateStage.Closure);
                Assert.NotNull(promise.CommittedOn);
                Assert.NotNull(promise.Evidence);
                Assert.Equal(promise.Status == PromiseStatus.Broken, promise.BreachCause is not null);

                // The columns the verbs keep for the dashboard come with the verbs.
                Assert.NotNull(promise.FirstApprovedRevision);
                Assert.NotNull(promise.FirstFeasibilityDecision);
                Assert.NotNull(promise.HandoverAcceptedFirstTime);
                Assert.NotNull(promise.OutcomeAgainstFirstTarget);
            }

            return finished.Count(p => p.Status == PromiseStatus.Broken);
        });

        Assert.True(broken > 0);
    }

    [Fact]
    public async Task Some_promises_are_delivered_along_chains_whose_links_each_answered_and_handed_over_in_order()
    {
        var chains = await Factory.WithDbAsync(db => db.Promises.AsNoTracking().Where(p => p.Links.Count > 1).ToListAsync());
        var reviews = await Factory.WithDbAsync(db => db.GateReviews.AsNoTracking().Where(r => r.LinkPosition > 1).ToListAsync());

        // One promise in eight or so; a chain's every link was asked at G1, and the later links received it by handovers.
        Assert.InRange(chains.Count * 100 / GeneratedDatabase.Promises, 4, 25);
        var approved = chains.Where(p => p.Status is PromiseStatus.Approved or PromiseStatus.Committed or PromiseStatus.InDelivery or PromiseStatus.Kept or PromiseStatus.Broken
                                         && p.FirstApprovedRevision is not null).ToList();
        Assert.NotEmpty(approved);
        Assert.All(approved, p => Assert.All(p.Links.Skip(1), l =>
            Assert.Contains(reviews, r => r.PromiseId == p.Id && r.Stage == GateStage.Feasibility && r.LinkPosition == l.Position && r.State == GateReviewState.Decided)));
        var handedOn = chains.Where(p => p.CurrentLinkPosition > 1).ToList();
        Assert.NotEmpty(handedOn);
        Assert.All(handedOn, p =>
        {
            Assert.Equal(p.LinkAt(p.CurrentLinkPosition).DepartmentId, p.HoldingDepartmentId);
            Assert.Contains(reviews, r => r.PromiseId == p.Id && r.Stage == GateStage.Handover && r.LinkPosition == p.CurrentLinkPosition
                                          && r.State == GateReviewState.Decided && r.HandingOverDepartmentId == p.LinkAt(p.CurrentLinkPosition - 1).DepartmentId);
        });
    }

    [Fact]
    public async Task Feedback_follows_broken_promises_and_every_done_action_left_a_lesson()
    {
        var (feedback, actions) = await Factory.WithDbAsync(async db =>
            (await db.Feedback.AsNoTracking().ToListAsync(), await db.ImprovementActions.AsNoTracking().Include(a => a.UpstreamChanges).Include(a => a.FeedbackLinks).ToListAsync()));

        Assert.NotEmpty(feedback);
        Assert.NotEmpty(actions);
        Assert.True(actions.Count < feedback.Count);
        Assert.All(feedback, f => Assert.NotNull(f.PromiseId));
        Assert.All(actions, a => Assert.Single(a.FeedbackLinks));
        Assert.All(actions.Where(a => a.IsDone), a => Assert.NotEmpty(a.UpstreamChanges));
    }

    [Fact]
    public async Task Numbers_are_unique_per_year_and_the_sequences_continue_after_them()
    {
        var (numbers, sequences) = await Factory.WithDbAsync(async db =>
            (await db.Promises.Select(p => p.Number).ToListAsync(), await db.NumberSequences.AsNoTracking().ToListAsync()));

        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        Assert.All(numbers, n => Assert.Matches(@"^P-\d{4}-\d{5}$", n));
        foreach (var year in numbers.GroupBy(n => n[..6]))
        {
            var sequence = Assert.Single(sequences, s => s.Name == year.Key);
            Assert.Equal(year.Max(n => int.Parse(n[7..], CultureInfo.InvariantCulture)), sequence.LastValue);
            Assert.Equal(year.Count(), sequence.LastValue);
        }
    }

    [Fact]
    public async Task Every_submission_and_change_after_it_is_a_stored_revision()
    {
        var mismatches = await Factory.WithDbAsync(db => db.Promises
            .Where(p => p.Revision != db.PromiseRevisions.Count(r => r.PromiseId == p.Id))
            .Select(p => p.Number).ToListAsync());

        Assert.Empty(mismatches);
        Assert.True(await Factory.WithDbAsync(db => db.Promises.AnyAsync(p => p.Revision > 1)));
    }

    [Fact]
    public async Task The_register_pages_through_the_generated_promises_and_a_promise_shows_its_reviews_and_history()
    {
        using var client = Factory.CreateTestClient();
        await client.SignInSuccessfullyAsync(World.ExecutiveEmail, World.Password);

        var first = await client.GetPageAsync("/Promises");
        var second = await client.GetPageAsync(first.QuerySelector("nav[aria-label=Pages] a[rel=next]")!.GetAttribute("href")!);
        var register = await client.GetPageAsync(second.QuerySelector("nav[aria-label=Pages] a[rel=next]")!.GetAttribute("href")!);
        var kept = await Factory.WithDbAsync(db => db.Promises.AsNoTracking().OrderBy(p => p.Id).FirstAsync(p => p.Status == PromiseStatus.Kept));
        var details = await client.GetPageAsync($"/Promises/Details/{kept.Id}");

        Assert.Equal(25, register.QuerySelectorAll("main table tbody tr").Length);
        Assert.Contains(Texts.English("Pager.Count", GeneratedDatabase.Promises), register.QuerySelector(".pager-summary")!.TextContent);
        var third = await Factory.WithDbAsync(db => db.Promises.OrderByDescending(p => p.Id).Skip(50).Take(25).Select(p => p.Number).ToListAsync());
        Assert.Equal(third, register.QuerySelectorAll("main table tbody tr td:first-child").Select(td => td.TextContent.Trim()));
        Assert.Contains(kept.Number, details.Body!.TextContent);
        Assert.Contains("G3", details.Body.TextContent);
        Assert.Contains("Kept", details.Body.TextContent);
    }
}
