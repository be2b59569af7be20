using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QualityGates.Domain.Departments;
using QualityGates.Domain.Promises;
using QualityGates.Web.Data;
using QualityGates.Web.Localization;
using QualityGates.Web.Notifications;
using QualityGates.Web.Pages.Promises;

namespace QualityGates.Web.Imports;

/// <summary>
/// The names a file uses for what the form chooses from lists, loaded once: customers by name, categories and
/// departments by their English or German name, sources, channels and comparators by their label in either language.
/// </summary>
internal sealed class ReferenceNames
{
    private ReferenceNames(
        Dictionary<string, List<int>> customers, Dictionary<string, int> categories, Dictionary<string, int> departments,
        Dictionary<string, PromiseSource> sources, Dictionary<string, CommitChannel> channels, Dictionary<string, TargetComparator> comparators,
        PromiseReferences references)
    {
        Customers = customers;
        Categories = categories;
        Departments = departments;
        Sources = sources;
        Channels = channels;
        Comparators = comparators;
        References = references;
    }

    public Dictionary<string, List<int>> Customers { get; }

    public Dictionary<string, int> Categories { get; }

    public Dictionary<string, int> Departments { get; }

    public Dictionary<string, PromiseSource> Sources { get; }

    public Dictionary<string, CommitChannel> Channels { get; }

    public Dictionary<string, TargetComparator> Comparators { get; }

    /// <summary>The same lists for the form's validator, which then asks no query per row.</summary>
    public PromiseReferences References { get; }

    public static async Task<ReferenceNames> LoadAsync(QualityGatesDbContext db, IStringLocalizer l, CancellationToken ct)
    {
        var customers = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        foreach (var customer in await db.Customers.AsNoTracking().Select(c => new { c.Id, c.Name }).ToListAsync(ct))
        {
            (customers.TryGetValue(customer.Name, out var ids) ? ids : customers[customer.Name] = []).Add(customer.Id);
        }

        var categories = await db.PromiseCategories.AsNoTracking().OrderByDescending(c => c.IsActive).ThenBy(c => c.Id).ToListAsync(ct);
        var departments = await db.Departments.AsNoTracking().OrderBy(d => d.Id).ToListAsync(ct);
        var references = PromiseReferences.Of(
            categories.Where(c => c.IsActive).Select(c => c.Id).ToHashSet(),
            departments.Where(d => d.Kind == DepartmentKind.Delivering).Select(d => d.Id).ToHashSet(),
            customers.Values.SelectMany(ids => ids).ToHashSet());
        return new ReferenceNames(
            customers,
            ByName(categories.SelectMany(c => new[] { (c.Name.English, c.Id), (c.Name.German, c.Id) })),
            ByName(departments.SelectMany(d => new[] { (d.Name.English, d.Id), (d.Name.German, d.Id) })),
            Labels<PromiseSource>(l, s => $"PromiseSource.{s}"),
            Labels<CommitChannel>(l, c => $"CommitChannel.{c}"),
            ComparatorLabels(l),
            references);
    }

    private static Dictionary<string, int> ByName(IEnumerable<(string? Name, int Id)> names)
    {
        var byName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, id) in names)
        {
            if (!string.IsNullOrWhiteSpace(name))
            {
                byName.TryAdd(name.Trim(), id);
            }
        }

        return byName;
    }

    // The member's name and its label in every language: "Contract", "Vertrag".
    private static Dictionary<string, TEnum> Labels<TEnum>(IStringLocalizer l, Func<TEnum, string> key)
        where TEnum : struct, Enum
    {
        var labels = new Dictionary<string, TEnum>(StringComparer.OrdinalIgnoreCase);
        foreach (var value in Enum.GetValues<TEnum>())
        {
            labels.TryAdd(value.ToString(), value);
            foreach (var culture in Cultures.Supported)
            {
                labels.TryAdd(Notifier.InCulture(culture, () => l[key(value)].Value), value);
            }
        }

        return labels;
    }

    private static Dictionary<string, TargetComparator> ComparatorLabels(IStringLocalizer l)
    {
        var comparators = Labels<TargetComparator>(l, c => $"Import.Comparator.{c}");
        foreach (var value in Enum.GetValues<TargetComparator>())
        {
            comparators.TryAdd(MeasurableTarget.Symbol(value), value);
        }

        comparators.TryAdd("<=", TargetComparator.AtMost);
        comparators.TryAdd(">=", TargetComparator.AtLeast);
        return comparators;
    }
}

/// <summary>
/// Turns one row's cells into the promise form's fields (and, for promises already given, the commit form's), in
/// the upload's culture: decimals as <see cref="FlexibleDecimalModelBinder"/> reads them, dates as ISO or as the
/// culture writes them. A cell that cannot be read is a problem of its column; the form's validator then judges the rest.
/// </summary>
internal sealed class RowReader(RowCells cells, CultureInfo culture, ReferenceNames names, IStringLocalizer l)
{
    private static readonly string[] _isoDate = ["yyyy-MM-dd"];

    private readonly List<ImportProblem> _problems = [];

    public IReadOnlyList<ImportProblem> Problems => _problems;

    public PromiseForm Form()
    {
        var metric = Text(ImportColumn.Metric);
        return new PromiseForm
        {
            Title = cells[ImportColumn.Title],
            Statement = cells[ImportColumn.Statement],
            CustomerId = Customer(),
            CategoryId = Named(ImportColumn.Category, names.Categories, "Import.Row.CategoryUnknown"),
            DeliveringDepartmentId = Named(ImportColumn.DeliveringDepartment, names.Departments, "Import.Row.DepartmentUnknown"),
            Source = Choice(ImportColumn.Source, names.Sources, "PromiseSource"),
            SourceReference = Text(ImportColumn.SourceReference),
            TargetMetric = metric,
            TargetComparator = Comparator(required: metric is not null),
            TargetValue = Number(ImportColumn.Value),
            TargetUnit = Text(ImportColumn.Unit),
            TargetDate = Date(ImportColumn.TargetDate),
            DueDate = Date(ImportColumn.DueDate),
        };
    }

    public DetailsModel.CommitInput Commitment() => new()
    {
        CommittedOn = Date(ImportColumn.CommittedOn),
        Channel = Choice(ImportColumn.Channel, names.Channels, "CommitChannel"),
    };

    private string? Text(ImportColumn column) => cells[column] is { Length: > 0 } text ? text : null;

    private int? Customer()
    {
        var name = cells[ImportColumn.Customer];
        if (name.Length == 0)
        {
            return null;
        }

        if (!names.Customers.TryGetValue(name, out var ids))
        {
            Problem(ImportColumn.Customer, "Import.Row.CustomerUnknown", name);
            return null;
        }

        if (ids.Count > 1)
        {
            Problem(ImportColumn.Customer, "Import.Row.CustomerAmbiguous", name);
            return null;
        }

        return ids[0];
    }

    private int? Named(ImportColumn column, Dictionary<string, int> byName, string unknownKey)
    {
        var name = cells[column];
        if (name.Length == 0)
        {
            return null;
        }

        if (byName.TryGetValue(name, out var id))
        {
            return id;
        }

        Problem(column, unknownKey, name);
        return null;
    }

    private TEnum? Choice<TEnum>(ImportColumn column, Dictionary<string, TEnum> labels, string resourcePrefix)
        where TEnum : struct, Enum
    {
        var text = cells[column];
        if (text.Length == 0)
        {
            return null;
        }

        if (labels.TryGetValue(text, out var value))
        {
            return value;
        }

        Problem(column, "Import.Row.ChooseOneOf", text, string.Join(", ", Enum.GetValues<TEnum>().Select(v => l[$"{resourcePrefix}.{v}"].Value)));
        return null;
    }

    private TargetComparator Comparator(bool required)
    {
        var text = cells[ImportColumn.Comparator];
        if (text.Length == 0)
        {
            if (required)
            {
                Problem(ImportColumn.Comparator, "Import.Row.ComparatorRequired");
            }

            return TargetComparator.AtMost;
        }

        if (names.Comparators.TryGetValue(text, out var comparator))
        {
            return comparator;
        }

        Problem(ImportColumn.Comparator, "Import.Row.ComparatorUnknown", text);
        return TargetComparator.AtMost;
    }

    private decimal? Number(ImportColumn column)
    {
        var text = cells[column];
        if (text.Length == 0)
        {
            return null;
        }

        if (FlexibleDecimalModelBinder.TryParse(text, culture, out var value))
        {
            return value;
        }

        Problem(column, "Import.Row.NotANumber", text);
        return null;
    }

    private DateOnly? Date(ImportColumn column)
    {
        var text = cells[column];
        if (text.Length == 0)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, _isoDate, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || DateOnly.TryParse(text, culture, DateTimeStyles.None, out date))
        {
            return date;
        }

        Problem(column, "Import.Row.NotADate", text);
        return null;
    }

    private void Problem(ImportColumn column, string key, params object[] arguments) =>
        _problems.Add(new ImportProblem(cells.Line, column, l[key, arguments]));
}
