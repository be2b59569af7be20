using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using QualityGates.Web.Dashboard;
using QualityGates.Web.Data;

namespace QualityGates.Benchmarks;

public sealed record QueryBenchmarkOptions(DatabaseProvider Provider, string ConnectionString, string Promises, int Runs, string? ResultsFile);

/// <summary>
/// Each dashboard figure twice: through <see cref="DashboardQueries"/> (EF Core, as the page runs it, in a
/// fresh scope per run) and as one hand-written SQL statement a DBA would write for the same numbers. Both
/// run alternately, <c>Runs</c> times after a warm-up; the medians and their ratio are reported, and the two
/// results must be equal row for row (numbers and names, in any order).
/// </summary>
public static class QueryBenchmark
{
    public static async Task<int> RunAsync(QueryBenchmarkOptions options, TextWriter output)
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
        services.AddScoped<DashboardQueries>();
        await using var provider = services.BuildServiceProvider();

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var filter = DashboardFilter.LastTwelveMonths(today, DepartmentScope.Everything);
        var parameters = new Dictionary<string, object>
        {
            ["fromMonth"] = filter.FromMonth,
            ["toMonth"] = filter.ToMonth,
            ["fromUtc"] = filter.FromUtc,
            ["toUtc"] = filter.ToUtcExclusive,
            ["today"] = today,
            ["until"] = today.AddDays(DashboardQueries.DueSoonDays),
            ["top"] = DashboardQueries.TopCustomers,
        };

        var lines = new List<string>();
        var mismatches = 0;
        output.WriteLine(Invariant($"{"figure",-34} {"EF ms",9} {"SQL ms",9} {"EF/SQL",7}  same"));
        foreach (var figure in DashboardFigureSql.All())
        {
            async Task<List<string>> Ef()
            {
                await using var scope = provider.CreateAsyncScope();
                return Canonical(await figure.Ef(scope.ServiceProvider.GetRequiredService<DashboardQueries>(), filter));
            }

            async Task<List<string>> Sql()
            {
                await using var connection = Connect(options);
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = figure.Sql;
                command.CommandTimeout = 600;
                foreach (var (name, value) in parameters.Where(p => figure.Sql.Contains("@" + p.Key, StringComparison.Ordinal)))
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = "@" + name;
                    parameter.Value = value;
                    command.Parameters.Add(parameter);
                }

                var rows = new List<string>();
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => Format(reader.GetValue(i)))));
                }

                rows.Sort(StringComparer.Ordinal);
                return rows;
            }

            var efResult = await Ef();
            var sqlResult = await Sql();
            var efTimes = new List<double>();
            var sqlTimes = new List<double>();
            for (var run = 0; run < options.Runs; run++)
            {
                efTimes.Add(await TimeAsync(Ef));
                sqlTimes.Add(await TimeAsync(Sql));
            }

            var same = efResult.SequenceEqual(sqlResult);
            if (!same)
            {
                mismatches++;
                output.WriteLine($"  {figure.Name}: EF  {string.Join("; ", efResult.Take(5))}");
                output.WriteLine($"  {figure.Name}: SQL {string.Join("; ", sqlResult.Take(5))}");
            }

            var (ef, sql) = (Median(efTimes), Median(sqlTimes));
            var ratio = sql > 0 ? ef / sql : double.NaN;
            output.WriteLine(Invariant($"{figure.Name,-34} {ef,9:0.00} {sql,9:0.00} {ratio,7:0.00}  {(same ? "yes" : "NO")}"));
            lines.Add(Invariant($"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ}\t{Name(options.Provider)}\t{options.Promises}\t{figure.Name}\t{ef:0.00}\t{sql:0.00}\t{ratio:0.00}\t{(same ? "yes" : "NO")}"));
        }

        if (options.ResultsFile is { } file)
        {
            if (!File.Exists(file))
            {
                await File.WriteAllTextAsync(file, "at\tprovider\tpromises\tfigure\tef_ms\tsql_ms\tratio\tsame\n");
            }

            await File.AppendAllLinesAsync(file, lines);
        }

        return mismatches;
    }

    private static string Name(DatabaseProvider provider) => provider == DatabaseProvider.PostgreSql ? "postgresql" : "sqlite";

    private static DbConnection Connect(QueryBenchmarkOptions options) => options.Provider == DatabaseProvider.PostgreSql
        ? new NpgsqlConnection(options.ConnectionString)
        : new SqliteConnection(options.ConnectionString);

    private static async Task<double> TimeAsync(Func<Task<List<string>>> run)
    {
        var clock = Stopwatch.StartNew();
        await run();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static List<string> Canonical(IEnumerable<object?[]> rows)
    {
        var result = rows.Select(r => string.Join("|", r.Select(Format))).ToList();
        result.Sort(StringComparer.Ordinal);
        return result;
    }

    /// <summary>Numbers the same whichever way they were typed (a count is long in SQL, int in C#); fractions to three places.</summary>
    private static string Format(object? value) => value switch
    {
        null or DBNull => "null",
        double or float or decimal => Math.Round(Convert.ToDouble(value, CultureInfo.InvariantCulture), 3).ToString("0.###", CultureInfo.InvariantCulture),
        bool b => b ? "1" : "0",
        Enum e => e.ToString(),
        IConvertible c => c.ToString(CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
