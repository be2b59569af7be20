using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QualityGates.Domain.Promises;

namespace QualityGates.Web.Data.Configurations;

internal sealed class PromiseCategoryConfiguration : IEntityTypeConfiguration<PromiseCategory>
{
    public void Configure(EntityTypeBuilder<PromiseCategory> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(PromiseCategory.NameMaxLength);
        builder.HasIndex(c => c.Name).IsUnique();
    }
}
