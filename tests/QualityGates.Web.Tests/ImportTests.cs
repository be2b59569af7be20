using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

/// <summary>Import of existing promises: upload, preview with each problem by row and column, all-or-nothing import, summary.</summary>
public sealed class ImportTests(QualityGatesFactory factory) : IClassFixture<QualityGatesFactory>
{
    private const string Raw = "=cmd|' /C calc'!A0";

    private async Task<TestClient> SignedInAsync(string email = "sales@demo.local", string language = "en")
    {
        var client = factory.CreateTestClient();
        client.Http.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        await client.SignInSuccessfullyAsync(email);
        return client;
    }

    private Task<string> CustomerNameAsync() =>
        factory.WithDbAsync(db => db.Customers.GroupBy(c => c.Name).Where(g => g.Count() == 1).Select(g => g.Key).OrderBy(n => n).FirstAsync());

    private string[] Row(string customer, string title, string reference, string due = "", string value = "4", string committedOn = "", string channel = "") =>
    [
        customer, title, "We answer every ticket within four hours.", "Response time", "Service", "Contract", reference,
        "First response", "≤", value, "h", "", due.Length > 0 ? due : factory.FormDate(60), committedOn, channel,
    ];

    private static byte[] Csv(params IEnumerable<string[]> rows) => ImportFiles.Csv([ImportFiles.Headers("en"), .. rows]);

    /// <summary>Uploads a file that must be accepted; returns the preview's address.</summary>
    private static async Task<string> UploadAsync(TestClient client, string fileName, byte[] content, bool asCommitted = false)
    {
        var response = await client.UploadAsync(fileName, content, asCommitted);
        var page = response.StatusCode == HttpStatusCode.OK ? await TestClient.ParseAsync(response) : null;
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Upload answered {(int)response.StatusCode}: {page?.FieldError("Input.File")}");
        return response.Headers.Location!.OriginalString;
    }

    /// <summary>Uploads, imports from the preview, and returns the import's id.</summary>
    private static async Task<Guid> ImportAsync(TestClient client, string fileName, byte[] content, bool asCommitted = false)
    {
        var preview = await client.GetPageAsync(await UploadAsync(client, fileName, content, asCommitted));
        var response = await client.SubmitAsync(preview, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var done = response.Headers.Location!.OriginalString;
        Assert.Contains("/Promises/Import/Done/", done);
        return Guid.Parse(done.Split('/')[^1]);
    }

    private Task<int> CountImportedAsync(Guid importId) => factory.WithDbAsync(db => db.Promises.CountAsync(p => p.ImportId == importId));

    private static string FileError(IDocument page) => page.FieldError("Input.File");

    [Fact]
    public async Task Ten_thousand_rows_are_imported_and_the_register_counts_them()
    {
        var customer = await CustomerNameAsync();
        using var sales = await SignedInAsync();
        var rows = Enumerable.Range(1, 10_000).Select(i => Row(customer, $"Bulk promise {i}", $"BULK-{i}"));

        var importId = await ImportAsync(sales, "ten-thousand.csv", Csv(rows));

        var register = await sales.GetPageAsync($"/Promises?importId={importId}");
        Assert.Contains(Texts.English("Pager.Count", 10_000), register.QuerySelector("nav[aria-label=Pages]")!.TextContent);
        var done = await sales.GetPageAsync($"/Promises/Import/Done/{importId}");
        Assert.Contains(Texts.English("Import.Counts", 10_000, 0), done.QuerySelector(".import-counts")!.TextContent);
        Assert.Equal(20, done.QuerySelectorAll("table.imported-promises tbody tr").Length);
    }

    [Fact]
    public async Task A_file_with_one_bad_row_imports_nothing_and_names_the_row_and_the_column()
    {
        var customer = await CustomerNameAsync();
        using var sales = await SignedInAsync();
        var file = ImportFiles.Xlsx(
        [
            ImportFiles.Headers("en"),
            Row(customer, "Good one", "BAD-1"),
            Row(customer, "Good two", "BAD-2"),
            Row(customer, "Bad three", "BAD-3", due: "next week"),
        ]);
        var previewUrl = await UploadAsync(sales, "one-bad-row.xlsx", file);

        var preview = await sales.GetPageAsync(previewUrl);
        var problem = Assert.Single(preview.QuerySelectorAll("table.import-problems tbody tr"));
        var cells = problem.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["4", Texts.English("Import.Column.DueDate"), Texts.English("Import.Row.NotADate", "next week")], cells);
        Assert.Null(preview.QuerySelector("main form[method=post]"));

        // Posting the import anyway (an old tab, a crafted request) imports nothing either.
        var token = preview.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var response = await sales.Http.PostAsync(previewUrl, new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Texts.English("Import.NothingImported"), (await TestClient.ParseAsync(response)).QuerySelector(".validation-summary-errors, [role=alert]")?.TextContent ?? await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await factory.WithDbAsync(db => db.Promises.CountAsync(p => p.SourceReference != null && p.SourceReference.StartsWith("BAD-"))));
    }

    [Fact]
    public async Task Wrong_columns_are_refused_by_name()
    {
        using var sales = await SignedInAsync();
        string[] header = [.. ImportFiles.Headers("en").Where(h => h != Texts.English("Import.Column.DueDate")), "Notes"];

        var response = await sales.UploadAsync("columns.csv", ImportFiles.Csv([header, [.. header.Select(_ => "x")]]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = FileError(await TestClient.ParseAsync(response));
        Assert.Contains(Texts.English("Import.File.UnknownColumns", "Notes"), error);
        Assert.Contains(Texts.English("Import.File.MissingColumns", Texts.English("Import.Column.DueDate")), error);
    }

    [Fact]
    public async Task Values_of_the_wrong_type_are_problems_of_their_row_and_column()
    {
        var customer = await CustomerNameAsync();
        using var sales = await SignedInAsync();
        var row = Row(customer, "Wrong types", "TYPES-1", due: "2027-02-31", value: "four");
        row[0] = "Nobody Ltd";
        row[3] = "Nonsense";
        row[5] = "Fax";
        row[8] = "approximately";

        var preview = await sales.GetPageAsync(await UploadAsync(sales, "types.csv", Csv(row)));

        var problems = preview.QuerySelectorAll("table.import-problems tbody tr")
            .Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()).ToList();
        Assert.All(problems, p => Assert.Equal("2", p[0]));
        var byColumn = problems.ToDictionary(p => p[1], p => p[2]);
        Assert.Equal(Texts.English("Import.Row.CustomerUnknown", "Nobody Ltd"), byColumn[Texts.English("Import.Column.Customer")]);
        Assert.Equal(Texts.English("Import.Row.CategoryUnknown", "Nonsense"), byColumn[Texts.English("Import.Column.Category")]);
        Assert.StartsWith(Texts.English("Import.Row.ChooseOneOf", "Fax", "").TrimEnd('.'), byColumn[Texts.English("Import.Column.Source")]);
        Assert.Equal(Texts.English("Import.Row.ComparatorUnknown", "approximately"), byColumn[Texts.English("Import.Column.Comparator")]);
        Assert.Equal(Texts.English("Import.Row.NotANumber", "four"), byColumn[Texts.English("Import.Column.Value")]);
        Assert.Equal(Texts.English("Import.Row.NotADate", "2027-02-31"), byColumn[Texts.English("Import.Column.DueDate")]);
        Assert.Equal(6, problems.Count);
    }

    [Fact]
    public async Task The_form_s_own_rules_apply_to_every_row()
    {
        var customer = await CustomerNameAsync();
        using var sales = await SignedInAsync();
        var row = Row(customer, "", "RULES-1", due: factory.FormDate(-1));
        row[10] = "";

        var preview = await sales.GetPageAsync(await UploadAsync(sales, "rules.csv", Csv(row)));

        var byColumn = preview.QuerySelectorAll("table.import-problems tbody tr")
            .Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()).ToDictionary(p => p[1], p => p[2]);
        Assert.Equal(Texts.English("Promises.Form.TitleRequired"), byColumn[Texts.English("Import.Column.Title")]);
        Assert.Equal(Texts.English("Promises.Form.UnitRequired"), byColumn[Texts.English("Import.Column.Unit")]);
        Assert.Equal(Texts.English("Promises.Form.DueInPast"), byColumn[Texts.English("Import.Column.DueDate")]);
    }

    [Fact]
    public async Task A_promise_the_register_holds_already_is_left_out_with_a_notice_and_a_repeated_row_is_a_problem()
    {
        var customer = await CustomerNameAsync();
        using var sales = await SignedInAsync();
        var first = await ImportAsync(sales, "first.csv", Csv(Row(customer, "Original", "DUP-1")));
        var existing = await factory.WithDbAsync(db => db.Promises.Where(p => p.ImportId == first).Select(p => p.Number).SingleAsync());

        var preview = await sales.GetPageAsync(await UploadAsync(sales, "again.csv", Csv(Row(customer, "Original again", "DUP-1"), Row(customer, "New", "DUP-2"))));
        var skipped = Assert.Single(preview.QuerySelectorAll("table.import-skipped tbody tr"));
        Assert.Equal(["2", customer, "DUP-1", existing], skipped.QuerySelectorAll("td").Select(c => c.TextContent.Trim()));
        var response = await sales.SubmitAsync(preview, new Dictionary<string, string>());
        var second = Guid.Parse(response.Headers.Location!.OriginalString.Split('/')[^1]);
        Assert.Equal(1, await CountImportedAsync(second));
        Assert.Equal(1, await factory.WithDbAsync(db => db.Promises.CountAsync(p => p.SourceReference == "DUP-1")));
        var done = await sales.GetPageAsync($"/Promises/Import/Done/{second}");
        Assert.Contains(Texts.English("Import.Counts", 1, 1), done.QuerySelector(".import-counts")!.TextContent);

        var twice = await sales.GetPageAsync(await UploadAsync(sales, "twice.csv", Csv(Row(customer, "Once", "DUP-3"), Row(customer, "Twice", "DUP-3"))));
        var problem = Assert.Single(twice.QuerySelectorAll("table.import-problems tbody tr"));
        Assert.Equal(["3", Texts.English("Import.Column.SourceReference"), Texts.English("Import.Row.DuplicateInFile", 2)], problem.QuerySelectorAll("td").Select(c => c.TextContent.Trim()));
    }

    [Fact]
    public async Task A_formula_is_stored_as_text_and_exported_escaped()
    {
        var customer = await CustomerNameAsync();
        using var sales = await SignedInAsync();
        var importId = await ImportAsync(sales, "formulas.xlsx", ImportFiles.Xlsx(
        [
            ImportFiles.Headers("en"),
            Row(customer, Raw, "FORMULA-1"),
            Row(customer, "+1 hour for all", "FORMULA-2"),
            Row(customer, "@SUM(A1:A2)", "FORMULA-3"),
        ]));
        var titles = await factory.WithDbAsync(db => db.Promises.Where(p => p.ImportId == importId).OrderBy(p => p.SourceReference).Select(p => p.Title).ToListAsync());
        Assert.Equal([Raw, "+1 hour for all", "@SUM(A1:A2)"], titles);

        using var exec = await SignedInAsync("exec@demo.local");
        var csv = await (await exec.GetAsync($"/Promises/Export?format=csv&importId={importId}&sort=number")).Content.ReadAsByteArrayAsync();
        using var reader = CsvReader.Create(csv[3..]);
        var titleColumn = Array.IndexOf(reader.Headers.ToArray(), Texts.English("Promise.Title"));
        var exported = new List<string>();
        while (reader.Read())
        {
            exported.Add(reader.Current.ToArray()[titleColumn]);
        }

        Assert.Equal(["'" + Raw, "'+1 hour for all", "'@SUM(A1:A2)"], exported);

        var xlsx = await (await exec.GetAsync($"/Promises/Export?format=xlsx&importId={importId}&sort=number")).Content.ReadAsByteArrayAsync();
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet!;
        Assert.Empty(sheet.Descendants<CellFormula>());
        Assert.Contains(sheet.Descendants<Cell>(), c => c.DataType?.Value == CellValues.InlineString && c.InnerText == Raw);
    }

    [Theory]
    [InlineData("random.xlsx", "Import.File.NotAWorkbook")]
    [InlineData("program.csv", "Import.File.NotText")]
    [InlineData("notes.txt", "Import.File.WrongType")]
    [InlineData("empty.csv", "Import.File.Empty")]
    public async Task A_file_that_is_not_a_spreadsheet_is_refused_with_a_message(string fileName, string message)
    {
        using var sales = await SignedInAsync();
        var random = new byte[4096];
        new Random(42).NextBytes(random);
        byte[] content = fileName switch
        {
            "program.csv" => [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0, .. random],
            "empty.csv" => [],
            _ => random,
        };

        var response = await sales.UploadAsync(fileName, content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Texts.English(message), FileError(await TestClient.ParseAsync(response)));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(12)]
    public async Task A_file_over_the_size_limit_is_refused_with_the_limit(int megabytes)
    {
        using var sales = await SignedInAsync();
        var content = new byte[megabytes * 1024 * 1024 + 1];
        Array.Fill(content, (byte)'x');

        var response = await sales.UploadAsync("large.csv", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Texts.English("Import.File.TooLarge", 10), FileError(await TestClient.ParseAsync(response)));
    }

    [Fact]
    public async Task A_refused_upload_keeps_the_choice_of_committed_promises()
    {
        using var sales = await SignedInAsync();

        var response = await sales.UploadAsync("notes.txt", [1, 2, 3], asCommitted: true);

        var page = await TestClient.ParseAsync(response);
        Assert.True(page.QuerySelector<IHtmlInputElement>("#as-committed")!.IsChecked);
        Assert.False(page.QuerySelector<IHtmlInputElement>("#as-drafts")!.IsChecked);
    }

    [Fact]
    public async Task A_workbook_that_unpacks_into_a_huge_sheet_is_refused()
    {
        using var sales = await SignedInAsync();
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var sheet = archive.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open();
            var spaces = new byte[1024 * 1024];
            Array.Fill(spaces, (byte)' ');
            for (var i = 0; i < 120; i++)
            {
                sheet.Write(spaces);
            }
        }

        var response = await sales.UploadAsync("bomb.xlsx", zip.ToArray());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Texts.English("Import.File.TooLarge", 10), FileError(await TestClient.ParseAsync(response)));
    }

    [Fact]
    public async Task A_file_of_more_rows_than_the_limit_is_refused_with_the_limit()
    {
        var customer = await CustomerNameAsync();
        using var sales = await SignedInAsync();

        var response = await sales.UploadAsync("too-many.csv", Csv(Enumerable.Range(1, 10_001).Select(i => Row(customer, $"Too many {i}", $"MANY-{i}"))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Texts.English("Import.File.TooManyRows", 10_000), FileError(await TestClient.ParseAsync(response)));
    }

    [Fact]
    public async Task German_headers_numbers_and_dates_are_read()
    {
        var customer = await CustomerNameAsync();
        var (category, department) = await factory.WithDbAsync(async db => (
            (await db.PromiseCategories.SingleAsync(c => c.Name.English == "Response time")).Name.In("de"),
            (await db.Departments.SingleAsync(d => d.Name.English == "Service")).Name.In("de")));
        using var sales = await SignedInAsync(language: "de");
        var due = factory.Today.AddDays(45);
        string[] row =
        [
            customer, "Verfügbarkeit", "Wir sichern 99,5 % Verfügbarkeit zu.", category, department, "Vertrag", "DE-1",
            "Verfügbarkeit", "mindestens", "99,5", "%", "", due.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture), "", "",
        ];

        var importId = await ImportAsync(sales, "deutsch.csv", ImportFiles.Csv([ImportFiles.Headers("de"), row]));

        var promise = await factory.WithDbAsync(db => db.Promises.SingleAsync(p => p.ImportId == importId));
        Assert.Equal(new MeasurableTarget("Verfügbarkeit", TargetComparator.AtLeast, 99.5m, "%", null), promise.Target);
        Assert.Equal(due, promise.DueDate);
        Assert.Equal(PromiseSource.Contract, promise.Source);
        Assert.Equal(PromiseStatus.Draft, promise.Status);
    }

    [Fact]
    public async Task Typed_cells_of_a_workbook_are_read_as_numbers_and_dates()
    {
        var customer = await CustomerNameAsync();
        using var sales = await SignedInAsync();
        var due = factory.Today.AddDays(50);
        object[] row = [.. Row(customer, "Typed", "TYPED-1")];
        row[9] = 2.5m;
        row[12] = due;

        var importId = await ImportAsync(sales, "typed.xlsx", ImportFiles.Xlsx([ImportFiles.Headers("en"), row]));

        var promise = await factory.WithDbAsync(db => db.Promises.SingleAsync(p => p.ImportId == importId));
        Assert.Equal(2.5m, promise.Target.Value);
        Assert.Equal(due, promise.DueDate);
    }

    [Fact]
    public async Task Promises_the_customer_holds_are_committed_ungated_and_handed_over()
    {
        var customer = await CustomerNameAsync();
        using var sales = await SignedInAsync();
        var given = factory.FormDate(-10);
        var ungatedBefore = await UngatedFromSummariesAsync();

        var importId = await ImportAsync(sales, "given.csv", Csv(
            Row(customer, "Given one", "GIVEN-1", committedOn: given, channel: "Contract"),
            Row(customer, "Given two", "GIVEN-2", committedOn: given, channel: "E-mail")), asCommitted: true);

        var promises = await factory.WithDbAsync(db => db.Promises.Where(p => p.ImportId == importId).ToListAsync());
        Assert.All(promises, p =>
        {
            Assert.Equal(PromiseStatus.Committed, p.Status);
            Assert.Null(p.FirstApprovedRevision);
        });
        var ids = promises.Select(p => p.Id).ToList();
        Assert.Equal(2, await factory.WithDbAsync(db => db.GateReviews.CountAsync(r => ids.Contains(r.PromiseId) && r.Stage == GateStage.Handover && r.State == GateReviewState.Open)));
        Assert.Equal(0, await factory.WithDbAsync(db => db.GateReviews.CountAsync(r => ids.Contains(r.PromiseId) && r.Stage == GateStage.Feasibility)));

        var ungated = await sales.GetPageAsync($"/Promises?ungated=true&importId={importId}");
        Assert.Contains(Texts.English("Pager.Count", 2), ungated.QuerySelector("nav[aria-label=Pages]")!.TextContent);
        Assert.Equal(ungatedBefore + 2, await UngatedFromSummariesAsync());
        Assert.Equal(await UngatedFromSummariesAsync(), await factory.WithDbAsync(db => db.Promises.CountAsync(p => p.CommittedOn != null && p.FirstApprovedRevision == null)));
    }

    private Task<long> UngatedFromSummariesAsync() => factory.WithDbAsync(db => db.PromiseMonthFigures.SumAsync(f => f.Ungated));

    [Fact]
    public async Task A_committed_row_needs_the_day_and_the_channel_it_was_given()
    {
        var customer = await CustomerNameAsync();
        using var sales = await SignedInAsync();

        var preview = await sales.GetPageAsync(await UploadAsync(sales, "not-given.csv", Csv(Row(customer, "No day", "GIVEN-3")), asCommitted: true));

        var byColumn = preview.QuerySelectorAll("table.import-problems tbody tr")
            .Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()).ToDictionary(p => p[1], p => p[2]);
        Assert.Equal(Texts.English("Promises.Commit.DateRequired"), byColumn[Texts.English("Import.Column.CommittedOn")]);
        Assert.Equal(Texts.English("Promises.Commit.ChannelRequired"), byColumn[Texts.English("Import.Column.Channel")]);
    }

    [Fact]
    public async Task The_template_names_the_columns_in_the_user_s_language()
    {
        using var sales = await SignedInAsync(language: "de");

        var csv = await (await sales.GetAsync("/Promises/Import?handler=Template&format=csv")).Content.ReadAsByteArrayAsync();
        using var reader = CsvReader.Create(csv[3..]);
        Assert.Equal(ImportFiles.Headers("de"), reader.Headers.ToArray());

        var xlsx = await (await sales.GetAsync("/Promises/Import?handler=Template&format=xlsx")).Content.ReadAsByteArrayAsync();
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var header = document.WorkbookPart!.WorksheetParts.Single().Worksheet!.Descendants<Row>().Single();
        Assert.Equal(ImportFiles.Headers("de"), header.Elements<Cell>().Select(c => c.InnerText));
    }

    [Theory]
    [InlineData("exec@demo.local")]
    [InlineData("admin@demo.local")]
    [InlineData("service.manager@demo.local")]
    [InlineData("aftersales@demo.local")]
    public async Task Only_sales_reps_import(string email)
    {
        using var other = await SignedInAsync(email);

        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync("/Promises/Import")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync("/Promises/Import?handler=Template&format=csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/Promises/Import/Preview/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task An_upload_is_seen_only_by_the_sales_rep_who_made_it()
    {
        var customer = await CustomerNameAsync();
        using var sales = await SignedInAsync();
        var previewUrl = await UploadAsync(sales, "mine.csv", Csv(Row(customer, "Mine", "MINE-1")));
        using var presales = await SignedInAsync("presales@demo.local");

        Assert.Equal(HttpStatusCode.NotFound, (await presales.GetAsync(previewUrl)).StatusCode);
    }
}
