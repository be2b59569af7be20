using System.Globalization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QualityGates.Domain;
using QualityGates.Domain.Promises;
using QualityGates.Web.Data;
using QualityGates.Web.Localization;
using QualityGates.Web.Pages.Promises;

namespace QualityGates.Web.Imports;

/// <summary>A row that cannot be imported: its row number in the file, the column (null: the row as a whole) and why.</summary>
public sealed record ImportProblem(int Line, ImportColumn? Column, string Message);

/// <summary>A row ready to become a promise.</summary>
public sealed record ReadyRow(int Line, PromiseDetails Details, ExistingCommitment? Commitment);

/// <summary>A row the register holds already (same customer and source reference): left out, not duplicated.</summary>
public sealed record SkippedRow(int Line, string Customer, string SourceReference, string ExistingNumber);

/// <summary>What importing an upload would do. It may be imported only when no row has a problem.</summary>
public sealed record ImportPlan(IReadOnlyList<ReadyRow> Ready, IReadOnlyList<SkippedRow> Skipped, IReadOnlyList<ImportProblem> Problems)
{
    public bool CanImport => Problems.Count == 0 && Ready.Count > 0;
}

/// <summary>
/// Checks every row of an upload with the rules of the promise form — the same <see cref="PromiseForm.Validator"/>,
/// <see cref="Pages.Promises.DetailsModel.CommitValidator"/> and domain factory (<see cref="Promise.Import"/>) — after turning
/// its names into ids. Customers, categories, departments and the references already in the register are loaded
/// once for the whole file, so ten thousand rows cost a handful of queries. Runs for the preview and again, inside the
/// import's transaction, for the import itself: what was shown is never trusted.
/// </summary>
public sealed class ImportCheck(
    QualityGatesDbContext db,
    IValidator<PromiseForm> formValidator,
    IValidator<DetailsModel.CommitInput> commitValidator,
    TimeProvider time,
    IStringLocalizer<SharedResource> l)
{
    private const string PreviewNumber = "P-0000-00000";

    public async Task<ImportPlan> CheckAsync(PromiseImport upload, CancellationToken ct = default)
    {
        var table = upload.ReadTable();
        var positions = ImportColumn.Match(table.Header, l).Positions;
        var culture = CultureInfo.GetCultureInfo(upload.Culture);
        var department = await db.Departments.SingleAsync(d => d.Id == upload.PromisingDepartmentId, ct);
        var names = await ReferenceNames.LoadAsync(db, l, ct);
        var existing = await ExistingReferencesAsync(table, positions, ct);
        var now = time.GetUtcNow().UtcDateTime;

        var ready = new List<ReadyRow>();
        var skipped = new List<SkippedRow>();
        var problems = new List<ImportProblem>();
        var seen = new Dictionary<(int?, string), int>();
        foreach (var row in table.Rows)
        {
            var cells = new RowCells(row, positions);
            var read = new RowReader(cells, culture, names, l);
            var form = read.Form();
            var commitment = upload.AsCommitted ? read.Commitment() : null;
            var rowProblems = new List<ImportProblem>(read.Problems);
            var unreadable = rowProblems.Select(p => p.Column).ToHashSet();

            var result = await form.ValidateAsync(formValidator, department, names.References, ct: ct);
            rowProblems.AddRange(result.Errors
                .Select(e => new ImportProblem(row.Line, ImportColumn.ForField(e.PropertyName), e.ErrorMessage))
                .Where(p => !unreadable.Contains(p.Column)));
            if (commitment is not null)
            {
                var commit = await commitValidator.ValidateAsync(commitment, ct);
                rowProblems.AddRange(commit.Errors
                    .Select(e => new ImportProblem(row.Line, e.PropertyName == nameof(DetailsModel.CommitInput.Channel) ? ImportColumn.Channel : ImportColumn.CommittedOn, e.ErrorMessage))
                    .Where(p => !unreadable.Contains(p.Column)));
            }

            if (rowProblems.Count == 0)
            {
                var details = form.ToDetails();
                var given = commitment is null ? null : new ExistingCommitment(commitment.CommittedOn!.Value, commitment.Channel!.Value);
                try
                {
                    Promise.Import(PreviewNumber, details, department, upload.OwnerId, now, upload.Id, given);
                }
                catch (DomainException e)
                {
                    rowProblems.Add(new ImportProblem(row.Line, ColumnOf(e), l.Error(e)));
                }

                if (rowProblems.Count == 0 && details.SourceReference?.Trim() is { Length: > 0 } reference)
                {
                    var key = (details.CustomerId, reference);
                    if (seen.TryGetValue(key, out var earlier))
                    {
                        rowProblems.Add(new ImportProblem(row.Line, ImportColumn.SourceReference, l["Import.Row.DuplicateInFile", earlier]));
                    }
                    else if (existing.TryGetValue(key, out var number))
                    {
                        skipped.Add(new SkippedRow(row.Line, cells[ImportColumn.Customer], reference, number));
                        seen[key] = row.Line;
                        continue;
                    }

                    seen.TryAdd(key, row.Line);
                }

                if (rowProblems.Count == 0)
                {
                    ready.Add(new ReadyRow(row.Line, details, given));
                }
            }

            problems.AddRange(rowProblems);
        }

        return new ImportPlan(ready, skipped, problems);
    }

    private static ImportColumn? ColumnOf(DomainException e) => e.Code switch
    {
        "CommitmentNeedsMeasurableTarget" => ImportColumn.Metric,
        "CommittedOnInFuture" => ImportColumn.CommittedOn,
        "CustomerRequired" => ImportColumn.Customer,
        _ => null,
    };

    // The promises of the file's source references, whoever made them: one query, whatever the file's length.
    private async Task<Dictionary<(int?, string), string>> ExistingReferencesAsync(
        SheetTable table, IReadOnlyDictionary<ImportColumn, int> positions, CancellationToken ct)
    {
        var references = table.Rows.Select(r => new RowCells(r, positions)[ImportColumn.SourceReference].Trim())
            .Where(r => r.Length > 0).Distinct().ToList();
        var found = await db.Promises.AsNoTracking()
            .Where(p => p.SourceReference != null && references.Contains(p.SourceReference))
            .Select(p => new { p.CustomerId, p.SourceReference, p.Number })
            .ToListAsync(ct);
        var existing = new Dictionary<(int?, string), string>();
        foreach (var promise in found.OrderBy(p => p.Number, StringComparer.Ordinal))
        {
            existing.TryAdd((promise.CustomerId, promise.SourceReference!), promise.Number);
        }

        return existing;
    }
}

/// <summary>A row's cells by column; a short row reads as empty cells.</summary>
internal readonly struct RowCells(SheetRow row, IReadOnlyDictionary<ImportColumn, int> positions)
{
    public int Line => row.Line;

    public string this[ImportColumn column] =>
        positions.TryGetValue(column, out var i) && i < row.Cells.Count ? row.Cells[i].Trim() : "";
}
