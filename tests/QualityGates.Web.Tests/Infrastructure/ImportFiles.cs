using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace QualityGates.Web.Tests.Infrastructure;

/// <summary>Files to import, written as a user's spreadsheet program would: CSV text or an .xlsx workbook.</summary>
public static class ImportFiles
{
    private static readonly string[] _columns =
    [
        "Customer", "Title", "Statement", "Category", "DeliveringDepartment", "Source", "SourceReference", "Metric",
        "Comparator", "Value", "Unit", "TargetDate", "DueDate", "CommittedOn", "Channel",
    ];

    /// <summary>The template's headers in a language, in the template's order.</summary>
    public static string[] Headers(string culture) => [.. _columns.Select(key => Texts.In(culture, $"Import.Column.{key}"))];

    public static byte[] Csv(IEnumerable<string[]> rows, char separator = ';')
    {
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.AppendJoin(separator, row.Select(cell => cell.Contains(separator) || cell.Contains('"') ? $"\"{cell.Replace("\"", "\"\"")}\"" : cell));
            text.Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>
    /// A workbook with one sheet: text as shared strings, as Excel writes them; a <see cref="DateOnly"/> as a date-formatted
    /// serial number, a <see cref="decimal"/> as a number.
    /// </summary>
    public static byte[] Xlsx(IEnumerable<object[]> rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new Fonts(new Font()), new Fills(new Fill()), new Borders(new Border()),
                new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true }));
            var strings = workbook.AddNewPart<SharedStringTablePart>();
            strings.SharedStringTable = new SharedStringTable();
            var index = new Dictionary<string, int>();
            var sheetData = new SheetData();
            var line = 0u;
            foreach (var row in rows)
            {
                line++;
                var cells = row.Select((value, column) => value switch
                {
                    DateOnly date => new Cell
                    {
                        CellReference = Reference(column, line),
                        StyleIndex = 1,
                        CellValue = new CellValue(date.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture)),
                    },
                    decimal number => new Cell { CellReference = Reference(column, line), CellValue = new CellValue(number.ToString(CultureInfo.InvariantCulture)) },
                    _ => new Cell
                    {
                        CellReference = Reference(column, line),
                        DataType = CellValues.SharedString,
                        CellValue = new CellValue(SharedString(strings.SharedStringTable, index, (string)value).ToString(CultureInfo.InvariantCulture)),
                    },
                });
                sheetData.Append(new Row(cells) { RowIndex = line });
            }

            var sheet = workbook.AddNewPart<WorksheetPart>();
            sheet.Worksheet = new Worksheet(sheetData);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "Promises" }));
        }

        return stream.ToArray();
    }

    private static int SharedString(SharedStringTable table, Dictionary<string, int> index, string text)
    {
        if (!index.TryGetValue(text, out var i))
        {
            i = index[text] = index.Count;
            table.AppendChild(new SharedStringItem(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        }

        return i;
    }

    private static string Reference(int column, uint line) => $"{(char)('A' + column)}{line}";

    /// <summary>Posts the import page's upload form with its antiforgery token, as a browser does.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(this TestClient client, string fileName, byte[] content, bool asCommitted = false)
    {
        var page = await client.GetPageAsync("/Promises/Import");
        var form = page.QuerySelector<IHtmlFormElement>("main form[enctype='multipart/form-data']")!;
        var token = form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        using var body = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(asCommitted ? "true" : "false"), "Input.AsCommitted" },
        };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        body.Add(file, "Input.File", fileName);
        return await client.Http.PostAsync("/Promises/Import", body);
    }
}
