using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using QualityGates.DataGenerator.Bulk;
using QualityGates.Domain;
using QualityGates.Domain.Feedback;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Improvement;
using QualityGates.Domain.Lessons;
using QualityGates.Domain.Promises;
using QualityGates.Web.Data;
using QualityGates.Web.Data.Auditing;
using QualityGates.Web.Data.Summaries;

namespace QualityGates.DataGenerator;

/// <summary>What was written, for the benchmark report.</summary>
public sealed record GeneratorResult(IReadOnlyDictionary<string, long> Rows, IReadOnlyDictionary<PromiseStatus, int> PromisesByStatus, TimeSpan Elapsed);

/// <summary>
/// Fills a fresh database: the app's migrations and reference data through EF, then N promises lived through the
/// domain (see <see cref="Lifecycle"/>) and written in bulk through the provider's EF model (see <see cref="TableMap"/>).
/// Generation and writing overlap: one thread lives the next batch while the other writes the last.
/// </summary>
public static class Generator
{
    public static async Task<GeneratorResult> RunAsync(GeneratorOptions options, TextWriter log, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        await using var services = Services(options);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QualityGatesDbContext>();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));

        await db.Database.EnsureDeletedAsync(ct);
        await db.Database.MigrateAsync(ct);
        var random = new Random(options.Seed);
        var world = await World.CreateAsync(db, scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>(), options, random, ct);
        log.WriteLine(Invariant($"{clock.Elapsed:mm\\:ss} migrated; {world.Customers.Count} customers, {world.StaffByDepartment.Values.Sum(s => s.Count)} users"));

        var tables = new Tables(db);
        var ids = new Ids(tables, await NextIdsAsync(db, tables.All, ct));
        var lifecycle = new Lifecycle(world, options);
        var byStatus = new Dictionary<PromiseStatus, int>();
        var perYear = new SortedDictionary<int, int>();
        var rows = tables.All.ToDictionary(t => t.Table, _ => 0L);

        await using (IBulkWriter writer = options.Provider switch
        {
            DatabaseProvider.Sqlite => new SqliteBulkWriter(db.Database.GetConnectionString()!),
            DatabaseProvider.PostgreSql => new PostgresBulkWriter(db.Database.GetConnectionString()!),
            _ => throw new NotSupportedException($"No bulk writer for {options.Provider}."),
        })
        {
            await writer.BeginAsync(tables.All, ct);
            var batches = Channel.CreateBounded<List<PromiseRecords>>(2);
            var producer = Task.Run(async () =>
            {
                try
                {
                    var start = options.Now.AddYears(-options.Years);
                    var step = (options.Now - start).Ticks / Math.Max(1, options.Promises);
                    var batch = new List<PromiseRecords>(options.BatchSize);
                    for (var i = 0; i < options.Promises; i++)
                    {
                        var createdAt = new DateTime(start.Ticks + (i * step) + random.NextInt64(Math.Max(1, step)), DateTimeKind.Utc);
                        perYear[createdAt.Year] = perYear.GetValueOrDefault(createdAt.Year) + 1;
                        var number = PromiseNumber.Format(createdAt.Year, perYear[createdAt.Year]);
                        var records = lifecycle.Live(i, number, createdAt, random, ids.Assign);
                        ids.AssignAll(records);
                        byStatus[records.Promise.Status] = byStatus.GetValueOrDefault(records.Promise.Status) + 1;
                        batch.Add(records);
                        if (batch.Count == options.BatchSize)
                        {
                            await batches.Writer.WriteAsync(batch, ct);
                            batch = new List<PromiseRecords>(options.BatchSize);
                        }
                    }

                    if (batch.Count > 0)
                    {
                        await batches.Writer.WriteAsync(batch, ct);
                    }

                    batches.Writer.Complete();
                }
                catch (Exception e)
                {
                    batches.Writer.Complete(e);
                }
            }, ct);

            var written = 0;
            await foreach (var batch in batches.Reader.ReadAllAsync(ct))
            {
                foreach (var (table, tableRows) in tables.RowsOf(batch))
                {
                    await writer.WriteAsync(table, tableRows, ct);
                    rows[table.Table] += tableRows.Count;
                }

                written += batch.Count;
                log.WriteLine(Invariant($"{clock.Elapsed:mm\\:ss} {written} promises written"));
            }

            await producer;
            log.WriteLine(Invariant($"{clock.Elapsed:mm\\:ss} rebuilding indexes and statistics"));
            await writer.CompleteAsync(ct);
        }

        // The promise numbers continue where the generated ones end.
        foreach (var (year, count) in perYear)
        {
            var sequence = new NumberSequence(PromiseNumber.SequenceName(year));
            for (var i = 0; i < count; i++)
            {
                sequence.Next();
            }

            db.NumberSequences.Add(sequence);
        }

        await db.SaveChangesAsync(ct);

        // Written around SaveChanges, so the summaries are counted afterwards, as after any bulk load (ADR 0021).
        log.WriteLine(Invariant($"{clock.Elapsed:mm\\:ss} counting the summaries"));
        await SummaryRebuild.RunAsync(db, ct: ct);
        log.WriteLine(Invariant($"{clock.Elapsed:mm\\:ss} done: {string.Join(", ", rows.Select(r => $"{r.Key} {r.Value}"))}"));
        log.WriteLine("promises by status: " + string.Join(", ", byStatus.OrderBy(s => s.Key).Select(s => Invariant($"{s.Key} {s.Value}"))));
        return new GeneratorResult(rows, byStatus, clock.Elapsed);
    }

    // Reference data, users and customers saved through EF already wrote audit rows: generated ids follow them.
    private static async Task<Dictionary<TableMap, long>> NextIdsAsync(DbContext db, IReadOnlyList<TableMap> tables, CancellationToken ct)
    {
        var next = new Dictionary<TableMap, long>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            foreach (var table in tables)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT COALESCE(MAX(\"{table.KeyColumn}\"), 0) FROM \"{table.Table}\"";
                next[table] = Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) + 1;
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return next;
    }

    private static ServiceProvider Services(GeneratorOptions options)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = options.Provider.ToString(),
            [$"ConnectionStrings:{DatabaseServiceCollectionExtensions.ConnectionStringName}"] = options.ConnectionString,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddQualityGatesDatabase(configuration, Directory.GetCurrentDirectory());
        services.AddIdentityCore<AppUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<QualityGatesDbContext>();
        return services.BuildServiceProvider();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>The bulk-written tables, parents before children.</summary>
    private sealed class Tables(DbContext db)
    {
        public TableMap Promises { get; } = TableMap.For<Promise>(db);

        public TableMap Links { get; } = TableMap.For<PromiseLink>(db);

        public TableMap Revisions { get; } = TableMap.For<PromiseRevision>(db);

        public TableMap Reviews { get; } = TableMap.For<GateReview>(db);

        public TableMap Answers { get; } = TableMap.For<ReviewAnswer>(db);

        public TableMap Decisions { get; } = TableMap.For<ReviewDecision>(db);

        public TableMap Conditions { get; } = TableMap.For<ReviewCondition>(db);

        public TableMap Feedback { get; } = TableMap.For<FeedbackItem>(db);

        public TableMap Lessons { get; } = TableMap.For<Lesson>(db);

        public TableMap Actions { get; } = TableMap.For<ImprovementAction>(db);

        public TableMap FeedbackLinks { get; } = TableMap.For<ActionFeedbackLink>(db);

        public TableMap UpstreamChanges { get; } = TableMap.For<UpstreamChange>(db);

        public TableMap Audit { get; } = TableMap.For<AuditEntry>(db);

        public IReadOnlyList<TableMap> All =>
            [Promises, Links, Revisions, Reviews, Answers, Decisions, Conditions, Feedback, Lessons, Actions, FeedbackLinks, UpstreamChanges, Audit];

        public IEnumerable<(TableMap Table, List<EntityRow> Rows)> RowsOf(List<PromiseRecords> batch)
        {
            yield return (Promises, batch.Select(r => new EntityRow(r.Promise)).ToList());
            yield return (Links, batch.SelectMany(r => r.Promise.Links.Select(l => new EntityRow(l, r.Promise))).ToList());
            yield return (Revisions, batch.SelectMany(r => r.Revisions).Select(r => new EntityRow(r)).ToList());
            yield return (Reviews, batch.SelectMany(r => r.Reviews).Select(r => new EntityRow(r)).ToList());
            yield return (Answers, batch.SelectMany(r => r.Reviews).SelectMany(v => v.Answers.Select(a => new EntityRow(a, v))).ToList());
            yield return (Decisions, batch.SelectMany(r => r.Reviews).SelectMany(v => v.Decisions.Select(d => new EntityRow(d, v))).ToList());
            yield return (Conditions, batch.SelectMany(r => r.Reviews).SelectMany(v => v.Conditions.Select(c => new EntityRow(c, v))).ToList());
            yield return (Feedback, batch.SelectMany(r => r.Feedback).Select(f => new EntityRow(f)).ToList());
            yield return (Lessons, batch.SelectMany(r => r.Lessons).Select(l => new EntityRow(l)).ToList());
            yield return (Actions, batch.SelectMany(r => r.Actions).Select(a => new EntityRow(a)).ToList());
            yield return (FeedbackLinks, batch.SelectMany(r => r.Actions).SelectMany(a => a.FeedbackLinks.Select(l => new EntityRow(l, a))).ToList());
            yield return (UpstreamChanges, batch.SelectMany(r => r.Actions).SelectMany(a => a.UpstreamChanges.Select(c => new EntityRow(c, a))).ToList());
            yield return (Audit, batch.SelectMany(r => r.Audit).Select(a => new EntityRow(a)).ToList());
        }
    }

    /// <summary>Keys are handed out here, in creation order, as the database would; the model names the key's backing field.</summary>
    private sealed class Ids(Tables tables, Dictionary<TableMap, long> next)
    {
        private readonly Dictionary<Type, (System.Reflection.FieldInfo Field, long Next)> _keys = tables.All.ToDictionary(
            t => t.Key.DeclaringType.ClrType,
            t => (t.Key.FieldInfo ?? throw new InvalidOperationException($"{t.Table}: the key has no backing field."), next[t]));

        public void Assign(object entity)
        {
            var type = entity.GetType();
            var (field, next) = _keys[type];
            if (Convert.ToInt64(field.GetValue(entity), CultureInfo.InvariantCulture) != 0)
            {
                return;
            }

            field.SetValue(entity, field.FieldType == typeof(long) ? next : (object)checked((int)next));
            _keys[type] = (field, next + 1);
        }

        public void AssignAll(PromiseRecords records)
        {
            foreach (var link in records.Promise.Links)
            {
                Assign(link);
            }

            records.Revisions.ForEach(Assign);
            foreach (var review in records.Reviews)
            {
                Assign(review);
                foreach (var answer in review.Answers)
                {
                    Assign(answer);
                }

                foreach (var decision in review.Decisions)
                {
                    Assign(decision);
                }

                foreach (var condition in review.Conditions)
                {
                    Assign(condition);
                }
            }

            foreach (var action in records.Actions)
            {
                foreach (var link in action.FeedbackLinks)
                {
                    Assign(link);
                }

                foreach (var change in action.UpstreamChanges)
                {
                    Assign(change);
                }
            }

            records.Audit.ForEach(Assign);
        }
    }
}
