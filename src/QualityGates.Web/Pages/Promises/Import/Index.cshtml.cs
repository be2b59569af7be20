using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;
using QualityGates.Web.Exports;
using QualityGates.Web.Imports;
using QualityGates.Web.Localization;

namespace QualityGates.Web.Pages.Promises.Import;

/// <summary>
/// A sales rep uploads a file of existing promises of their department (.xlsx or .csv, the template's columns in
/// English or German); the rows are kept for the preview. The template to download is here too.
/// </summary>
[RequestSizeLimit(RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = RequestLimit)]
public sealed class IndexModel(
    QualityGatesDbContext db,
    IValidator<IndexModel.UploadInput> validator,
    TimeProvider time,
    IStringLocalizer<SharedResource> l) : PageModel
{
    // A file a few times too large still reaches the page and gets its message (it is buffered to disk, never read
    // into memory); a larger request is refused by the server before any page sees it (400).
    private const long RequestLimit = 3 * SpreadsheetReader.MaxFileBytes;

    private const int EarlierShown = 10;

    [BindProperty]
    public UploadInput Input { get; set; } = new();

    /// <summary>The user's latest imports, each linking to its summary.</summary>
    public IReadOnlyList<EarlierImport> Earlier { get; private set; } = [];

    public IReadOnlyList<ImportColumn> Columns => ImportColumn.All;

    public async Task OnGetAsync() => await LoadAsync();

    /// <summary>The template: the columns' headers in the reader's language, no rows.</summary>
    public IActionResult OnGetTemplate(string? format)
    {
        if (!ExportFormats.IsKnown(format))
        {
            return NotFound();
        }

        var columns = ImportColumn.All.Select(c => new ExportColumn(c.Header(l), ExportKind.Text)).ToList();
        var table = new ExportTable(l["Import.Template.SheetName"], columns, AsyncEnumerable.Empty<object?[]>());
        return new ExportResult(table, format!, l["Import.Template.FileName"]);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        (await validator.ValidateAsync(Input, ct)).AddToModelState(ModelState, nameof(Input));
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        SheetTable table;
        try
        {
            table = SpreadsheetReader.Read(await ReadAsync(Input.File!, ct), Input.File!.FileName);
            var columns = ImportColumn.Match(table.Header, l);
            if (!columns.IsComplete)
            {
                ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.File)}", Describe(columns));
                await LoadAsync();
                return Page();
            }
        }
        catch (UnreadableFileException e)
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.File)}", l[e.ResourceKey, e.Arguments]);
            await LoadAsync();
            return Page();
        }

        // One upload waits for its import at a time: an earlier one that was never imported is dropped.
        var userId = User.UserId();
        await db.PromiseImports.Where(i => i.OwnerId == userId && i.ImportedAtUtc == null).ExecuteDeleteAsync(ct);
        var upload = new PromiseImport(
            userId, User.DepartmentId(), Path.GetFileName(Input.File.FileName), Cultures.Current, Input.AsCommitted, table, time.GetUtcNow().UtcDateTime);
        db.PromiseImports.Add(upload);
        await db.SaveChangesAsync(ct);
        return RedirectToPage("Preview", new { id = upload.Id });
    }

    private static async Task<byte[]> ReadAsync(IFormFile file, CancellationToken ct)
    {
        if (file.Length > SpreadsheetReader.MaxFileBytes)
        {
            throw new UnreadableFileException("Import.File.TooLarge", SpreadsheetReader.MaxFileMegabytes);
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    private string Describe(HeaderMatch columns)
    {
        var parts = new List<string>();
        if (columns.Unknown.Count > 0)
        {
            parts.Add(l["Import.File.UnknownColumns", string.Join(", ", columns.Unknown)]);
        }

        if (columns.Missing.Count > 0)
        {
            parts.Add(l["Import.File.MissingColumns", string.Join(", ", columns.Missing.Select(c => c.Header(l)))]);
        }

        return string.Join(" ", parts);
    }

    private async Task LoadAsync()
    {
        var userId = User.UserId();
        Earlier = await db.PromiseImports.AsNoTracking()
            .Where(i => i.OwnerId == userId && i.ImportedAtUtc != null)
            .OrderByDescending(i => i.UploadedAtUtc).Take(EarlierShown)
            .Select(i => new EarlierImport(i.Id, i.FileName, i.ImportedAtUtc!.Value, i.ImportedCount, i.SkippedCount, i.AsCommitted))
            .ToListAsync();
    }

    public sealed record EarlierImport(Guid Id, string FileName, DateTime ImportedAtUtc, int ImportedCount, int SkippedCount, bool AsCommitted);

    public sealed class UploadInput
    {
        public IFormFile? File { get; set; }

        /// <summary>Promises the customer already holds (committed, ungated), rather than drafts.</summary>
        public bool AsCommitted { get; set; }
    }

    public sealed class UploadValidator : AbstractValidator<UploadInput>
    {
        public UploadValidator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(i => i.File).NotNull().WithMessage(_ => l["Import.File.Choose"]);
        }
    }
}
