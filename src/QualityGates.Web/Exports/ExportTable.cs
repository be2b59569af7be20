using System.Globalization;
using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace QualityGates.Web.Exports;

public enum ExportKind
{
    Text,
    Number,

    /// <summary>A share between 0 and 1: a number in the CSV, formatted as a percentage in Excel.</summary>
    Percent,
    Date,
}

public sealed record ExportColumn(string Header, ExportKind Kind);

/// <summary>A table to export: localized headers, typed columns, and rows streamed from the database.</summary>
public sealed record ExportTable(string Name, IReadOnlyList<ExportColumn> Columns, IAsyncEnumerable<object?[]> Rows);

public static class ExportFormats
{
    public const string Csv = "csv";
    public const string Xlsx = "xlsx";

    public static bool IsKnown(string? format) => format is Csv or Xlsx;
}

/// <summary>
/// Writes an <see cref="ExportTable"/> to the response as CSV (CsvHelper; UTF-8 with BOM so Excel reads umlauts;
/// invariant numbers, ISO dates, text that looks like a formula escaped) or as an Excel workbook (Open XML SDK's SAX writer, rows written one by one;
/// numbers as numbers, dates as dates). Rows are read from the query as they are written, never collected.
/// </summary>
public sealed class ExportResult(ExportTable table, string format, string fileName) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        var ct = context.HttpContext.RequestAborted;
        var extension = format == ExportFormats.Xlsx ? "xlsx" : "csv";
        response.ContentType = format == ExportFormats.Xlsx
            ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            : "text/csv; charset=utf-8";
        response.Headers[HeaderNames.ContentDisposition] = new ContentDispositionHeaderValue("attachment")
        {
            FileNameStar = $"{fileName}.{extension}",
        }.ToString();

        if (format == ExportFormats.Xlsx)
        {
            await WriteXlsxAsync(table, response.Body, ct);
        }
        else
        {
            await WriteCsvAsync(table, response.Body, ct);
        }
    }

    public static async Task WriteCsvAsync(ExportTable table, Stream output, CancellationToken ct = default)
    {
        var options = new CsvWriterOptions
        {
            WriteByteOrderMark = true,
            FormatProvider = CultureInfo.InvariantCulture,
            Injection = CsvInjection.Escape,
        };
        await using var csv = CsvWriter.Create(output, options, leaveOpen: true);
        await csv.WriteRecordAsync(table.Columns.Select(c => c.Header).ToArray(), ct);
        await foreach (var row in table.Rows.WithCancellation(ct))
        {
            for (var i = 0; i < table.Columns.Count; i++)
            {
                WriteCsvField(csv, row[i]);
            }

            await csv.EndRecordAsync(ct);
        }

        await csv.FlushAsync(ct);
    }

    // Numbers and dates typed (invariant, ISO dates), so only text is guarded against formula injection.
    private static void WriteCsvField(CsvWriter csv, object? value)
    {
        switch (value)
        {
            case null:
                csv.WriteField((string?)null);
                break;
            case DateOnly date:
                csv.WriteField(date, "yyyy-MM-dd");
                break;
            case DateTime dateTime:
                csv.WriteField(dateTime, "yyyy-MM-dd HH:mm");
                break;
            case int number:
                csv.WriteField(number, default);
                break;
            case long number:
                csv.WriteField(number, default);
                break;
            case double number:
                csv.WriteField(number, "0.####");
                break;
            case decimal number:
                csv.WriteField(number, default);
                break;
            default:
                csv.WriteField(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    /// <summary>
    /// A workbook is a zip package, written synchronously by the SDK: it goes to a temporary file (which
    /// bounds memory however long the export) and is then copied to the response asynchronously.
    /// </summary>
    public static async Task WriteXlsxAsync(ExportTable table, Stream output, CancellationToken ct = default)
    {
        var path = Path.GetTempFileName();
        try
        {
            await using (var file = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.Asynchronous))
            {
                await WriteWorkbookAsync(table, file, ct);
            }

            await using var read = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous);
            await read.CopyToAsync(output, ct);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private const uint HeaderStyle = 1;
    private const uint DateStyle = 2;
    private const uint PercentStyle = 3;

    private static async Task WriteWorkbookAsync(ExportTable table, Stream stream, CancellationToken ct)
    {
        using var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
        var sheet = workbook.AddNewPart<WorksheetPart>();
        using (var writer = OpenXmlWriter.Create(sheet))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetData());
            writer.WriteStartElement(new Row());
            foreach (var column in table.Columns)
            {
                writer.WriteElement(TextCell(column.Header, HeaderStyle));
            }

            writer.WriteEndElement();
            await foreach (var row in table.Rows.WithCancellation(ct))
            {
                writer.WriteStartElement(new Row());
                for (var i = 0; i < table.Columns.Count; i++)
                {
                    writer.WriteElement(Cell(table.Columns[i].Kind, row[i]));
                }

                writer.WriteEndElement();
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        workbook.Workbook = new Workbook(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = SheetName(table.Name) }));
    }

    private static Cell Cell(ExportKind kind, object? value) => (kind, value) switch
    {
        (_, null) => new Cell(),
        (ExportKind.Date, DateOnly date) => NumberCell(date.ToDateTime(TimeOnly.MinValue).ToOADate(), DateStyle),
        (ExportKind.Date, DateTime dateTime) => NumberCell(dateTime.ToOADate(), DateStyle),
        (ExportKind.Number, IConvertible number) => NumberCell(number.ToDouble(CultureInfo.InvariantCulture), null),
        (ExportKind.Percent, IConvertible share) => NumberCell(share.ToDouble(CultureInfo.InvariantCulture), PercentStyle),
        _ => TextCell(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", null),
    };

    private static Cell NumberCell(double value, uint? style) => new()
    {
        DataType = CellValues.Number,
        CellValue = new CellValue(value.ToString("R", CultureInfo.InvariantCulture)),
        StyleIndex = style,
    };

    private static Cell TextCell(string text, uint? style) => new(new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }))
    {
        DataType = CellValues.InlineString,
        StyleIndex = style,
    };

    // Excel: at most 31 characters, none of : \ / ? * [ ].
    private static string SheetName(string name)
    {
        var cleaned = new string(name.Select(c => ":\\/?*[]".Contains(c, StringComparison.Ordinal) ? ' ' : c).ToArray()).Trim();
        return cleaned.Length == 0 ? "Export" : cleaned[..Math.Min(cleaned.Length, 31)];
    }

    // 0 default, 1 bold header, 2 date (built-in format 14), 3 percentage (built-in format 10, 0.00 %).
    private static Stylesheet Styles() => new(
        new Fonts(new Font(), new Font(new Bold())),
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
        new Borders(new Border()),
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 10, ApplyNumberFormat = true }));
}
