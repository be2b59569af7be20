using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore.Metadata;
using QualityGates.Domain;
using QualityGates.Domain.Feedback;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Improvement;
using QualityGates.Domain.Lessons;
using QualityGates.Domain.Promises;

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
        typeof(Summaries.HandoverPairMonthFigures),
        typeof(Summaries.BreakMonthFigures),
        typeof(Summaries.PromiseCounts),
        typeof(Summaries.ActionMonthFigures),
        typeof(Summaries.OpenReviewCounts),
        typeof(Summaries.OwnerDecisionDays),
        typeof(AuditEntry),
        typeof(DataProtectionKey),
        typeof(NumberSequence),
        typeof(Upgrades.DataUpgrade),
        // The working copy of an uploaded file; the promises it brings in are audited with the file's name as reason.
        typeof(Imports.PromiseImport),
        typeof(Notifications.NotificationMessage),
        typeof(Webhooks.WebhookDelivery),
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
    private static readonly HashSet<string> _secretFields =
        [nameof(IdentityUser.PasswordHash), nameof(Webhooks.WebhookEndpoint.ProtectedSecret), nameof(Webhooks.WebhookEndpoint.PreviousProtectedSecret), nameof(Api.Tokens.PersonalAccessToken.Hash)];

    // Recorded and shown in the audit log, but not in a record's history, which tells what a person did.
    private static readonly Dictionary<string, string[]> _bookkeepingFields = new()
    {
        [nameof(Promise)] =
        [
            // The moment of a step: the history entry's own time.
            nameof(Promise.CreatedAtUtc), nameof(Promise.SubmittedAtUtc), nameof(Promise.WithdrawnAtUtc), nameof(Promise.RiskRaisedAtUtc),

            // Counts submissions and later changes; the history's sentence names the revision submitted.
            nameof(Promise.Revision),

            // Figures kept by the verbs for the dashboard (ADR 0017), derived from what the history shows.
            nameof(Promise.FirstApprovedRevision), nameof(Promise.FirstApprovedDueDate),
            .. TargetFields(nameof(Promise.FirstApprovedTarget)),
            nameof(Promise.ChangedAfterApproval), nameof(Promise.DueDateSlipDays), nameof(Promise.OutcomeAgainstFirstTarget),
            nameof(Promise.FirstFeasibilityDecision), nameof(Promise.HandoverAcceptedFirstTime),

            // Where the promise stands along its chain: each move is the accepted handover the review's history tells.
            nameof(Promise.CurrentLinkPosition), nameof(Promise.HoldingDepartmentId),
        ],
        [nameof(GateReview)] =
        [
            // The moment of a step: the history entry's own time.
            nameof(GateReview.OpenedAtUtc), nameof(GateReview.DecidedAtUtc),

            // Figures for the dashboard: the median, a handover's returns and its giving side (ADR 0017).
            nameof(GateReview.DaysToDecision), nameof(GateReview.Returns), nameof(GateReview.HandingOverDepartmentId),

            // The promise's owner, departments and category as the review found them, kept for the dashboard's filters.
            nameof(GateReview.PromiseOwnerId), nameof(GateReview.PromisingDepartmentId), nameof(GateReview.DeliveringDepartmentId), nameof(GateReview.CategoryId),
        ],
        [nameof(FeedbackItem)] =
        [
            // Who filed or triaged it and when: the history entry's own person and time.
            nameof(FeedbackItem.FiledById), nameof(FeedbackItem.CreatedAtUtc), nameof(FeedbackItem.TriagedById),
            nameof(FeedbackItem.TriagedAtUtc), nameof(FeedbackItem.ClosedAtUtc),
        ],
        [nameof(ImprovementAction)] =
        [
            // Who opened it and when each phase began: the history entry's own person and time.
            nameof(ImprovementAction.CreatedById), nameof(ImprovementAction.CreatedAtUtc), nameof(ImprovementAction.DoStartedAtUtc),
            nameof(ImprovementAction.CheckStartedAtUtc), nameof(ImprovementAction.ActStartedAtUtc), nameof(ImprovementAction.DoneAtUtc),

            // A figure for the dashboard's median cycle time (ADR 0017).
            nameof(ImprovementAction.CycleDays),
        ],
        [nameof(Lesson)] =
        [
            // Who learned it and when: the history entry's own person and time.
            nameof(Lesson.CreatedById), nameof(Lesson.CreatedAtUtc),
        ],
    };

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

    /// <summary>
    /// The fields of a record type that its history (what people did) leaves to the audit log: times and authors
    /// the entry itself shows, counters and figures kept for the dashboard, copies of another record's fields.
    /// </summary>
    public static IReadOnlyList<string> BookkeepingFields(string entityType) =>
        _bookkeepingFields.TryGetValue(entityType, out var fields) ? fields : [];

    private static string[] TargetFields(string target) =>
        [$"{target}.{nameof(MeasurableTarget.Metric)}", $"{target}.{nameof(MeasurableTarget.Comparator)}",
         $"{target}.{nameof(MeasurableTarget.Value)}", $"{target}.{nameof(MeasurableTarget.Unit)}",
         $"{target}.{nameof(MeasurableTarget.TargetDate)}"];

    /// <summary>The names the trail gives an entity type's fields; a complex property's as "Target.Metric".</summary>
    public static IEnumerable<string> FieldsOf(IReadOnlyEntityType entityType) =>
        FieldsOf((IReadOnlyTypeBase)entityType, "");

    private static IEnumerable<string> FieldsOf(IReadOnlyTypeBase type, string prefix) =>
        type.GetProperties().Where(IsAudited).Select(p => prefix + p.Name)
            .Concat(type.GetComplexProperties().SelectMany(c => FieldsOf(c.ComplexType, $"{prefix}{c.Name}.")));
}
