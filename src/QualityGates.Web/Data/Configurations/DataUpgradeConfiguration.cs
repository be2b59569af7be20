using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QualityGates.Web.Data.Upgrades;

namespace QualityGates.Web.Data.Configurations;

internal sealed class DataUpgradeConfiguration : IEntityTypeConfiguration<DataUpgrade>
{
    public void Configure(EntityTypeBuilder<DataUpgrade> builder)
    {
        builder.HasKey(u => u.Name);
        builder.Property(u => u.Name).HasMaxLength(DataUpgrade.NameMaxLength);
    }
}
