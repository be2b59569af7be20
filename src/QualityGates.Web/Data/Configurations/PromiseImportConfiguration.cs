using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QualityGates.Domain.Departments;
using QualityGates.Web.Imports;

namespace QualityGates.Web.Data.Configurations;

internal sealed class PromiseImportConfiguration : IEntityTypeConfiguration<PromiseImport>
{
    public void Configure(EntityTypeBuilder<PromiseImport> builder)
    {
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.OwnerId).HasMaxLength(Domain.Promises.Promise.OwnerIdMaxLength);
        builder.Property(i => i.FileName).HasMaxLength(PromiseImport.FileNameMaxLength);
        builder.Property(i => i.Culture).HasMaxLength(PromiseImport.CultureMaxLength);
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.HasOne<AppUser>().WithMany().HasForeignKey(i => i.OwnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Department>().WithMany().HasForeignKey(i => i.PromisingDepartmentId).OnDelete(DeleteBehavior.Restrict);

        // A user's own uploads, newest first (the import page lists them).
        builder.HasIndex(i => new { i.OwnerId, i.UploadedAtUtc });
    }
}
