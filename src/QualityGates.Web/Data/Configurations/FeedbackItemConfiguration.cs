using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QualityGates.Domain.Customers;
using QualityGates.Domain.Feedback;
using QualityGates.Domain.Promises;

namespace QualityGates.Web.Data.Configurations;

internal sealed class FeedbackItemConfiguration : IEntityTypeConfiguration<FeedbackItem>
{
    public void Configure(EntityTypeBuilder<FeedbackItem> builder)
    {
        builder.ToTable("Feedback");
        builder.Property(f => f.Title).HasMaxLength(FeedbackItem.TitleMaxLength);
        builder.Property(f => f.Description).HasMaxLength(FeedbackItem.DescriptionMaxLength);
        builder.Property(f => f.TriageNote).HasMaxLength(FeedbackItem.NoteMaxLength);
        builder.Property(f => f.ClosingNote).HasMaxLength(FeedbackItem.NoteMaxLength);
        builder.Property(f => f.FiledById).HasMaxLength(FeedbackItem.UserIdMaxLength);
        builder.Property(f => f.TriagedById).HasMaxLength(FeedbackItem.UserIdMaxLength);
        builder.Property(f => f.Version).IsConcurrencyToken();

        builder.HasOne<Promise>().WithMany().HasForeignKey(f => f.PromiseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(f => f.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(f => f.FiledById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(f => f.TriagedById).OnDelete(DeleteBehavior.Restrict);

        // The list and board filter by status; a promise's page shows its feedback; the dashboard counts by month.
        builder.HasIndex(f => new { f.Status, f.CreatedAtUtc });
        builder.HasIndex(f => f.PromiseId);
        // The loop-closure figure: broken-promise feedback filed in a period.
        builder.HasIndex(f => new { f.Type, f.CreatedAtUtc });
        builder.HasIndex(f => f.CustomerId);
    }
}
