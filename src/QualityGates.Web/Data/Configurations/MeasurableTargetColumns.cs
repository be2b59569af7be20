using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QualityGates.Domain.Promises;

namespace QualityGates.Web.Data.Configurations;

/// <summary>A promise's target and a revision's target are stored in the same columns, configured once.</summary>
internal static class MeasurableTargetColumns
{
    public static void Configure(ComplexPropertyBuilder<MeasurableTarget> target)
    {
        target.Property(t => t.Metric).HasColumnName("TargetMetric").HasMaxLength(MeasurableTarget.MetricMaxLength);
        target.Property(t => t.Comparator).HasColumnName("TargetComparator");
        target.Property(t => t.Value).HasColumnName("TargetValue").HasPrecision(18, 4);
        target.Property(t => t.Unit).HasColumnName("TargetUnit").HasMaxLength(MeasurableTarget.UnitMaxLength);
        target.Property(t => t.TargetDate).HasColumnName("TargetDate");
    }
}
