using System.Globalization;
using QualityGates.Web.Data;

namespace QualityGates.DataGenerator;

/// <summary>What to generate, and where. The same seed and the same <see cref="Now"/> give the same data.</summary>
public sealed record GeneratorOptions
{
    public const string Usage = """
        usage: QualityGates.DataGenerator --provider sqlite|postgresql --connection "<connection string>" --promises N
                                          [--seed 2026] [--now 2026-11-27T12:00:00Z] [--years 3] [--customers 2000]
                                          [--audit light|none] [--batch 20000]
        Drops and re-creates the database, applies the app's migrations, then writes the data.
        """;

    public required DatabaseProvider Provider { get; init; }

    public required string ConnectionString { get; init; }

    public required int Promises { get; init; }

    public int Seed { get; init; } = 2026;

    /// <summary>The generated history ends here; the app judges "overdue" against its own clock.</summary>
    public DateTime Now { get; init; } = DateTime.UtcNow;

    /// <summary>Promises are created evenly over this many years before <see cref="Now"/>.</summary>
    public int Years { get; init; } = 3;

    public int Customers { get; init; } = 2000;

    /// <summary>Light: the promise's creation and every status change; None: no generated audit rows.</summary>
    public AuditVolume Audit { get; init; } = AuditVolume.Light;

    /// <summary>Promises generated and written per batch.</summary>
    public int BatchSize { get; init; } = 20_000;

    public static GeneratorOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            }

            values[args[i][2..]] = args[++i];
        }

        string Required(string name) => values.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required.");
        var options = new GeneratorOptions
        {
            Provider = Required("provider").ToUpperInvariant() switch
            {
                "SQLITE" => DatabaseProvider.Sqlite,
                "POSTGRESQL" or "POSTGRES" => DatabaseProvider.PostgreSql,
                var other => throw new ArgumentException($"Provider '{other}' is not supported: sqlite or postgresql."),
            },
            ConnectionString = Required("connection"),
            Promises = int.Parse(Required("promises"), CultureInfo.InvariantCulture),
        };
        if (values.TryGetValue("seed", out var seed))
        {
            options = options with { Seed = int.Parse(seed, CultureInfo.InvariantCulture) };
        }

        if (values.TryGetValue("now", out var now))
        {
            options = options with { Now = DateTime.Parse(now, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal) };
        }

        if (values.TryGetValue("years", out var years))
        {
            options = options with { Years = int.Parse(years, CultureInfo.InvariantCulture) };
        }

        if (values.TryGetValue("customers", out var customers))
        {
            options = options with { Customers = int.Parse(customers, CultureInfo.InvariantCulture) };
        }

        if (values.TryGetValue("audit", out var audit))
        {
            options = options with { Audit = Enum.Parse<AuditVolume>(audit, ignoreCase: true) };
        }

        if (values.TryGetValue("batch", out var batch))
        {
            options = options with { BatchSize = int.Parse(batch, CultureInfo.InvariantCulture) };
        }

        return options;
    }
}

public enum AuditVolume
{
    None,
    Light,
}
