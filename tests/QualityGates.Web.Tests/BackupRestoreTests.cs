using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using QualityGates.Domain.Promises;
using QualityGates.Tests;
using QualityGates.Web.Data;
using QualityGates.Web.Data.Auditing;
using QualityGates.Web.Data.Backup;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

/// <summary>
/// A backup taken while a user writes restores into a new installation with everything that existed at its moment
/// (promises, gate reviews, audit trail, data-protection keys), so sessions of the old instance go on on the new one.
/// Runs on the suite's database: SQLite, or PostgreSQL with pg_dump and pg_restore.
/// </summary>
public sealed class BackupRestoreTests(QualityGatesFactory source) : IClassFixture<QualityGatesFactory>, IDisposable
{
    private const int Writes = 20;
    private const int WritesBeforeTheBackup = 3;

    private readonly string _folder = Directory.CreateTempSubdirectory("qualitygates-backup-").FullName;

    private sealed class RestoredInstance(TestDatabase database) : QualityGatesFactory(database);

    private sealed record Contents(IReadOnlyList<int> Promises, IReadOnlyList<int> Reviews, IReadOnlyList<long> AuditEntries, IReadOnlyList<string> Keys);

    [Fact]
    public async Task A_backup_taken_while_a_user_writes_restores_into_a_new_installation_with_every_record_key_and_session()
    {
        using var sales = source.CreateTestClient();
        var signIn = await sales.SignInAsync("sales@demo.local");
        var session = AuthCookie(signIn);
        var before = await source.WithDbAsync(ContentsAsync);
        Assert.NotEmpty(before.Keys);

        var written = 0;
        var backupMayStart = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writer = Task.Run(async () =>
        {
            try
            {
                for (var i = 1; i <= Writes; i++)
                {
                    await CreateAndSubmitAsync(sales, $"Written during the backup {i}");
                    Interlocked.Increment(ref written);
                    if (i == WritesBeforeTheBackup)
                    {
                        backupMayStart.SetResult();
                    }
                }
            }
            finally
            {
                // A writer that fails early must not leave the test waiting; awaiting it below reports the failure.
                backupMayStart.TrySetResult();
            }
        });
        await backupMayStart.Task;
        var file = Path.Combine(_folder, "qualitygates.backup");
        await Backup(source.Database).BackupAsync(file);
        var writtenWhenTheBackupEnded = Volatile.Read(ref written);
        await writer;
        var after = await source.WithDbAsync(ContentsAsync);
        Assert.Equal(before.Promises.Count + Writes, after.Promises.Count);
        if (source.Database.Provider == "Sqlite")
        {
            AssertSqliteFileIsWholeAndSelfContained(file);
        }

        await using var target = await TestDatabase.CreateAsync();
        await Backup(target).RestoreAsync(file);
        await using var restored = new RestoredInstance(target);
        var copy = await restored.WithDbAsync(ContentsAsync);

        // The moment of the backup: everything before it, nothing after it, whatever the writer was doing.
        var writtenInCopy = copy.Promises.Count - before.Promises.Count;
        Assert.InRange(writtenInCopy, WritesBeforeTheBackup, writtenWhenTheBackupEnded + 1);
        AssertIsPrefix(before.Promises, copy.Promises);
        AssertIsPrefix(copy.Promises, after.Promises);
        AssertIsPrefix(before.Reviews, copy.Reviews);
        AssertIsPrefix(copy.Reviews, after.Reviews);
        AssertIsPrefix(before.AuditEntries, copy.AuditEntries);
        AssertIsPrefix(copy.AuditEntries, after.AuditEntries);
        Assert.Equal(after.Keys, copy.Keys);
        await restored.WithDbAsync(async db =>
        {
            var audited = await db.AuditEntries.Where(a => a.EntityType == nameof(Promise) && a.Action == AuditAction.Created)
                .Select(a => a.EntityId).Distinct().ToListAsync();
            Assert.Empty(copy.Promises.Select(id => id.ToString(CultureInfo.InvariantCulture)).Except(audited));
            // Submitting is a second request: only the last written promise may have been caught between the two.
            var writtenPromises = await db.Promises.Where(p => !before.Promises.Contains(p.Id)).OrderBy(p => p.Id)
                .Select(p => new { p.Status, Reviews = db.GateReviews.Count(r => r.PromiseId == p.Id) }).ToListAsync();
            Assert.All(writtenPromises.SkipLast(1), p => Assert.Equal((PromiseStatus.UnderReview, 1), (p.Status, p.Reviews)));
            Assert.Contains((writtenPromises[^1].Status, writtenPromises[^1].Reviews), new[] { (PromiseStatus.Draft, 0), (PromiseStatus.UnderReview, 1) });
            return 0;
        });

        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync(source, "/Promises/Create", session)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync(restored, "/Promises/Create", session)).StatusCode);
        var anonymous = await GetWithCookieAsync(restored, "/Promises/Create", null);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/Account/Login", anonymous.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restore_into_a_database_that_already_holds_data_is_refused_and_changes_nothing()
    {
        // Counting first also starts the app, which creates the database (this test may run first).
        var promises = await source.WithDbAsync(db => db.Promises.CountAsync());
        var file = Path.Combine(_folder, "refused.backup");
        await Backup(source.Database).BackupAsync(file);

        var refused = await Assert.ThrowsAsync<BackupException>(() => Backup(source.Database).RestoreAsync(file));

        Assert.Matches(@"^Restore refused: the database .+ already holds data \(\d+ tables\); restore only into a new installation's empty database\.$",
            refused.Message);
        Assert.Equal(promises, await source.WithDbAsync(db => db.Promises.CountAsync()));
    }

    [Fact]
    public async Task The_backup_command_on_a_missing_SQLite_file_fails_with_one_line_and_creates_no_file()
    {
        var missing = Path.Combine(_folder, "missing.db");
        var file = Path.Combine(_folder, "missing.backup");

        var (exitCode, output, error) = await CommandAsync("Sqlite", $"Data Source={missing}", BackupCommand.Backup, file);

        Assert.Equal(1, exitCode);
        Assert.Equal("", output);
        Assert.Equal($"Backup failed: there is no SQLite database {missing} (check ConnectionStrings__QualityGates).{Environment.NewLine}", error);
        Assert.False(File.Exists(missing));
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Theory]
    [InlineData(BackupCommand.Backup)]
    [InlineData(BackupCommand.Restore)]
    public async Task On_SQL_Server_the_commands_point_to_BACKUP_DATABASE_with_exit_code_2(string command)
    {
        var (exitCode, _, error) = await CommandAsync("SqlServer", "Server=sql01.invalid;Database=QualityGates", command, Path.Combine(_folder, "x.backup"));

        Assert.Equal(2, exitCode);
        Assert.Equal(BackupCommand.SqlServerMessage + Environment.NewLine, error);
    }

    private static DatabaseBackup Backup(TestDatabase database) =>
        new(Enum.Parse<DatabaseProvider>(database.Provider), database.ConnectionString, database.Provider == "PostgreSql" ? PostgreSqlBinFolder() : null);

    /// <summary>The server's own tools on this machine, else PATH; a machine without them skips, except under CI.</summary>
    private static string? PostgreSqlBinFolder()
    {
        const string serverTools = "/usr/lib/postgresql/15/bin";
        if (File.Exists(Path.Combine(serverTools, "pg_dump")))
        {
            return serverTools;
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(folder => File.Exists(Path.Combine(folder, "pg_dump")) || File.Exists(Path.Combine(folder, "pg_dump.exe")));
        if (!onPath)
        {
            const string message = "pg_dump is neither in " + serverTools + " nor on PATH: install the PostgreSQL client tools.";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail($"{message} Backup tests must not be skipped under CI.");
            }

            Assert.Skip(message);
        }

        return null;
    }

    private async Task CreateAndSubmitAsync(TestClient sales, string title)
    {
        var created = await sales.SubmitAsync("/Promises/Create", await source.NewPromiseFormAsync(title));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var submitted = await sales.SubmitAsync(created.Headers.Location!.PathAndQuery(), new Dictionary<string, string>(), "form[action*='handler=Submit']");
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
    }

    private static async Task<Contents> ContentsAsync(QualityGatesDbContext db) => new(
        await db.Promises.OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(),
        await db.GateReviews.OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(),
        await db.AuditEntries.OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(),
        await db.DataProtectionKeys.OrderBy(k => k.Id).Select(k => k.Xml!).ToListAsync());

    /// <summary>One writer, so ids grow in the order of the writes: a snapshot holds the first n of them.</summary>
    private static void AssertIsPrefix<T>(IReadOnlyList<T> prefix, IReadOnlyList<T> whole) =>
        Assert.Equal(prefix, whole.Take(prefix.Count));

    private static void AssertSqliteFileIsWholeAndSelfContained(string file)
    {
        using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", command.ExecuteScalar());
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("delete", command.ExecuteScalar());
    }

    /// <summary>The auth cookie as a browser sends it back (chunks included).</summary>
    private static string AuthCookie(HttpResponseMessage signIn)
    {
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return string.Join("; ", signIn.Headers.GetValues("Set-Cookie")
            .Where(c => c.StartsWith("QualityGates.Auth", StringComparison.Ordinal))
            .Select(c => c.Split(';')[0]));
    }

    private static async Task<HttpResponseMessage> GetWithCookieAsync(QualityGatesFactory instance, string url, string? cookie)
    {
        using var http = instance.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = false,
            BaseAddress = new Uri("https://localhost"),
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return await http.SendAsync(request);
    }

    /// <summary>Runs the command as Program.cs does, with an installation's settings but without starting the app.</summary>
    private static async Task<(int ExitCode, string Output, string Error)> CommandAsync(string provider, string connectionString, string command, string file)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["ConnectionStrings:QualityGates"] = connectionString,
        }).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<TimeProvider>(TestClock.Create())
            .AddLogging()
            .AddQualityGatesDatabase(configuration, Path.GetTempPath());
        await using var provided = services.BuildServiceProvider();
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var exitCode = await BackupCommand.RunAsync(provided, command, file, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
