using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QualityGates.Domain;
using QualityGates.Domain.Departments;
using QualityGates.Domain.Feedback;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Improvement;
using QualityGates.Domain.Lessons;
using QualityGates.Domain.Promises;
using QualityGates.Web.Dashboard;
using QualityGates.Web.Data;
using QualityGates.Web.Data.Summaries;
using QualityGates.Web.Gates;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

/// <summary>
/// The summaries (ADR 0021) are kept with every change: after many changes through the verbs, every dashboard
/// figure read from them equals the figure recounted from the base tables, and they equal a rebuild.
/// </summary>
public sealed class SummaryTests(QualityGatesFactory factory, ITestOutputHelper output) : IClassFixture<QualityGatesFactory>
{
    private static readonly JsonSerializerOptions _json = new() { WriteIndented = true };

    [Fact]
    public async Task After_a_long_random_sequence_of_changes_every_figure_from_the_summaries_equals_the_recount()
    {
        var walked = await RandomWalk.RunAsync(factory, seed: 2026, steps: 700);
        output.WriteLine("steps taken: " + string.Join(", ", walked.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value}")));

        // What the walk reached: every kind of change the figures count, more than once.
        foreach (var step in new[] { "draft", "edit", "submit", "go", "conditional", "recycle", "no-go", "hold", "revise", "commit", "accept", "return",
                     "risk", "kept", "broken", "withdraw", "resolve", "action", "action-done" })
        {
            Assert.True(walked.GetValueOrDefault(step) >= 3, $"The walk took '{step}' {walked.GetValueOrDefault(step)} times.");
        }

        var (compared, fromSummaries) = await CompareAllViewsAsync();
        output.WriteLine($"views compared: {compared}, of them answered from summaries: {fromSummaries}");
        Assert.True(compared >= 100 && fromSummaries >= 50, $"{compared} views compared, {fromSummaries} from summaries");

        await AssertSummariesEqualARebuildAsync();
    }

    [Fact]
    public async Task A_transaction_writes_its_summary_rows_when_it_commits_not_at_each_save()
    {
        // Two saves in one transaction, as a gate decision makes them. Had each save written its summary rows, two
        // such requests could lock shared rows in opposite orders and one would end as a deadlock (a 503 for its user).
        var ids = await factory.WithDbAsync(db => RandomWalk.DraftsInOneBucketAsync(factory, db, count: 2));
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QualityGatesDbContext>();
        var gates = scope.ServiceProvider.GetRequiredService<GateWorkflow>();
        var before = await db.OpenReviewCounts.SumAsync(c => c.Count);

        // As the pages run their transactions: inside the execution strategy, at most once (ADR 0015).
        var beforeCommit = await db.Database.ExecuteOnceAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            foreach (var id in ids)
            {
                var promise = await db.Promises.SingleAsync(p => p.Id == id);
                await gates.SubmitAsync(promise, promise.OwnerId);
                await db.SaveChangesAsync();
            }

            var counted = await db.OpenReviewCounts.SumAsync(c => c.Count);
            await transaction.CommitAsync();
            return counted;
        });

        Assert.Equal(before, beforeCommit);

        Assert.Equal(before + 2, await db.OpenReviewCounts.SumAsync(c => c.Count));
        await AssertSummariesEqualARebuildAsync();
    }

    [Fact]
    public async Task A_transaction_rolled_back_leaves_no_count_behind_for_the_next_one()
    {
        var ids = await factory.WithDbAsync(db => RandomWalk.DraftsInOneBucketAsync(factory, db, count: 2));
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QualityGatesDbContext>();
        var gates = scope.ServiceProvider.GetRequiredService<GateWorkflow>();
        var before = await db.OpenReviewCounts.SumAsync(c => c.Count);

        await db.Database.ExecuteOnceAsync(async () =>
        {
            await using var abandoned = await db.Database.BeginTransactionAsync();
            var promise = await db.Promises.SingleAsync(p => p.Id == ids[0]);
            await gates.SubmitAsync(promise, promise.OwnerId);
            return await db.SaveChangesAsync();
        });

        db.ChangeTracker.Clear();
        var next = await db.Promises.SingleAsync(p => p.Id == ids[1]);
        await gates.SubmitAsync(next, next.OwnerId);
        await db.SaveChangesAsync();

        Assert.Equal(before + 1, await db.OpenReviewCounts.SumAsync(c => c.Count));
        await AssertSummariesEqualARebuildAsync();
    }

    [Fact]
    public async Task Two_writers_moving_promises_of_the_same_month_and_departments_at_once_lose_no_count()
    {
        var (firstIds, secondIds) = await factory.WithDbAsync(async db =>
        {
            var ids = await RandomWalk.DraftsInOneBucketAsync(factory, db, count: 20);
            return (ids.Where((_, i) => i % 2 == 0).ToList(), ids.Where((_, i) => i % 2 == 1).ToList());
        });

        // Each writer submits, then withdraws its promises, one SaveChanges each, both at the same time: every
        // save moves the same summary rows (status counts, month figures).
        using var start = new Barrier(2);
        async Task WriteAsync(IReadOnlyList<int> ids)
        {
            start.SignalAndWait();
            foreach (var id in ids)
            {
                await using var scope = factory.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<QualityGatesDbContext>();
                var gates = scope.ServiceProvider.GetRequiredService<GateWorkflow>();
                var promise = await db.Promises.SingleAsync(p => p.Id == id);
                await gates.SubmitAsync(promise, promise.OwnerId);
                await db.SaveChangesAsync();
                await gates.WithdrawAsync(promise, "Customer chose another offer", promise.OwnerId);
                await db.SaveChangesAsync();
            }
        }

        await Task.WhenAll(Task.Run(() => WriteAsync(firstIds)), Task.Run(() => WriteAsync(secondIds)));

        var (compared, _) = await CompareAllViewsAsync();
        Assert.True(compared > 0);
        await AssertSummariesEqualARebuildAsync();
        var withdrawn = await factory.WithDbAsync(db => db.PromiseCounts
            .Where(c => c.Status == PromiseStatus.Withdrawn).SumAsync(c => c.Count));
        Assert.Equal(await factory.WithDbAsync(db => db.Promises.LongCountAsync(p => p.Status == PromiseStatus.Withdrawn)), withdrawn);
    }

    [Fact]
    public async Task A_rebuild_restores_summaries_that_an_import_around_the_app_left_behind()
    {
        var promiseId = await factory.WithDbAsync(async db => (await RandomWalk.DraftsInOneBucketAsync(factory, db, count: 1)).Single());
        await factory.WithDbAsync(db => db.Promises.Where(p => p.Id == promiseId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, PromiseStatus.Withdrawn)));

        await factory.WithDbAsync(async db =>
        {
            await SummaryRebuild.RunAsync(db);
            return 0;
        });

        await AssertSummariesEqualARebuildAsync();
        var (compared, _) = await CompareAllViewsAsync();
        Assert.True(compared > 0);
    }

    /// <summary>Every figure in many views (scopes, filters, periods), read from the summaries and recounted.</summary>
    private async Task<(int Compared, int FromSummaries)> CompareAllViewsAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QualityGatesDbContext>();
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var summaries = new DashboardQueries(db, time);
        var recount = new DashboardQueries(db, time) { FromBaseTables = true };
        var departments = await db.Departments.AsNoTracking().ToListAsync();
        var promising = departments.Where(d => d.Kind == DepartmentKind.Promising).Select(d => d.Id).ToList();
        var delivering = departments.Where(d => d.Kind == DepartmentKind.Delivering).Select(d => d.Id).ToList();
        var categories = await db.PromiseCategories.Select(c => c.Id).Take(3).ToListAsync();

        var today = summaries.Today;
        var periods = new[]
        {
            DashboardFilter.LastTwelveMonths(today, DepartmentScope.Everything),
            DashboardFilter.WholeMonths(today.AddMonths(-18), today.AddMonths(18)),
            DashboardFilter.WholeMonths(today, today),
            new DashboardFilter(today.AddDays(-200), today.AddDays(100)),
        };
        var scopes = new[] { DepartmentScope.Everything }
            .Concat(promising.Select(id => new DepartmentScope(id, null)))
            .Concat(delivering.Select(id => new DepartmentScope(null, id)));
        var narrowings = new List<Func<DashboardFilter, DashboardFilter>> { f => f };
        narrowings.AddRange(categories.Select(id => (Func<DashboardFilter, DashboardFilter>)(f => f with { CategoryId = id })));
        narrowings.Add(f => f with { PromisingDepartmentId = promising[0] });
        narrowings.Add(f => f with { DeliveringDepartmentId = delivering[0], CategoryId = categories[0] });

        var (compared, fromSummaries) = (0, 0);
        foreach (var period in periods)
        {
            foreach (var departmentScope in scopes)
            {
                foreach (var narrow in narrowings)
                {
                    var filter = narrow(period with { Scope = departmentScope });
                    var expected = JsonSerializer.Serialize(await DashboardFigures.LoadAsync(recount, filter, default), _json);
                    var actual = JsonSerializer.Serialize(await DashboardFigures.LoadAsync(summaries, filter, default), _json);
                    Assert.True(expected == actual, $"Figures differ for {filter}:\nrecounted {expected}\nfrom summaries {actual}");
                    compared++;
                    fromSummaries += filter.IsWholeMonths ? 1 : 0;
                }
            }
        }

        return (compared, fromSummaries);
    }

    /// <summary>The summaries as the changes left them equal a recount from scratch (rows with only zeros aside).</summary>
    private async Task AssertSummariesEqualARebuildAsync()
    {
        async Task<string> SnapshotAsync() => await factory.WithDbAsync(async db => JsonSerializer.Serialize(new object[]
        {
            (await db.PromiseMonthFigures.AsNoTracking().ToListAsync()).Where(NotZero).OrderBy(Key),
            (await db.CustomerMonthFigures.AsNoTracking().ToListAsync()).Where(NotZero).OrderBy(Key),
            (await db.DecisionMonthFigures.AsNoTracking().ToListAsync()).Where(NotZero).OrderBy(Key),
            (await db.DurationHistograms.AsNoTracking().ToListAsync()).Where(NotZero).OrderBy(Key),
            (await db.PromiseCounts.AsNoTracking().ToListAsync()).Where(NotZero).OrderBy(Key),
            (await db.ActionMonthFigures.AsNoTracking().ToListAsync()).Where(NotZero).OrderBy(Key),
            (await db.OpenReviewCounts.AsNoTracking().ToListAsync()).Where(NotZero).OrderBy(Key),
            (await db.OwnerDecisionDays.AsNoTracking().ToListAsync()).Where(NotZero).OrderBy(Key),
        }, _json));

        var kept = await SnapshotAsync();
        await factory.WithDbAsync(async db =>
        {
            await SummaryRebuild.RunAsync(db);
            return 0;
        });
        Assert.Equal(await SnapshotAsync(), kept);
    }

    // A row's values as text: the key first (its leading properties), then the counters.
    private static string Key(object row) => string.Join('|', row.GetType().GetProperties().Select(p => Convert.ToString(p.GetValue(row), System.Globalization.CultureInfo.InvariantCulture)));

    private static bool NotZero(object row) => row.GetType().GetProperties()
        .Where(p => p.PropertyType == typeof(long)).Any(p => (long)p.GetValue(row)! != 0);

    /// <summary>Promises, reviews and improvement actions driven through the domain's verbs at random, one save per step.</summary>
    internal static class RandomWalk
    {
        public static async Task<Dictionary<string, int>> RunAsync(QualityGatesFactory factory, int seed, int steps)
        {
            var random = new Random(seed);
            var taken = new Dictionary<string, int>();
            var promiseIds = new List<int>();
            for (var i = 0; i < steps; i++)
            {
                factory.Clock.Advance(TimeSpan.FromHours(random.Next(1, 60)));
                await using var scope = factory.Services.CreateAsyncScope();
                var world = await World.LoadAsync(scope.ServiceProvider, factory.Clock);
                var promiseId = promiseIds.Count == 0 ? 0 : promiseIds[random.Next(promiseIds.Count)];
                var step = promiseIds.Count < 10 || random.Next(8) == 0
                    ? await world.DraftAsync(random, promiseIds)
                    : random.Next(12) == 0
                        ? await world.ImproveAsync(random)
                        : await world.StepAsync(await world.Db.Promises.SingleAsync(p => p.Id == promiseId), random);
                if (step is not null)
                {
                    await world.Db.SaveChangesAsync();
                    taken[step] = taken.GetValueOrDefault(step) + 1;
                }
            }

            return taken;
        }

        /// <summary>Drafts of one promising and delivering department and category, due in one month.</summary>
        public static async Task<List<int>> DraftsInOneBucketAsync(QualityGatesFactory factory, QualityGatesDbContext db, int count)
        {
            var world = await World.LoadAsync(db, factory.Services.GetRequiredService<PromiseNumberAllocator>(), factory.Clock);
            var due = factory.Today.AddMonths(2);
            var promises = new List<Promise>();
            for (var i = 0; i < count; i++)
            {
                promises.Add(await world.NewDraftAsync("Sales", "Service", world.Categories[0], world.Customers[0], 2, due));
            }

            await db.SaveChangesAsync();
            return promises.Select(p => p.Id).ToList();
        }
    }

    private sealed class World
    {
        private static readonly string[] _promising = ["Sales", "PreSales", "Marketing"];
        private static readonly string[] _delivering = ["Service", "Projects", "Production"];

        private World(QualityGatesDbContext db, PromiseNumberAllocator numbers, TimeProvider clock)
        {
            Db = db;
            Numbers = numbers;
            Clock = clock;
        }

        public QualityGatesDbContext Db { get; }

        private PromiseNumberAllocator Numbers { get; }

        private TimeProvider Clock { get; }

        private GateWorkflow Gates => new(Db, Clock);

        private DateTime Now => Clock.GetUtcNow().UtcDateTime;

        private DateOnly Today => DateOnly.FromDateTime(Now);

        public Dictionary<string, Department> Departments { get; private set; } = [];

        public List<int> Categories { get; private set; } = [];

        public List<int> Customers { get; private set; } = [];

        private Dictionary<int, Domain.Customers.Customer> CustomerById { get; set; } = [];

        private Dictionary<string, string> Users { get; set; } = [];

        private Dictionary<int, string> ManagerOf { get; set; } = [];

        public static Task<World> LoadAsync(IServiceProvider services, TimeProvider clock) =>
            LoadAsync(services.GetRequiredService<QualityGatesDbContext>(), services.GetRequiredService<PromiseNumberAllocator>(), clock);

        public static async Task<World> LoadAsync(QualityGatesDbContext db, PromiseNumberAllocator numbers, TimeProvider clock)
        {
            var world = new World(db, numbers, clock)
            {
                Departments = await db.Departments.ToDictionaryAsync(d => d.Name.English),
                Categories = await db.PromiseCategories.OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(),
                Customers = await db.Customers.OrderBy(c => c.Id).Select(c => c.Id).Take(4).ToListAsync(),
                Users = await db.Users.ToDictionaryAsync(u => u.Email!, u => u.Id),
            };
            world.ManagerOf = new Dictionary<int, string>
            {
                [world.Departments["Service"].Id] = world.Users["service.manager@demo.local"],
                [world.Departments["Projects"].Id] = world.Users["projects.manager@demo.local"],
                [world.Departments["Production"].Id] = world.Users["production.manager@demo.local"],
            };
            return world;
        }

        public async Task<Promise> NewDraftAsync(string promising, string delivering, int category, int? customer, decimal hours, DateOnly due)
        {
            var department = Departments[promising];
            var owner = Users[$"{promising.ToLowerInvariant()}@demo.local"];
            var promise = Promise.Draft(await Numbers.NextAsync(), Details(department, delivering, category, customer, hours, due), department, owner, Now);
            Db.Promises.Add(promise);
            return promise;
        }

        private PromiseDetails Details(Department promising, string delivering, int category, int? customer, decimal hours, DateOnly due) =>
            new("Walked promise", "Walked promise", category, promising.MakesGeneralClaims ? null : customer, Departments[delivering].Id,
                PromiseSource.Offer, null, new MeasurableTarget("First response", TargetComparator.AtMost, hours, "h", null), due);

        private PromiseDetails RandomDetails(Random random, Department promising) =>
            Details(promising, _delivering[random.Next(_delivering.Length)], Categories[random.Next(Categories.Count)],
                Customers[random.Next(Customers.Count)], random.Next(1, 6), Today.AddDays(random.Next(-300, 300)));

        public async Task<string> DraftAsync(Random random, List<int> ids)
        {
            var promising = Departments[_promising[random.Next(_promising.Length)]];
            var details = RandomDetails(random, promising);
            var promise = await NewDraftAsync(promising.Name.English, Departments.Values.Single(d => d.Id == details.DeliveringDepartmentId).Name.English,
                details.CategoryId, details.CustomerId, details.Target.Value!.Value, details.DueDate);
            await Db.SaveChangesAsync();
            ids.Add(promise.Id);
            return "draft";
        }

        /// <summary>One legal step for the promise's status, chosen at random; null when none applies now.</summary>
        public async Task<string?> StepAsync(Promise promise, Random random)
        {
            var promising = Departments.Values.Single(d => d.Id == promise.PromisingDepartmentId);
            if (!promise.Status.IsFinal() && random.Next(25) == 0)
            {
                await Gates.WithdrawAsync(promise, "Changed plans", promise.OwnerId);
                return "withdraw";
            }

            switch (promise.Status)
            {
                case PromiseStatus.Draft when random.Next(4) == 0:
                    promise.EditDraft(RandomDetails(random, promising), promising);
                    return "edit";
                case PromiseStatus.Draft:
                    await Gates.SubmitAsync(promise, promise.OwnerId);
                    return "submit";
                case PromiseStatus.Rejected:
                    promise.Revise();
                    return "rework";
                case PromiseStatus.UnderReview or PromiseStatus.Approved or PromiseStatus.Committed or PromiseStatus.InDelivery when random.Next(10) == 0:
                    await Gates.ReviseAsync(promise, RandomDetails(random, promising), promising, RevisionReason.CustomerRequest, "Customer asked", promise.OwnerId);
                    return "revise";
                case PromiseStatus.UnderReview:
                    return await DecideAsync(promise, GateStage.Feasibility, random);
                case PromiseStatus.Approved:
                    await Gates.CommitAsync(promise, Today, CommitChannel.Contract);
                    return "commit";
                case PromiseStatus.Committed when random.Next(3) == 0:
                    return await ResolveConditionAsync(promise) ?? Risk(promise, random);
                case PromiseStatus.Committed:
                    return await ResolveConditionAsync(promise) ?? await DecideAsync(promise, GateStage.Handover, random);
                case PromiseStatus.InDelivery when random.Next(3) == 0:
                    return Risk(promise, random);
                case PromiseStatus.InDelivery:
                    var broken = random.Next(3) == 0;
                    await Gates.RecordOutcomeAsync(promise, broken ? OutcomeKind.Broken : OutcomeKind.Kept, 2, promise.DueDate, "Measured",
                        broken ? Enum.GetValues<BreachCause>()[random.Next(4)] : null);
                    return broken ? "broken" : "kept";
                default:
                    return null;
            }
        }

        private string Risk(Promise promise, Random random)
        {
            promise.RaiseRisk("Technician ill", random.Next(2) == 0 ? "Backup booked" : null, Now);
            return "risk";
        }

        private async Task<string?> DecideAsync(Promise promise, GateStage stage, Random random)
        {
            var review = await Db.GateReviews.Include(r => r.Conditions)
                .Where(r => r.PromiseId == promise.Id && r.Stage == stage && r.State != GateReviewState.Decided && r.State != GateReviewState.Superseded)
                .OrderByDescending(r => r.Id).FirstOrDefaultAsync();
            if (review is null)
            {
                return null;
            }

            if (review.State == GateReviewState.Returned)
            {
                review.HandOverAgain(Now);
                return "hand-over-again";
            }

            var gate = await Db.GateDefinitions.Include(g => g.Checkpoints).SingleAsync(g => g.Id == review.GateDefinitionId);
            var checklist = GateChecklist.Of(gate, review, promise);
            var answers = checklist.Checkpoints.ToDictionary(c => c.Id, _ => new AnswerInput(CheckpointAnswer.Met, null));
            var (decision, name) = stage == GateStage.Handover
                ? random.Next(4) == 0 ? (GateDecision.Recycle, "return") : (GateDecision.Go, "accept")
                : random.Next(10) switch
                {
                    < 4 => (GateDecision.Go, "go"),
                    < 6 => (GateDecision.ConditionalGo, "conditional"),
                    6 => (GateDecision.Recycle, "recycle"),
                    7 => (GateDecision.NoGo, "no-go"),
                    _ => (GateDecision.Hold, "hold"),
                };
            var conditions = decision == GateDecision.ConditionalGo
                ? new[] { new ConditionInput("Confirm capacity", promise.OwnerId, Today.AddDays(random.Next(-5, 20))) }
                : [];
            var reason = decision is GateDecision.Go or GateDecision.ConditionalGo ? null : "Reason given";
            var reReview = decision == GateDecision.Hold ? Today.AddDays(7) : (DateOnly?)null;
            var manager = ManagerOf[review.DecidingDepartmentId];
            var conditionsOpen = stage == GateStage.Handover && await Gates.FeasibilityConditionsOpenAsync(promise.Id, review.LinkPosition);
            try
            {
                review.Decide(promise, checklist, new ReviewDecisionInput(decision, manager, review.DecidingDepartmentId, answers, reason, reReview, conditions), Now, conditionsOpen);
            }
            catch (DomainException)
            {
                return null; // e.g. the owner is the manager (four eyes), or open conditions block the handover
            }

            return name;
        }

        private async Task<string?> ResolveConditionAsync(Promise promise)
        {
            var review = await Db.GateReviews.Include(r => r.Conditions)
                .Where(r => r.PromiseId == promise.Id && r.Conditions.Any(c => c.ResolvedAtUtc == null))
                .FirstOrDefaultAsync();
            if (review is null)
            {
                return null;
            }

            review.ResolveCondition(review.Conditions.First(c => c.ResolvedAtUtc == null).Id, promise.OwnerId, "Done", Now);
            return "resolve";
        }

        /// <summary>AfterSales files feedback and opens an action, or moves an open action one phase on.</summary>
        public async Task<string> ImproveAsync(Random random)
        {
            var afterSales = Users["aftersales@demo.local"];
            var open = await Db.ImprovementActions.Include(a => a.UpstreamChanges).Where(a => a.Phase != PdcaPhase.Done).OrderBy(a => a.Id).FirstOrDefaultAsync();
            if (open is null || random.Next(3) == 0)
            {
                var feedback = FeedbackItem.File(new FeedbackDetails(FeedbackType.BrokenPromise, FeedbackSeverity.High, "Walked feedback", "Late", null, null), afterSales, Now);
                Db.Feedback.Add(feedback);
                await Db.SaveChangesAsync();
                var department = ManagerOf.Keys.ElementAt(random.Next(ManagerOf.Count));
                Db.ImprovementActions.Add(ImprovementAction.Open(
                    new ActionPlan("Walked action", "Root cause", afterSales, department, Today.AddDays(30), "Fewer misses", Today.AddDays(60)), [feedback], afterSales, Now));
                return "action";
            }

            if (open.Phase == PdcaPhase.Act)
            {
                var lesson = Lesson.Learn("Walked lesson", Categories[0], null, afterSales, Now);
                Db.Lessons.Add(lesson);
                await Db.SaveChangesAsync();
                open.RecordUpstreamChange(UpstreamChange.NewLesson(lesson.Id, afterSales, Now));
                open.MoveTo(PdcaPhase.Done, null, Now);
                return "action-done";
            }

            open.MoveTo(open.Phase + 1, open.Phase == PdcaPhase.Check ? "Measured" : null, Now);
            return "action-step";
        }
    }
}
