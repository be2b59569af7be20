using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QualityGates.Web.Notifications;

namespace QualityGates.Web.Data.Configurations;

internal sealed class NotificationMessageConfiguration : IEntityTypeConfiguration<NotificationMessage>
{
    public void Configure(EntityTypeBuilder<NotificationMessage> builder)
    {
        builder.Property(m => m.RecipientId).HasMaxLength(NotificationMessage.RecipientIdMaxLength);
        builder.Property(m => m.Culture).HasMaxLength(NotificationMessage.CultureMaxLength);
        builder.Property(m => m.Subject).HasMaxLength(NotificationMessage.SubjectMaxLength);
        builder.Property(m => m.Body).HasMaxLength(NotificationMessage.BodyMaxLength);
        builder.Property(m => m.LinkPath).HasMaxLength(NotificationMessage.LinkMaxLength);
        builder.Property(m => m.DedupeKey).HasMaxLength(NotificationMessage.DedupeKeyMaxLength);
        builder.Property(m => m.ClaimedBy).HasMaxLength(OutboxItem.ClaimedByMaxLength);
        builder.Property(m => m.LastError).HasMaxLength(OutboxItem.LastErrorMaxLength);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(m => m.RecipientId).OnDelete(DeleteBehavior.Restrict);

        // The dispatcher's query: pending messages by due time; and retention's: sent or suppressed ones by their last attempt.
        builder.HasIndex(m => new { m.State, m.NextAttemptAtUtc });
        // A daily reminder is written once, whichever instance runs first (EF filters out NULLs on SQL Server).
        builder.HasIndex(m => m.DedupeKey).IsUnique();
        builder.HasIndex(m => m.CreatedAtUtc);
    }
}
