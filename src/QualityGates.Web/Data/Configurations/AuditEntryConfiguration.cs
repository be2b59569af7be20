using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QualityGates.Web.Data.Auditing;

namespace QualityGates.Web.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(e => e.ActorId).HasMaxLength(AuditEntry.ActorIdMaxLength);
        builder.Property(e => e.ActorName).HasMaxLength(AuditEntry.ActorNameMaxLength);
        builder.Property(e => e.ActorRole).HasMaxLength(AuditEntry.ActorRoleMaxLength);
        builder.Property(e => e.ActorDepartment).HasMaxLength(AuditEntry.ActorDepartmentMaxLength);
        builder.Property(e => e.ActorTokenName).HasMaxLength(AuditEntry.ActorTokenNameMaxLength);
        builder.Property(e => e.EntityType).HasMaxLength(AuditEntry.EntityTypeMaxLength);
        builder.Property(e => e.EntityId).HasMaxLength(AuditEntry.EntityIdMaxLength);
        builder.Property(e => e.Action).HasConversion<string>().HasMaxLength(AuditEntry.ActionMaxLength);
        builder.Property(e => e.Field).HasMaxLength(AuditEntry.FieldMaxLength);
        builder.Property(e => e.Reason).HasMaxLength(AuditEntry.ReasonMaxLength);
        // OldValue and NewValue stay unbounded: a value is whatever the audited field holds (a statement has 4000 characters).

        // No foreign key to the user: the trail outlives what it describes, and names the actor as they were.
        // A record's history, the log by time, and the log by user.
        builder.HasIndex(e => new { e.EntityType, e.EntityId });
        builder.HasIndex(e => e.AtUtc);
        builder.HasIndex(e => e.ActorId);
    }
}
