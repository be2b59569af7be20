using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QualityGates.Domain.Departments;
using QualityGates.Domain.Gates;

namespace QualityGates.Web.Data.Configurations;

internal sealed class GateDefinitionConfiguration : IEntityTypeConfiguration<GateDefinition>
{
    public void Configure(EntityTypeBuilder<GateDefinition> builder)
    {
        builder.Property(g => g.Code).HasMaxLength(GateDefinition.CodeMaxLength);
        builder.HasIndex(g => g.Code).IsUnique();
        builder.ComplexProperty(g => g.Name, LocalizedTextColumns.In("Name", GateDefinition.NameMaxLength));
        builder.Property(g => g.Version).IsConcurrencyToken();
        builder.HasOne<Department>().WithMany().HasForeignKey(g => g.DeciderDepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(g => g.Checkpoints).WithOne().HasForeignKey(c => c.GateDefinitionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(g => g.Checkpoints).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(g => g.CurrentChecklist);
    }
}

internal sealed class GateCheckpointConfiguration : IEntityTypeConfiguration<GateCheckpoint>
{
    public void Configure(EntityTypeBuilder<GateCheckpoint> builder)
    {
        builder.ComplexProperty(c => c.Text, LocalizedTextColumns.In("Text", GateCheckpoint.TextMaxLength));
        builder.PrimitiveCollection(c => c.CategoryIds);
        builder.HasOne<Department>().WithMany().HasForeignKey(c => c.ProvidingDepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Department>().WithMany().HasForeignKey(c => c.ReceivingDepartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}
