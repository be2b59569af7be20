using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Serialization;
using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace QualityGates.Web.Imports;

/// <summary>A table read from an uploaded file: its first row (the header) and the rows below it, each with its row number in the file.</summary>
public sealed record SheetTable(IReadOnlyList<string> Header, IReadOnlyList<SheetRow> Rows);

/// <summary>One row's cells as text: numbers written in the upload's culture, dates from Excel as ISO dates.</summary>
public sealed record SheetRow(int Line, IReadOnlyList<string> Cells)
{
    [JsonIgnore]
    public bool IsEmpty => Cells.All(string.IsNullOrWhiteSpace);
}

/// <summary>The upload is not a file of promises that can be read; <see cref="ResourceKey"/> says why, in the user's words.</summary>
public sealed class UnreadableFileException(string resourceKey, params object[] arguments) : Exception(resourceKey)
{
    public string ResourceKey { get; } = resourceKey;

    public object[] Arguments { get; } = arguments;
}

/// <summary>
/// Reads the first sheet of an .xlsx workbook (Open XML SDK, element by element) or a CSV file (CsvHelper; UTF-8, else
/// Latin-1 as older Excel writes it; separator detected). Cells are only ever read as text or numbers: a formula is
/// never evaluated, its cached result is read as text. Anything that is not such a file, or is too large, is refused
/// with an <see cref="UnreadableFileException"/>, before it can cost much memory.
/// </summary>
public static class SpreadsheetReader
{
    public const int MaxFileMegabytes = 10;
    public const long MaxFileBytes = MaxFileMegabytes * 1024L * 1024L;

    /// <summary>Rows of promises below the header; 10 000 import well within the half minute (docs/import.md).</summary>
    public const int MaxRows = 10_000;

    private const int MaxColumns = 100;
    private const int MaxCellLength = 32_767;

    // A workbook is a zip: what it unpacks to is bounded too, so a small file cannot expand into gigabytes.
    private const long MaxUnpackedBytes = 100 * 1024L * 1024L;
    private const int MaxParts = 200;

    public static SheetTable Read(byte[] content, string fileName)
    {
        if (content.Length == 0)
        {
            throw new UnreadableFileException("Import.File.Empty");
        }

        if (content.Length > MaxFileBytes)
        {
            throw new UnreadableFileException("Import.File.TooLarge", MaxFileMegabytes);
        }

        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var isZip = content.Length > 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;
        var rows = extension switch
        {
            ".xlsx" when isZip => ReadWorkbook(content),
            ".xlsx" => throw new UnreadableFileException("Import.File.NotAWorkbook"),
            ".csv" when !isZip => ReadCsv(content),
            ".csv" => throw new UnreadableFileException("Import.File.NotText"),
            _ => throw new UnreadableFileException("Import.File.WrongType"),
        };

        var header = rows.FirstOrDefault(r => !r.IsEmpty) ?? throw new UnreadableFileException("Import.File.NoHeader");
        var below = rows.Where(r => r.Line > header.Line && !r.IsEmpty).ToList();
        if (below.Count == 0)
        {
            throw new UnreadableFileException("Import.File.NoRows");
        }

        return new SheetTable(header.Cells, below);
    }

    private static List<SheetRow> ReadCsv(byte[] content)
    {
        if (Array.IndexOf(content, (byte)0) >= 0)
        {
            throw new UnreadableFileException("Import.File.NotText");
        }

        var options = new CsvReaderOptions
        {
            HasHeader = false,
            MaxRecordSize = 1024 * 1024,
            TrimWhitespace = true,
            IncludeValuesInExceptions = false,
        };
        var rows = new List<SheetRow>();
        try
        {
            using var csv = CsvReader.FromText(Decode(content), options);
            while (csv.Read())
            {
                var line = rows.Count + 1;
                if (line > MaxRows + 1)
                {
                    throw new UnreadableFileException("Import.File.TooManyRows", MaxRows);
                }

                var cells = new string[Math.Min(csv.FieldCount, MaxColumns)];
                for (var i = 0; i < cells.Length; i++)
                {
                    cells[i] = Cell(csv.GetString(i));
                }

                rows.Add(new SheetRow(line, cells));
            }
        }
        catch (Exception e) when (e is not UnreadableFileException)
        {
            throw new UnreadableFileException("Import.File.NotText");
        }

        return rows;
    }

    // Excel saves "CSV UTF-8" with a byte order mark, plain "CSV" in the system's code page (Windows-1252 here, whose
    // letters Latin-1 shares).
    private static string Decode(byte[] content)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(content);
        }
    }

    private static List<SheetRow> ReadWorkbook(byte[] content)
    {
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            CheckUnpackedSize(stream);
            stream.Position = 0;
            using var document = SpreadsheetDocument.Open(stream, isEditable: false);
            var workbook = document.WorkbookPart ?? throw new UnreadableFileException("Import.File.NotAWorkbook");
            var first = workbook.Workbook?.Sheets?.Elements<Sheet>().FirstOrDefault()?.Id?.Value
                        ?? throw new UnreadableFileException("Import.File.NoHeader");
            var sheet = (WorksheetPart)workbook.GetPartById(first);
            return ReadSheet(sheet, SharedStrings(workbook), DateStyles(workbook));
        }
        catch (Exception e) when (e is not UnreadableFileException)
        {
            throw new UnreadableFileException("Import.File.NotAWorkbook");
        }
    }

    private static void CheckUnpackedSize(Stream stream)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        if (zip.Entries.Count > MaxParts || zip.Entries.Sum(e => e.Length) > MaxUnpackedBytes)
        {
            throw new UnreadableFileException("Import.File.TooLarge", MaxFileMegabytes);
        }
    }

    private static List<SheetRow> ReadSheet(WorksheetPart sheet, IReadOnlyList<string> sharedStrings, IReadOnlySet<uint> dateStyles)
    {
        var rows = new List<SheetRow>();
        List<string>? cells = null;
        var line = 0;
        using var reader = OpenXmlReader.Create(sheet);
        while (reader.Read())
        {
            if (reader.ElementType == typeof(Row) && reader.IsStartElement)
            {
                line = RowIndex(reader) ?? line + 1;
                if (rows.Count > MaxRows)
                {
                    throw new UnreadableFileException("Import.File.TooManyRows", MaxRows);
                }

                cells = [];
                rows.Add(new SheetRow(line, cells));
            }
            else if (reader.ElementType == typeof(Cell) && reader.IsStartElement && cells is not null)
            {
                var cell = (Cell)reader.LoadCurrentElement()!;
                var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : cells.Count;
                if (column >= MaxColumns)
                {
                    continue;
                }

                while (cells.Count <= column)
                {
                    cells.Add("");
                }

                cells[column] = Cell(Text(cell, sharedStrings, dateStyles));
            }
        }

        // Excel may list rows that only carry formatting after the data: they are empty, not promises.
        while (rows.Count > 0 && rows[^1].IsEmpty)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        return rows.Count(r => !r.IsEmpty) > MaxRows + 1
            ? throw new UnreadableFileException("Import.File.TooManyRows", MaxRows)
            : rows;
    }

    private static int? RowIndex(OpenXmlReader reader) =>
        reader.Attributes.FirstOrDefault(a => a.LocalName == "r").Value is { } text
        && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : null;

    // "AB12" → 27 (0-based).
    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsAsciiLetter))
        {
            index = index * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        }

        return index - 1;
    }

    private static string Text(Cell cell, IReadOnlyList<string> sharedStrings, IReadOnlySet<uint> dateStyles)
    {
        var value = cell.CellValue?.Text ?? "";
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
        {
            return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < sharedStrings.Count ? sharedStrings[i] : "";
        }

        if (type == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? "";
        }

        if ((type is null || type == CellValues.Number)
            && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            // A date is a number with a date format; a plain number is written as the user would type it.
            return cell.StyleIndex?.Value is { } style && dateStyles.Contains(style) && number is > 0 and < 2958466
                ? DateOnly.FromDateTime(DateTime.FromOADate(number)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : number.ToString("0.############", CultureInfo.CurrentCulture);
        }

        return value;
    }

    private static string Cell(string? text) => text is null ? "" : text.Length > MaxCellLength ? text[..MaxCellLength] : text;

    private static List<string> SharedStrings(WorkbookPart workbook)
    {
        var strings = new List<string>();
        if (workbook.SharedStringTablePart is not { } part)
        {
            return strings;
        }

        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
            {
                strings.Add(Cell(reader.LoadCurrentElement()!.InnerText));
            }
        }

        return strings;
    }

    // Built-in date formats (14–22, 45–47) and the workbook's own formats that show a day, month or year.
    private static HashSet<uint> DateStyles(WorkbookPart workbook)
    {
        var stylesheet = workbook.WorkbookStylesPart?.Stylesheet;
        var customDates = stylesheet?.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.NumberFormatId?.Value is not null && IsDateFormat(f.FormatCode?.Value))
            .Select(f => f.NumberFormatId!.Value).ToHashSet() ?? [];
        var styles = new HashSet<uint>();
        var index = 0u;
        foreach (var format in stylesheet?.CellFormats?.Elements<CellFormat>() ?? [])
        {
            if (format.NumberFormatId?.Value is { } id && (id is >= 14 and <= 22 or >= 45 and <= 47 || customDates.Contains(id)))
            {
                styles.Add(index);
            }

            index++;
        }

        return styles;
    }

    private static bool IsDateFormat(string? code)
    {
        if (code is null)
        {
            return false;
        }

        var outsideQuotes = new StringBuilder();
        var quoted = false;
        var bracketed = false;
        foreach (var c in code)
        {
            quoted ^= c == '"';
            bracketed = c == '[' || (bracketed && c != ']');
            if (!quoted && !bracketed)
            {
                outsideQuotes.Append(char.ToLowerInvariant(c));
            }
        }

        var plain = outsideQuotes.ToString();
        return plain.Contains('d', StringComparison.Ordinal) || plain.Contains('y', StringComparison.Ordinal);
    }
}
