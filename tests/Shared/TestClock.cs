using System.Globalization;
using Microsoft.Extensions.Time.Testing;

namespace QualityGates.Tests;

/// <summary>
/// The tests' "now": a fixed instant, so that no outcome depends on the day the suite runs. This is the one
/// file under tests/ that decides the date (a guard test refuses wall-clock reads everywhere else).
/// <c>QUALITYGATES_TEST_DATE=2027-02-28</c> (or a full ISO instant) runs the whole suite on another day.
/// </summary>
public static class TestClock
{
    public const string DateVariable = "QUALITYGATES_TEST_DATE";

    /// <summary>A day with a one-digit day and month, where date formats differ most between cultures.</summary>
    private static readonly DateTimeOffset DefaultStart = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    public static DateTimeOffset Start { get; } = ReadStart(Environment.GetEnvironmentVariable(DateVariable));

    public static DateOnly Today => DateOnly.FromDateTime(Start.UtcDateTime);

    /// <summary>A clock for one app instance (one test class), standing at <see cref="Start"/> until a test moves it.</summary>
    public static FakeTimeProvider Create() => new(Start);

    private static DateTimeOffset ReadStart(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return DefaultStart;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return new DateTimeOffset(day.ToDateTime(TimeOnly.FromTimeSpan(DefaultStart.TimeOfDay)), TimeSpan.Zero);
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return instant.ToUniversalTime();
        }

        throw new InvalidOperationException($"{DateVariable}='{value}' is neither a date (yyyy-MM-dd) nor an ISO 8601 instant.");
    }
}
