using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore.Metadata;
using QualityGates.Domain;

namespace QualityGates.Web.Data.Auditing;

/// <summary>What the audit trail records: every record type and field, except plumbing and secrets.</summary>
public static class AuditRules
{
    /// <summary>A user's roles are audited as this field of the user, with the role's name.</summary>
    public const string RoleField = "Role";

    // Plumbing (keys, counters, the trail itself, summaries derived from audited records) and sign-in
    // secrets (tokens, external logins, claims).
    private static readonly HashSet<Type> _notAudited =
    [
        typeof(Summaries.PromiseMonthFigures),
        typeof(Summaries.CustomerMonthFigures),
        typeof(Summaries.DecisionMonthFigures),
        typeof(Summaries.DurationHistogram),
        typeof(Summaries.PromiseCounts),
        typeof(Summaries.ActionMonthFigures),
        typeof(Summaries.OpenReviewCounts),
        typeof(Summaries.OwnerDecisionDays),
        typeof(AuditEntry),
        typeof(DataProtectionKey),
        typeof(NumberSequence),
        typeof(Upgrades.DataUpgrade),
        typeof(Notifications.NotificationMessage),
        typeof(IdentityUserToken<string>),
        typeof(IdentityUserLogin<string>),
        typeof(IdentityUserClaim<string>),
        typeof(IdentityRoleClaim<string>),
    ];

    // Derived from other fields or rotated on every security change: noise, and the stamp is a secret.
    private static readonly HashSet<string> _ignoredFields =
    [
        nameof(Domain.Promises.Promise.OpenConditionsDueOn),
        nameof(IdentityUser.NormalizedUserName),
        nameof(IdentityUser.NormalizedEmail),
        nameof(IdentityRole.NormalizedName),
        nameof(IdentityUser.SecurityStamp),
    ];

    // Recorded as set or changed, never with a value.
    private static readonly HashSet<string> _secretFields = [nameof(IdentityUser.PasswordHash)];

    public static bool IsAudited(Type entityType) => !_notAudited.Contains(entityType);

    /// <summary>The record types the trail names (a role assignment is named as the user's).</summary>
    public static IReadOnlyList<IReadOnlyEntityType> RecordTypes(IReadOnlyModel model) =>
        model.GetEntityTypes()
            .Where(t => IsAudited(t.ClrType) && t.ClrType != typeof(IdentityUserRole<string>))
            .OrderBy(t => t.ClrType.Name, StringComparer.Ordinal)
            .ToList();

    /// <summary>Keys identify the record; concurrency tokens (Version, ConcurrencyStamp) change on every save.</summary>
    public static bool IsAudited(IReadOnlyProperty property) =>
        !property.IsPrimaryKey() && !property.IsConcurrencyToken && !_ignoredFields.Contains(property.Name);

    public static bool IsSecret(string? field) => field is not null && _secretFields.Contains(field);

    /// <summary>The names the trail gives an entity type's fields; a complex property's as "Target.Metric".</summary>
    public static IEnumerable<string> FieldsOf(IReadOnlyEntityType entityType) =>
        FieldsOf((IReadOnlyTypeBase)entityType, "");

    private static IEnumerable<string> FieldsOf(IReadOnlyTypeBase type, string prefix) =>
        type.GetProperties().Where(IsAudited).Select(p => prefix + p.Name)
            .Concat(type.GetComplexProperties().SelectMany(c => FieldsOf(c.ComplexType, $"{prefix}{c.Name}.")));
}
