using QualityGates.Domain.Departments;

namespace QualityGates.Web.Data.Auditing;

/// <summary>
/// One line of the append-only audit trail: a field of a record that was set or changed (or a record that
/// was deleted), by whom, when and why. <see cref="QualityGatesDbContext"/> writes these in the same
/// transaction as the change and refuses to update or delete them.
/// </summary>
public sealed class AuditEntry
{
    public const int ActorIdMaxLength = 450;
    public const int ActorNameMaxLength = AppUser.DisplayNameMaxLength;
    public const int ActorRoleMaxLength = 256;
    public const int ActorDepartmentMaxLength = Department.NameMaxLength;
    public const int EntityTypeMaxLength = 100;
    public const int EntityIdMaxLength = 128;
    public const int ActionMaxLength = 20;
    public const int FieldMaxLength = 100;
    public const int ReasonMaxLength = 1000;
    public const int ActorTokenNameMaxLength = Api.Tokens.PersonalAccessToken.NameMaxLength;

    private AuditEntry()
    {
        ActorName = "";
        EntityType = "";
        EntityId = "";
    }

    internal AuditEntry(
        DateTime atUtc, AuditActor actor, string entityType, string entityId, AuditAction action,
        string? field, string? oldValue, string? newValue, string? reason)
    {
        AtUtc = atUtc;
        ActorId = actor.UserId;
        ActorName = Truncate(actor.Name, ActorNameMaxLength)!;
        ActorRole = Truncate(actor.Role, ActorRoleMaxLength);
        ActorDepartment = Truncate(actor.Department, ActorDepartmentMaxLength);
        ActorTokenId = actor.TokenId;
        ActorTokenName = Truncate(actor.TokenName, ActorTokenNameMaxLength);
        EntityType = entityType;
        EntityId = entityId;
        Action = action;
        Field = field;
        OldValue = oldValue;
        NewValue = newValue;
        Reason = Truncate(reason, ReasonMaxLength);
    }

    public long Id { get; private set; }

    public DateTime AtUtc { get; private set; }

    /// <summary>The user's id; null for the system (start-up) and for requests nobody is signed in to (sign-in).</summary>
    public string? ActorId { get; private set; }

    /// <summary>The user's display name at that moment, or <see cref="AuditActor.SystemName"/> / <see cref="AuditActor.AnonymousName"/>.</summary>
    public string ActorName { get; private set; }

    /// <summary>The role the user acted in (role name, e.g. "SalesRep").</summary>
    public string? ActorRole { get; private set; }

    public string? ActorDepartment { get; private set; }

    /// <summary>The personal access token of a change made through the REST API; null for the pages and the system.</summary>
    public int? ActorTokenId { get; private set; }

    /// <summary>That token's name at the moment, so the trail names it after the token is revoked or renamed.</summary>
    public string? ActorTokenName { get; private set; }

    /// <summary>The record's type: the entity class name, e.g. "Promise" (see <see cref="AuditRules"/>).</summary>
    public string EntityType { get; private set; }

    /// <summary>The record's key as invariant text, e.g. "42".</summary>
    public string EntityId { get; private set; }

    public AuditAction Action { get; private set; }

    /// <summary>The property, e.g. "Title" or "Target.Value"; null when a whole record was deleted.</summary>
    public string? Field { get; private set; }

    /// <summary>Invariant-culture text; enums by name. Null when empty or secret.</summary>
    public string? OldValue { get; private set; }

    public string? NewValue { get; private set; }

    /// <summary>The reason the user gave for the change, where the use case asks for one (e.g. a withdrawal).</summary>
    public string? Reason { get; private set; }

    private static string? Truncate(string? text, int maxLength) =>
        text is null || text.Length <= maxLength ? text : text[..maxLength];
}

public enum AuditAction
{
    Created,
    Changed,
    Deleted,

    /// <summary>A successful sign-in (record: the user).</summary>
    SignedIn,

    /// <summary>A refused sign-in (record: the user, or the name entered when no such user exists).</summary>
    SignInFailed,

    /// <summary>The failed sign-in that locked the account.</summary>
    LockedOut,
}
