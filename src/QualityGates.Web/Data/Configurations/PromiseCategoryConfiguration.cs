using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QualityGates.Domain.Promises;

namespace QualityGates.Web.Data.Configurations;

internal sealed class PromiseCategoryConfiguration : IEntityTypeConfiguration<PromiseCategory>
{
    public void Configure(EntityTypeBuilder<PromiseCategory> builder)
    {
        // Unique per language, by indexes the migrations create (see DepartmentConfiguration).
        builder.ComplexProperty(c => c.Name, LocalizedTextColumns.In("Name", PromiseCategory.NameMaxLength));
        builder.Property(c => c.Version).IsConcurrencyToken();
    }
}
