using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QualityGates.Domain.Departments;
using QualityGates.Domain.Promises;

namespace QualityGates.Web.Data.Configurations;

internal sealed class PromiseRevisionConfiguration : IEntityTypeConfiguration<PromiseRevision>
{
    public void Configure(EntityTypeBuilder<PromiseRevision> builder)
    {
        builder.Property(r => r.Title).HasMaxLength(Promise.TitleMaxLength);
        builder.Property(r => r.Statement).HasMaxLength(Promise.StatementMaxLength);
        builder.Property(r => r.ReasonText).HasMaxLength(Promise.ReasonMaxLength);
        builder.Property(r => r.AuthorId).HasMaxLength(Promise.OwnerIdMaxLength);
        builder.ComplexProperty(r => r.Target, MeasurableTargetColumns.Configure);
        builder.HasOne<Promise>().WithMany().HasForeignKey(r => r.PromiseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Department>().WithMany().HasForeignKey(r => r.DeliveringDepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(r => r.AuthorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.PromiseId, r.Number }).IsUnique();
    }
}
