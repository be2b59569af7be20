using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using QualityGates.Domain.Promises;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

/// <summary>Register and dashboard exports: who may export what, parsed back and compared with the data.</summary>
public sealed class ExportTests(QualityGatesFactory factory) : IClassFixture<QualityGatesFactory>
{
    private async Task<TestClient> SignedInAsync(string email, string? language = null)
    {
        var client = factory.CreateTestClient();
        if (language is not null)
        {
            client.Http.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        }

        await client.SignInSuccessfullyAsync(email);
        return client;
    }

    private static List<string[]> ParseCsv(byte[] body)
    {
        // UTF-8 with a byte order mark, so that Excel shows umlauts.
        Assert.Equal([0xEF, 0xBB, 0xBF], body[..3]);
        using var reader = CsvReader.Create(body[3..]);
        var rows = new List<string[]> { reader.Headers.ToArray() };
        while (reader.Read())
        {
            rows.Add(reader.Current.ToArray());
        }

        return rows;
    }

    /// <summary>The first sheet's cells: text as text, numbers as doubles, date-styled numbers as DateOnly.</summary>
    private static List<object?[]> ParseXlsx(byte[] body)
    {
        using var stream = new MemoryStream(body);
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var dateStyles = workbook.WorkbookStylesPart!.Stylesheet!.CellFormats!.Elements<CellFormat>()
            .Select((format, index) => (format, index)).Where(x => x.format.NumberFormatId?.Value == 14).Select(x => (uint)x.index).ToHashSet();
        var sheet = workbook.WorksheetParts.Single().Worksheet!;
        return sheet.Descendants<Row>().Select(row => row.Elements<Cell>().Select(cell => (object?)(cell.DataType?.Value switch
        {
            var t when t == CellValues.InlineString => cell.InlineString!.Text!.Text,
            var t when t == CellValues.Number && cell.StyleIndex is { } style && dateStyles.Contains(style.Value) =>
                DateOnly.FromDateTime(DateTime.FromOADate(double.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture))),
            var t when t == CellValues.Number => double.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture),
            _ => null,
        })).ToArray()).ToList();
    }

    [Fact]
    public async Task A_sales_rep_may_not_export()
    {
        using var sales = await SignedInAsync("sales@demo.local");

        Assert.Equal(HttpStatusCode.Forbidden, (await sales.GetAsync("/Promises/Export?format=csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await sales.GetAsync("/Dashboard/Export?table=breaches&format=xlsx")).StatusCode);
        Assert.Null((await sales.GetPageAsync("/Promises")).QuerySelector("a.export-csv"));
    }

    [Fact]
    public async Task The_register_exports_its_filtered_promises_as_csv_with_a_localized_header()
    {
        var data = await DashboardDataSet.BuildAsync(factory, "CSV customer");
        using var exec = await SignedInAsync("exec@demo.local", "de");
        var register = await exec.GetPageAsync($"/Promises?customerId={data.CustomerId}&sort=number");

        var link = register.QuerySelector<AngleSharp.Html.Dom.IHtmlAnchorElement>("a.export-csv")!;
        var response = await exec.GetAsync(new Uri(link.Href).PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var rows = ParseCsv(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(Texts.German("Promise.Number"), rows[0][0]);
        Assert.Equal(Texts.German("Promise.Due"), rows[0][9]);
        var expected = await factory.WithDbAsync(db => db.Promises.Where(p => p.CustomerId == data.CustomerId).OrderBy(p => p.Number)
            .Select(p => new { p.Number, p.Title, p.DueDate, p.Revision }).ToListAsync());
        Assert.Equal(expected.Select(p => p.Number), rows.Skip(1).Select(r => r[0]));
        Assert.Equal(expected.Select(p => p.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), rows.Skip(1).Select(r => r[9]));
        Assert.Equal(expected.Select(p => p.Revision.ToString(CultureInfo.InvariantCulture)), rows.Skip(1).Select(r => r[12]));
        Assert.Equal(Texts.German("PromiseStatus.Broken"), rows.Single(r => r[0] == expected.Single(p => p.Title == "P2").Number)[7]);
    }

    [Fact]
    public async Task The_register_exports_to_excel_with_numbers_as_numbers_and_dates_as_dates()
    {
        var data = await DashboardDataSet.BuildAsync(factory, "Excel customer");
        using var exec = await SignedInAsync("exec@demo.local");

        var response = await exec.GetAsync($"/Promises/Export?format=xlsx&customerId={data.CustomerId}&status=Broken&sort=number");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = ParseXlsx(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(Texts.English("Promise.Number"), rows[0][0]);
        var broken = await factory.WithDbAsync(db => db.Promises.Where(p => p.CustomerId == data.CustomerId && p.Status == PromiseStatus.Broken)
            .OrderBy(p => p.Number).Select(p => new { p.Number, p.DueDate, p.Revision }).ToListAsync());
        Assert.Equal(2, broken.Count);
        Assert.Equal(broken.Select(p => (object?)p.Number), rows.Skip(1).Select(r => r[0]));
        Assert.Equal(broken.Select(p => (object?)p.DueDate), rows.Skip(1).Select(r => r[9]));
        Assert.Equal(broken.Select(p => (object?)(double)p.Revision), rows.Skip(1).Select(r => r[12]));
        Assert.Equal([Texts.English("BreachCause.Execution"), Texts.English("BreachCause.UnrealisticAtGate")],
            rows.Skip(1).Select(r => r[11]).Order());
    }

    [Fact]
    public async Task A_service_manager_exports_only_their_own_departments_promises()
    {
        await DashboardDataSet.BuildAsync(factory, "Manager export customer");
        using var manager = await SignedInAsync("projects.manager@demo.local");

        var response = await manager.GetAsync("/Promises/Export?format=csv");

        var rows = ParseCsv(await response.Content.ReadAsByteArrayAsync());
        var projects = await factory.WithDbAsync(db => db.Promises.CountAsync(p => p.DeliveringDepartmentId == db.Departments.Single(d => d.Name.English == "Projects").Id));
        Assert.Equal(projects, rows.Count - 1);
        Assert.All(rows.Skip(1), r => Assert.Equal("Projects", r[5]));
    }

    [Fact]
    public async Task A_dashboard_table_exports_its_figures_as_numbers()
    {
        var data = await DashboardDataSet.BuildAsync(factory, "Dashboard export customer");
        using var exec = await SignedInAsync("exec@demo.local");
        var from = data.Filter().From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = data.Filter().To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var dashboard = await exec.GetPageAsync($"/Dashboard?Input.From={from}&Input.To={to}&Input.CustomerId={data.CustomerId}");

        var link = dashboard.QuerySelectorAll<AngleSharp.Html.Dom.IHtmlAnchorElement>("a.export-xlsx").Single(a => a.Href.Contains("table=traffic-lights", StringComparison.Ordinal));
        var rows = ParseXlsx(await (await exec.GetAsync(new Uri(link.Href).PathAndQuery)).Content.ReadAsByteArrayAsync());
        var csv = ParseCsv(await (await exec.GetAsync(new Uri(link.Href).PathAndQuery.Replace("format=xlsx", "format=csv", StringComparison.Ordinal))).Content.ReadAsByteArrayAsync());

        // P4 red and P8 yellow at Projects; P7 and P10 green at Service (see DashboardDataSet).
        Assert.Equal([Texts.English("Promise.DeliveringDepartment"), Texts.English("TrafficLight.Green"), Texts.English("TrafficLight.Yellow"), Texts.English("TrafficLight.Red")], rows[0]);
        Assert.Equal([(object?)"Projects", 0.0, 1.0, 1.0], rows[1]);
        Assert.Equal([(object?)"Service", 2.0, 0.0, 0.0], rows[2]);
        Assert.Equal([["Projects", "0", "1", "1"], ["Service", "2", "0", "0"]], csv.Skip(1));
    }
}
