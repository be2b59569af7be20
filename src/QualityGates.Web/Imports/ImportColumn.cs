using Microsoft.Extensions.Localization;
using QualityGates.Web.Localization;
using QualityGates.Web.Notifications;

namespace QualityGates.Web.Imports;

/// <summary>
/// A column of the import file: its header in the reader's language (<c>Import.Column.{Key}</c>), and the form field
/// whose validation messages belong to it. A file may name its columns in English or German, in any order.
/// </summary>
public sealed record ImportColumn(string Key, string? FormField)
{
    public static readonly ImportColumn Customer = new(nameof(Customer), "CustomerId");
    public static readonly ImportColumn Title = new(nameof(Title), "Title");
    public static readonly ImportColumn Statement = new(nameof(Statement), "Statement");
    public static readonly ImportColumn Category = new(nameof(Category), "CategoryId");
    public static readonly ImportColumn DeliveringDepartment = new(nameof(DeliveringDepartment), "DeliveringDepartmentId");
    public static readonly ImportColumn Source = new(nameof(Source), "Source");
    public static readonly ImportColumn SourceReference = new(nameof(SourceReference), "SourceReference");
    public static readonly ImportColumn Metric = new(nameof(Metric), "TargetMetric");
    public static readonly ImportColumn Comparator = new(nameof(Comparator), "TargetComparator");
    public static readonly ImportColumn Value = new(nameof(Value), "TargetValue");
    public static readonly ImportColumn Unit = new(nameof(Unit), "TargetUnit");
    public static readonly ImportColumn TargetDate = new(nameof(TargetDate), "TargetDate");
    public static readonly ImportColumn DueDate = new(nameof(DueDate), "DueDate");
    public static readonly ImportColumn CommittedOn = new(nameof(CommittedOn), null);
    public static readonly ImportColumn Channel = new(nameof(Channel), null);

    /// <summary>The template's columns, in its order; a file must have each of them, and no other.</summary>
    public static IReadOnlyList<ImportColumn> All { get; } =
    [
        Customer, Title, Statement, Category, DeliveringDepartment, Source, SourceReference,
        Metric, Comparator, Value, Unit, TargetDate, DueDate, CommittedOn, Channel,
    ];

    public string ResourceKey => $"Import.Column.{Key}";

    public string Header(IStringLocalizer l) => l[ResourceKey];

    public static ImportColumn? ForField(string formField) => All.FirstOrDefault(c => c.FormField == formField);

    /// <summary>Finds each header's column by its name in either language, ignoring case and surrounding spaces.</summary>
    public static HeaderMatch Match(IReadOnlyList<string> headers, IStringLocalizer l)
    {
        var names = new Dictionary<string, ImportColumn>(StringComparer.OrdinalIgnoreCase);
        foreach (var culture in Cultures.Supported)
        {
            Notifier.InCulture(culture, () =>
            {
                foreach (var column in All)
                {
                    names.TryAdd(column.Header(l), column);
                }

                return true;
            });
        }

        var positions = new Dictionary<ImportColumn, int>();
        var unknown = new List<string>();
        for (var i = 0; i < headers.Count; i++)
        {
            var header = headers[i].Trim();
            if (header.Length == 0)
            {
                continue;
            }

            if (names.TryGetValue(header, out var column) && positions.TryAdd(column, i))
            {
                continue;
            }

            unknown.Add(header);
        }

        return new HeaderMatch(positions, unknown, All.Where(c => !positions.ContainsKey(c)).ToList());
    }
}

/// <summary>Where each column stands in a file, the headers that name no column (or one twice), and the columns missing.</summary>
public sealed record HeaderMatch(IReadOnlyDictionary<ImportColumn, int> Positions, IReadOnlyList<string> Unknown, IReadOnlyList<ImportColumn> Missing)
{
    public bool IsComplete => Unknown.Count == 0 && Missing.Count == 0;
}
