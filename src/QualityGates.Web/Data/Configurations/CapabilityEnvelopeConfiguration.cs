using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QualityGates.Domain.Departments;
using QualityGates.Domain.Envelopes;
using QualityGates.Domain.Promises;

namespace QualityGates.Web.Data.Configurations;

internal sealed class CapabilityEnvelopeConfiguration : IEntityTypeConfiguration<CapabilityEnvelope>
{
    public void Configure(EntityTypeBuilder<CapabilityEnvelope> builder)
    {
        builder.ComplexProperty(e => e.Name, LocalizedTextColumns.In("Name", CapabilityEnvelope.NameMaxLength));
        builder.ComplexProperty(e => e.Metric, LocalizedTextColumns.In("Metric", CapabilityEnvelope.MetricMaxLength));
        builder.ComplexProperty(e => e.Unit, LocalizedTextColumns.In("Unit", CapabilityEnvelope.UnitMaxLength));
        builder.Property(e => e.Bound).HasPrecision(18, 4);
        builder.Property(e => e.Version).IsConcurrencyToken();

        builder.HasOne<Department>().WithMany().HasForeignKey(e => e.DeliveringDepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PromiseCategory>().WithMany().HasForeignKey(e => e.CategoryId).OnDelete(DeleteBehavior.Restrict);

        // The feasibility gate looks up the active envelopes of a promise's department and category.
        builder.HasIndex(e => new { e.DeliveringDepartmentId, e.CategoryId, e.IsActive });
    }
}
