using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QualityGates.Domain.Promises;
using QualityGates.Web.Data.Summaries;

namespace QualityGates.Web.Data.Configurations;

// Summary tables (ADR 0021): keys ordered as the dashboard reads them (a slice, then a range of months); no
// foreign keys, because they are derived (a customer 0 is a general claim) and rebuilt from the base tables.

internal sealed class PromiseMonthFiguresConfiguration : IEntityTypeConfiguration<PromiseMonthFigures>
{
    public void Configure(EntityTypeBuilder<PromiseMonthFigures> builder) =>
        builder.HasKey(r => new { r.Month, r.PromisingDepartmentId, r.DeliveringDepartmentId, r.CategoryId });
}

internal sealed class CustomerMonthFiguresConfiguration : IEntityTypeConfiguration<CustomerMonthFigures>
{
    public void Configure(EntityTypeBuilder<CustomerMonthFigures> builder) =>
        builder.HasKey(r => new { r.Slice, r.SliceId, r.Month, r.CustomerId });
}

internal sealed class DecisionMonthFiguresConfiguration : IEntityTypeConfiguration<DecisionMonthFigures>
{
    public void Configure(EntityTypeBuilder<DecisionMonthFigures> builder) =>
        builder.HasKey(r => new { r.Month, r.DecidingDepartmentId, r.PromisingDepartmentId, r.DeliveringDepartmentId, r.CategoryId });
}

internal sealed class HandoverPairMonthFiguresConfiguration : IEntityTypeConfiguration<HandoverPairMonthFigures>
{
    public void Configure(EntityTypeBuilder<HandoverPairMonthFigures> builder) =>
        builder.HasKey(r => new { r.Month, r.FromDepartmentId, r.ToDepartmentId });
}

internal sealed class BreakMonthFiguresConfiguration : IEntityTypeConfiguration<BreakMonthFigures>
{
    public void Configure(EntityTypeBuilder<BreakMonthFigures> builder) =>
        builder.HasKey(r => new { r.Month, r.BrokenAtDepartmentId, r.PromisingDepartmentId, r.DeliveringDepartmentId, r.CategoryId });
}

internal sealed class DurationHistogramConfiguration : IEntityTypeConfiguration<DurationHistogram>
{
    public void Configure(EntityTypeBuilder<DurationHistogram> builder) =>
        builder.HasKey(r => new { r.Kind, r.Slice, r.SliceId, r.Month, r.Hours });
}

internal sealed class PromiseCountsConfiguration : IEntityTypeConfiguration<PromiseCounts>
{
    public void Configure(EntityTypeBuilder<PromiseCounts> builder) =>
        builder.HasKey(r => new { r.PromisingDepartmentId, r.DeliveringDepartmentId, r.CategoryId, r.Status, r.Risk });
}

internal sealed class ActionMonthFiguresConfiguration : IEntityTypeConfiguration<ActionMonthFigures>
{
    public void Configure(EntityTypeBuilder<ActionMonthFigures> builder) =>
        builder.HasKey(r => new { r.Month, r.ResponsibleDepartmentId });
}

internal sealed class OpenReviewCountsConfiguration : IEntityTypeConfiguration<OpenReviewCounts>
{
    public void Configure(EntityTypeBuilder<OpenReviewCounts> builder) =>
        builder.HasKey(r => new { r.DecidingDepartmentId, r.Stage });
}

internal sealed class OwnerDecisionDaysConfiguration : IEntityTypeConfiguration<OwnerDecisionDays>
{
    public void Configure(EntityTypeBuilder<OwnerDecisionDays> builder)
    {
        builder.HasKey(r => new { r.OwnerId, r.Day });
        builder.Property(r => r.OwnerId).HasMaxLength(Promise.OwnerIdMaxLength);
    }
}
