using System.Text.Json;
using QualityGates.Domain;

namespace QualityGates.Web.Imports;

/// <summary>
/// An uploaded file of promises, kept in the database between its preview and its import: the rows as read (no file
/// is kept, and nothing the browser sends back is trusted), whose they are, and how they are to be imported. Every
/// instance behind the proxy sees it (ADR 0014). After the import the rows are dropped and the counts stay, so that
/// the summary and the imported promises (<see cref="Domain.Promises.Promise.ImportId"/>) can be found again.
/// </summary>
public sealed class PromiseImport : IVersioned
{
    public const int FileNameMaxLength = 255;
    public const int CultureMaxLength = 10;

    public PromiseImport(string ownerId, int promisingDepartmentId, string fileName, string culture, bool asCommitted, SheetTable table, DateTime uploadedAtUtc)
    {
        Id = Guid.NewGuid();
        OwnerId = ownerId;
        PromisingDepartmentId = promisingDepartmentId;
        FileName = fileName.Length > FileNameMaxLength ? fileName[..FileNameMaxLength] : fileName;
        Culture = culture;
        AsCommitted = asCommitted;
        Table = JsonSerializer.Serialize(table);
        UploadedAtUtc = uploadedAtUtc;
    }

    private PromiseImport()
    {
        OwnerId = "";
        FileName = "";
        Culture = "";
    }

    public Guid Id { get; private set; }

    /// <summary>Only this user sees the upload and imports it.</summary>
    public string OwnerId { get; private set; }

    public int PromisingDepartmentId { get; private set; }

    public string FileName { get; private set; }

    /// <summary>The language the file's numbers and dates were written in, as the uploader chose it.</summary>
    public string Culture { get; private set; }

    /// <summary>Whether the rows are promises the customer already holds (committed, ungated) rather than drafts.</summary>
    public bool AsCommitted { get; private set; }

    /// <summary>The <see cref="SheetTable"/> as JSON; null once imported.</summary>
    public string? Table { get; private set; }

    public DateTime UploadedAtUtc { get; private set; }

    public DateTime? ImportedAtUtc { get; private set; }

    public int ImportedCount { get; private set; }

    /// <summary>Rows left out because the register already holds the promise (same customer and reference).</summary>
    public int SkippedCount { get; private set; }

    /// <summary>Two clicks on "import" import once: the second finds the version moved and rolls back.</summary>
    public int Version { get; private set; }

    public bool IsImported => ImportedAtUtc is not null;

    public SheetTable ReadTable() =>
        JsonSerializer.Deserialize<SheetTable>(Table ?? throw new InvalidOperationException("The upload was imported already."))!;

    public void MarkImported(int imported, int skipped, DateTime nowUtc)
    {
        if (IsImported)
        {
            throw new InvalidOperationException("The upload was imported already.");
        }

        ImportedAtUtc = nowUtc;
        ImportedCount = imported;
        SkippedCount = skipped;
        Table = null;
    }
}
