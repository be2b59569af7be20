using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QualityGates.Domain.Customers;
using QualityGates.Domain.Lessons;
using QualityGates.Domain.Promises;

namespace QualityGates.Web.Data.Configurations;

internal sealed class LessonConfiguration : IEntityTypeConfiguration<Lesson>
{
    public void Configure(EntityTypeBuilder<Lesson> builder)
    {
        builder.Property(l => l.Text).HasMaxLength(Lesson.TextMaxLength);
        builder.Property(l => l.CreatedById).HasMaxLength(Promise.OwnerIdMaxLength);
        builder.Property(l => l.Version).IsConcurrencyToken();
        builder.HasOne<PromiseCategory>().WithMany().HasForeignKey(l => l.CategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(l => l.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(l => l.CreatedById).OnDelete(DeleteBehavior.Restrict);

        // Shown where a promise of a category (and customer) is made or reviewed.
        builder.HasIndex(l => new { l.CategoryId, l.IsActive });
        // The lessons of a week in a few categories (the digest).
        builder.HasIndex(l => new { l.CategoryId, l.CreatedAtUtc });
    }
}
