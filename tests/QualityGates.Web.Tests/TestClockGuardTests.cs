using System.Text.RegularExpressions;
using QualityGates.Tests;

namespace QualityGates.Web.Tests;

/// <summary>No test depends on the day it runs: "now" comes from the test clock (tests/Shared/TestClock.cs) only.</summary>
public sealed partial class TestClockGuardTests
{
    private const string ClockFile = "tests/Shared/TestClock.cs";
    private const string ThisFile = "tests/QualityGates.Web.Tests/TestClockGuardTests.cs";

    [GeneratedRegex(@"\b(DateTime|DateTimeOffset)\s*\.\s*(Now|UtcNow|Today)\b|\bTimeProvider\s*\.\s*System\b")]
    private static partial Regex WallClock();


    [Fact]
    public void No_test_file_reads_the_wall_clock_outside_the_test_clock()
    {
        var root = Repository.Root;
        var files = Directory.EnumerateFiles(Path.Combine(root, "tests"), "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Where(path => !path.Contains("/obj/", StringComparison.Ordinal) && !path.Contains("/bin/", StringComparison.Ordinal))
            .ToList();

        // This file names the forbidden reads as examples of what the guard catches.
        var reads = files.Where(path => path is not (ClockFile or ThisFile))
            .SelectMany(path => File.ReadLines(Path.Combine(root, path))
                .Select((line, index) => (Line: line, Number: index + 1))
                .Where(l => WallClock().IsMatch(l.Line))
                .Select(l => $"{path}:{l.Number}: {l.Line.Trim()}"))
            .ToList();

        // What the scan reached: every test project, and the clock itself.
        Assert.Contains(ClockFile, files);
        foreach (var project in new[] { "Domain", "Web", "Browser" })
        {
            Assert.Contains(files, path => path.StartsWith($"tests/QualityGates.{project}.Tests/", StringComparison.Ordinal));
        }

        Assert.True(reads.Count == 0, "Take today from the app's clock (factory.Clock, factory.Today) or TestClock:\n" + string.Join('\n', reads));
    }

    [Theory]
    [InlineData("var now = DateTime.UtcNow;")]
    [InlineData("new FakeTimeProvider(DateTimeOffset.Now)")]
    [InlineData("DateOnly.FromDateTime(DateTime.Today)")]
    [InlineData("services.AddSingleton(TimeProvider.System)")]
    public void The_guard_recognises_a_wall_clock_read(string line) => Assert.Matches(WallClock(), line);
}
