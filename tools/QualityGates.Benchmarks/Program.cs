namespace QualityGates.Benchmarks;

internal static class BenchmarkCommand
{
    private const string Usage = """
        usage: QualityGates.Benchmarks --provider sqlite|postgresql --connection "<connection string>" --promises N
                                       [--runs 15] [--results queries.tsv]
        Times every dashboard query (EF Core) against the same figure in hand-written SQL on an existing
        database, checks that both give the same numbers, and prints (and appends) the medians and their ratio.
        """;

    private static async Task<int> Main(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        if (!values.TryGetValue("provider", out var provider) || !values.TryGetValue("connection", out var connection))
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        var options = new QueryBenchmarkOptions(
            provider.ToUpperInvariant() is "POSTGRESQL" or "POSTGRES" ? Web.Data.DatabaseProvider.PostgreSql : Web.Data.DatabaseProvider.Sqlite,
            connection,
            values.TryGetValue("promises", out var n) ? n : "?",
            values.TryGetValue("runs", out var runs) ? int.Parse(runs, System.Globalization.CultureInfo.InvariantCulture) : 15,
            values.GetValueOrDefault("results"));
        var mismatches = await QueryBenchmark.RunAsync(options, Console.Out);
        return mismatches == 0 ? 0 : 1;
    }
}
