using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QualityGates.Domain.Feedback;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Improvement;
using QualityGates.Domain.Promises;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;
using QualityGates.Web.Data.Auditing;
using QualityGates.Web.Localization;

namespace QualityGates.Web.Pages.Shared;

/// <summary>
/// Audit entries as the _AuditTable partial shows them: fields, record types and known values translated,
/// references to departments, categories, customers and users by their current name.
/// </summary>
public sealed class AuditTable
{
    private const string ComparatorField = $"{nameof(Promise.Target)}.{nameof(MeasurableTarget.Comparator)}";
    private const string TargetValueField = $"{nameof(Promise.Target)}.{nameof(MeasurableTarget.Value)}";

    private static readonly string[] _departmentFields =
        [nameof(Promise.PromisingDepartmentId), nameof(Promise.DeliveringDepartmentId), nameof(AppUser.DepartmentId),
         nameof(GateReview.DecidingDepartmentId), nameof(ImprovementAction.ResponsibleDepartmentId)];

    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _namesByField = [];
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _recordNames = [];

    private Dictionary<string, string> _actorDepartments = [];

    private AuditTable(IReadOnlyList<AuditEntry> entries, bool showRecord)
    {
        Entries = entries;
        ShowRecord = showRecord;
    }

    public IReadOnlyList<AuditEntry> Entries { get; }

    /// <summary>The audit log names the record of each entry; a record's own history does not.</summary>
    public bool ShowRecord { get; }

    public static async Task<AuditTable> LoadAsync(QualityGatesDbContext db, IReadOnlyList<AuditEntry> entries, bool showRecord)
    {
        var table = new AuditTable(entries, showRecord);

        var departmentIds = table.IdsIn(_departmentFields);
        if (departmentIds.Count > 0)
        {
            table.Name(_departmentFields, await db.Departments.Where(d => departmentIds.Contains(d.Id))
                .Select(d => new { d.Id, Name = d.Name.In(Cultures.Current) }).ToDictionaryAsync(d => Text(d.Id), d => d.Name));
        }

        // The trail keeps the department the user acted in by its English name at the time; shown in the reader's language.
        var actorDepartments = entries.Select(e => e.ActorDepartment).OfType<string>().Distinct().ToList();
        if (actorDepartments.Count > 0)
        {
            table._actorDepartments = await db.Departments.Where(d => actorDepartments.Contains(d.Name.English))
                .Select(d => new { d.Name.English, Name = d.Name.In(Cultures.Current) }).ToDictionaryAsync(d => d.English, d => d.Name);
        }

        var categoryIds = table.IdsIn([nameof(Promise.CategoryId)]);
        if (categoryIds.Count > 0)
        {
            table.Name([nameof(Promise.CategoryId)], await db.PromiseCategories.Where(c => categoryIds.Contains(c.Id))
                .Select(c => new { c.Id, Name = c.Name.In(Cultures.Current) }).ToDictionaryAsync(c => Text(c.Id), c => c.Name));
        }

        var customerIds = table.IdsIn([nameof(Promise.CustomerId)]);
        if (customerIds.Count > 0)
        {
            table.Name([nameof(Promise.CustomerId)], await db.Customers.Where(c => customerIds.Contains(c.Id))
                .Select(c => new { c.Id, c.Name }).ToDictionaryAsync(c => Text(c.Id), c => c.Name));
        }

        string[] userFields = [nameof(Promise.OwnerId), nameof(GateReview.PromiseOwnerId)];
        var userIds = table.ValuesIn(userFields).Concat(table.RecordIds(nameof(AppUser))).Distinct().ToList();
        if (userIds.Count > 0)
        {
            var users = await db.Users.Where(u => userIds.Contains(u.Id))
                .Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName);
            table.Name(userFields, users);
            table._recordNames[nameof(AppUser)] = users;
        }

        // A promise named as a record of the log, or by a record that refers to it (feedback), by its number.
        var promiseIds = Ints(table.RecordIds(nameof(Promise)).Concat(table.ValuesIn([nameof(FeedbackItem.PromiseId)])));
        if (promiseIds.Count > 0)
        {
            var numbers = await db.Promises.Where(p => promiseIds.Contains(p.Id))
                .Select(p => new { p.Id, p.Number }).ToDictionaryAsync(p => Text(p.Id), p => p.Number);
            table._recordNames[nameof(Promise)] = numbers;
            table.Name([nameof(FeedbackItem.PromiseId)], numbers);
        }

        return table;
    }

    /// <summary>How the audit log names a record: a promise by its number, a user by name, others by id.</summary>
    public string RecordName(AuditEntry entry) =>
        _recordNames.TryGetValue(entry.EntityType, out var names) && names.TryGetValue(entry.EntityId, out var name)
            ? name
            : entry.EntityId;

    /// <summary>False for a record that no longer exists, or never did (a failed sign-in under an unknown name).</summary>
    public bool IsKnownRecord(AuditEntry entry) =>
        _recordNames.TryGetValue(entry.EntityType, out var names) && names.ContainsKey(entry.EntityId);

    /// <summary>The user's name as it was; the system and anonymous requests by a translated word.</summary>
    public static string Actor(IStringLocalizer l, AuditEntry entry) =>
        entry.ActorTokenName is not null ? l["Audit.Actor.ViaToken", entry.ActorName, entry.ActorTokenName]
        : entry.ActorId is not null ? entry.ActorName
        : entry.ActorName == AuditActor.AnonymousName ? l["Audit.Actor.Anonymous"]
        : l["Audit.Actor.System"];

    /// <summary>"Sales rep · Sales": the role and department the user acted in.</summary>
    public string ActorRoleAndDepartment(IStringLocalizer l, AuditEntry entry)
    {
        var roles = entry.ActorRole?.Split(',').Select(r => Roles.All.Contains(r) ? l.Role(r) : r) ?? [];
        var department = entry.ActorDepartment is { } english && _actorDepartments.TryGetValue(english, out var shown) ? shown : entry.ActorDepartment;
        return string.Join(" · ", roles.Append(department).Where(t => !string.IsNullOrEmpty(t)));
    }

    public static string RecordType(IStringLocalizer l, string entityType) => Translated(l, $"AuditEntity.{entityType}", entityType);

    public static string Field(IStringLocalizer l, string? field) => field is null ? "" : Translated(l, $"AuditField.{field}", field);

    /// <summary>A value as the user reads it: a status in their language, a time in their zone, a department by name, a secret never.</summary>
    public string Value(IStringLocalizer l, TimeZoneInfo zone, AuditEntry entry, string? value)
    {
        if (AuditRules.IsSecret(entry.Field))
        {
            return l["Audit.Value.Hidden"];
        }

        if (value is null)
        {
            return l["Audit.Value.Empty"];
        }

        if (entry.Field is { } field && _namesByField.TryGetValue(field, out var names) && names.TryGetValue(value, out var name))
        {
            return name;
        }

        return entry.Field switch
        {
            nameof(Promise.Status) when Enum.TryParse<PromiseStatus>(value, out var status) => l.Status(status),
            nameof(FeedbackItem.Status) when entry.EntityType == nameof(FeedbackItem) && Enum.TryParse<FeedbackStatus>(value, out var feedbackStatus) => l.FeedbackStatus(feedbackStatus),
            nameof(FeedbackItem.Type) when Enum.TryParse<FeedbackType>(value, out var feedbackType) => l.FeedbackType(feedbackType),
            nameof(FeedbackItem.Severity) when Enum.TryParse<FeedbackSeverity>(value, out var severity) => l.Severity(severity),
            nameof(ImprovementAction.Phase) when Enum.TryParse<PdcaPhase>(value, out var phase) => l.Phase(phase),
            nameof(UpstreamChange.Kind) when Enum.TryParse<UpstreamChangeKind>(value, out var kind) => l.UpstreamKind(kind),
            nameof(Promise.Source) when Enum.TryParse<PromiseSource>(value, out var source) => l.Source(source),
            nameof(Promise.CommitChannel) when Enum.TryParse<CommitChannel>(value, out var channel) => l[$"CommitChannel.{channel}"],
            nameof(Promise.BreachCause) when Enum.TryParse<BreachCause>(value, out var cause) => l[$"BreachCause.{cause}"],
            nameof(Promise.Outcome) or nameof(Promise.OutcomeAgainstFirstTarget) when Enum.TryParse<OutcomeKind>(value, out var outcome) =>
                l[$"Outcome.{outcome}"],
            nameof(GateReview.Outcome) or nameof(Promise.FirstFeasibilityDecision) when Enum.TryParse<GateDecision>(value, out var decision) =>
                l[$"Decision.{decision}"],
            nameof(GateReview.State) when Enum.TryParse<GateReviewState>(value, out var state) => l[$"ReviewState.{state}"],
            ComparatorField when Enum.TryParse<TargetComparator>(value, out var comparator) =>
                comparator == TargetComparator.ByDate ? l["Promise.ByDate"] : MeasurableTarget.Symbol(comparator),
            AuditRules.RoleField when Roles.All.Contains(value) => l.Role(value),
            TargetValueField or nameof(Promise.ActualValue) when decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) =>
                number.ToString("0.############################", CultureInfo.CurrentCulture),
            _ when bool.TryParse(value, out var yes) => yes ? l["Audit.Value.True"] : l["Audit.Value.False"],
            _ when DateOnly.TryParseExact(value, PendingAudit.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) =>
                date.Date(),
            _ when DateTime.TryParseExact(value, PendingAudit.DateTimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var time) =>
                time.DateTime(zone),
            _ => value,
        };
    }

    private static string Translated(IStringLocalizer l, string key, string fallback)
    {
        var text = l[key];
        return text.ResourceNotFound ? fallback : text.Value;
    }

    private static string Text(int id) => id.ToString(CultureInfo.InvariantCulture);

    private IEnumerable<string> ValuesIn(string[] fields) =>
        Entries.Where(e => fields.Contains(e.Field)).SelectMany(e => new[] { e.OldValue, e.NewValue }).OfType<string>().Distinct();

    private IEnumerable<string> RecordIds(string entityType) =>
        ShowRecord ? Entries.Where(e => e.EntityType == entityType).Select(e => e.EntityId).Distinct() : [];

    private List<int> IdsIn(string[] fields) => Ints(ValuesIn(fields));

    private static List<int> Ints(IEnumerable<string> values) =>
        values.Select(v => int.TryParse(v, CultureInfo.InvariantCulture, out var id) ? id : (int?)null).OfType<int>().ToList();

    private void Name(string[] fields, IReadOnlyDictionary<string, string> names)
    {
        foreach (var field in fields)
        {
            _namesByField[field] = names;
        }
    }
}
