namespace QualityGates.Web.Data.Auditing;

/// <summary>
/// Records sign-ins, failed sign-ins and lockouts in the audit trail (ASVS V7.2), as entries on the user.
/// A failed attempt for a name that belongs to nobody is recorded under the name entered.
/// </summary>
public sealed class SignInAudit(QualityGatesDbContext db, AuditContext auditContext)
{
    public async Task RecordAsync(AuditAction action, AppUser? user, string attemptedName)
    {
        var actor = action == AuditAction.SignedIn && user is not null
            ? new AuditActor(user.Id, user.DisplayName, null, null)
            : AuditActor.Anonymous;
        var record = user?.Id ?? attemptedName[..Math.Min(attemptedName.Length, AuditEntry.EntityIdMaxLength)];
        db.AuditEntries.Add(new AuditEntry(auditContext.UtcNow, actor, nameof(AppUser), record, action, null, null, null, null));
        await db.SaveChangesAsync();
    }
}
