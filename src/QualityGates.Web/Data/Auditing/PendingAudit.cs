using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace QualityGates.Web.Data.Auditing;

/// <summary>
/// The audit lines of one SaveChanges, read from the change tracker before anything is written. A record
/// that the database numbers on insert has no id yet, so its lines read the key only in
/// <see cref="ToEntries"/>, which the context calls after the insert (see <see cref="NeedsDatabaseKeys"/>).
/// </summary>
internal sealed class PendingAudit
{
    public const string DateFormat = "yyyy-MM-dd";
    public const string DateTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK";

    private readonly List<Line> _lines = [];

    private PendingAudit()
    {
    }

    /// <summary>A new record gets its key from the database: it must be inserted before its audit entries.</summary>
    public bool NeedsDatabaseKeys { get; private set; }

    /// <summary>Reads the pending changes; the caller has run DetectChanges.</summary>
    public static PendingAudit Capture(DbContext db)
    {
        var audit = new PendingAudit();
        var changed = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .ToList();
        foreach (var entry in changed)
        {
            if (entry.Entity is IdentityUserRole<string> userRole)
            {
                audit.AddRoleChange(db, entry, userRole);
            }
            else if (AuditRules.IsAudited(entry.Metadata.ClrType))
            {
                audit.AddRecordChange(entry);
            }
        }

        return audit;
    }

    public List<AuditEntry> ToEntries(AuditActor actor, DateTime atUtc, string? reason) =>
        _lines.Select(l => new AuditEntry(atUtc, actor, l.EntityType, l.EntityId(), l.Action, l.Field, l.OldValue, l.NewValue, reason))
            .ToList();

    /// <summary>Invariant text: ISO dates, "." as decimal separator, enums by name; empty text is null.</summary>
    public static string? Format(object? value) => value switch
    {
        null => null,
        string text => text.Length == 0 ? null : text,
        DateTime time => time.ToString(DateTimeFormat, CultureInfo.InvariantCulture),
        DateTimeOffset time => time.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString(DateFormat, CultureInfo.InvariantCulture),
        decimal number => number.ToString("0.############################", CultureInfo.InvariantCulture),
        Enum member => member.ToString(),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    private void AddRecordChange(EntityEntry entry)
    {
        var type = entry.Metadata.ClrType.Name;
        Func<string> id;
        if (entry.Properties.Any(p => p.Metadata.IsPrimaryKey() && p.IsTemporary))
        {
            NeedsDatabaseKeys = true;
            id = () => KeyOf(entry);
        }
        else
        {
            var key = KeyOf(entry);
            id = () => key;
        }

        switch (entry.State)
        {
            case EntityState.Added:
                var before = _lines.Count;
                foreach (var (field, property) in Fields(entry))
                {
                    if (Format(property.CurrentValue) is { } value)
                    {
                        _lines.Add(new(type, id, AuditAction.Created, field, null, AuditRules.IsSecret(field) ? null : value));
                    }
                }

                if (_lines.Count == before)
                {
                    _lines.Add(new(type, id, AuditAction.Created, null, null, null));
                }

                break;
            case EntityState.Modified:
                foreach (var (field, property) in Fields(entry))
                {
                    if (!property.IsModified || property.Metadata.GetValueComparer().Equals(property.OriginalValue, property.CurrentValue))
                    {
                        continue;
                    }

                    var (oldValue, newValue) = (Format(property.OriginalValue), Format(property.CurrentValue));
                    if (AuditRules.IsSecret(field))
                    {
                        _lines.Add(new(type, id, AuditAction.Changed, field, null, null));
                    }
                    else if (oldValue != newValue)
                    {
                        _lines.Add(new(type, id, AuditAction.Changed, field, oldValue, newValue));
                    }
                }

                break;
            case EntityState.Deleted:
                _lines.Add(new(type, id, AuditAction.Deleted, null, null, null));
                break;
        }
    }

    // Identity stores a role assignment as a row of its own; the trail shows it as the user's role, by name.
    private void AddRoleChange(DbContext db, EntityEntry entry, IdentityUserRole<string> userRole)
    {
        if (entry.State == EntityState.Modified)
        {
            return;
        }

        var role = db.ChangeTracker.Entries<IdentityRole>().FirstOrDefault(r => r.Entity.Id == userRole.RoleId)?.Entity.Name
                   ?? userRole.RoleId;
        var userId = userRole.UserId;
        _lines.Add(new(nameof(AppUser), () => userId, AuditAction.Changed, AuditRules.RoleField,
            entry.State == EntityState.Deleted ? role : null,
            entry.State == EntityState.Added ? role : null));
    }

    private static IEnumerable<(string Field, PropertyEntry Property)> Fields(EntityEntry entry) =>
        entry.Properties.Where(p => AuditRules.IsAudited(p.Metadata)).Select(p => (p.Metadata.Name, p))
            .Concat(entry.ComplexProperties.SelectMany(c => Fields(c, c.Metadata.Name + ".")));

    private static IEnumerable<(string Field, PropertyEntry Property)> Fields(ComplexPropertyEntry complex, string prefix) =>
        complex.Properties.Where(p => AuditRules.IsAudited(p.Metadata)).Select(p => (prefix + p.Metadata.Name, p))
            .Concat(complex.ComplexProperties.SelectMany(c => Fields(c, $"{prefix}{c.Metadata.Name}.")));

    private static string KeyOf(EntityEntry entry) =>
        string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Format(entry.Property(p.Name).CurrentValue)));

    private sealed record Line(
        string EntityType, Func<string> EntityId, AuditAction Action, string? Field, string? OldValue, string? NewValue);
}
