using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

/// <summary>
/// How long 10 000 rows take to check and to import, written to the test output for docs/import.md. Explicit: it
/// measures rather than checks, and its figure means something only on a quiet machine
/// (<c>dotnet test tests/QualityGates.Web.Tests --filter ImportTimingTests -- xUnit.Explicit=only</c>). <see cref="ImportTests"/> checks that the rows arrive.
/// </summary>
public sealed class ImportTimingTests(QualityGatesFactory factory, ITestOutputHelper output) : IClassFixture<QualityGatesFactory>
{
    [Theory(Explicit = true)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Ten_thousand_rows(bool asCommitted)
    {
        var customer = await factory.WithDbAsync(db => db.Customers.GroupBy(c => c.Name).Where(g => g.Count() == 1).Select(g => g.Key).OrderBy(n => n).FirstAsync());
        using var sales = factory.CreateTestClient();
        await sales.SignInSuccessfullyAsync("sales@demo.local");
        var rows = Enumerable.Range(1, 10_000).Select(i => new[]
        {
            customer, $"Timed promise {i}", "We answer every ticket within four hours.", "Response time", "Service", "Contract",
            $"TIMED-{asCommitted}-{i}", "First response", "≤", "4", "h", "", factory.FormDate(60), factory.FormDate(-3), "Contract",
        });
        var file = ImportFiles.Csv([ImportFiles.Headers("en"), .. rows]);

        var watch = Stopwatch.StartNew();
        var uploaded = await sales.UploadAsync("timed.csv", file, asCommitted);
        var upload = watch.Elapsed;
        watch.Restart();
        var preview = await sales.GetPageAsync(uploaded.Headers.Location!.OriginalString);
        var check = watch.Elapsed;
        watch.Restart();
        var imported = await sales.SubmitAsync(preview, new Dictionary<string, string>());
        var import = watch.Elapsed;

        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        output.WriteLine($"{(asCommitted ? "committed" : "drafts")}: upload {upload.TotalSeconds:0.0} s, preview {check.TotalSeconds:0.0} s, import {import.TotalSeconds:0.0} s");
    }
}
