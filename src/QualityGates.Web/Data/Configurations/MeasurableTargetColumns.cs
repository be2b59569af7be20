using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QualityGates.Domain.Promises;

namespace QualityGates.Web.Data.Configurations;

/// <summary>A promise's target and a revision's target are stored in the same columns, configured once.</summary>
internal static class MeasurableTargetColumns
{
    public static void Configure(ComplexPropertyBuilder<MeasurableTarget> target) => Configure(target, "Target");

    /// <summary>The promise's first approved target (the moving-target baseline) in columns of its own prefix.</summary>
    public static void ConfigureFirstApproved(ComplexPropertyBuilder<MeasurableTarget> target) => Configure(target, "FirstApprovedTarget");

    private static void Configure(ComplexPropertyBuilder<MeasurableTarget> target, string prefix)
    {
        target.Property(t => t.Metric).HasColumnName(prefix + "Metric").HasMaxLength(MeasurableTarget.MetricMaxLength);
        target.Property(t => t.Comparator).HasColumnName(prefix + "Comparator");
        target.Property(t => t.Value).HasColumnName(prefix + "Value").HasPrecision(18, 4);
        target.Property(t => t.Unit).HasColumnName(prefix + "Unit").HasMaxLength(MeasurableTarget.UnitMaxLength);
        target.Property(t => t.TargetDate).HasColumnName(prefix == "Target" ? "TargetDate" : prefix + "Date");
    }
}
