using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QualityGates.Domain.Departments;
using QualityGates.Domain.Envelopes;
using QualityGates.Domain.Feedback;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Improvement;
using QualityGates.Domain.Lessons;

namespace QualityGates.Web.Data.Configurations;

internal sealed class ImprovementActionConfiguration : IEntityTypeConfiguration<ImprovementAction>
{
    public void Configure(EntityTypeBuilder<ImprovementAction> builder)
    {
        builder.Property(a => a.Title).HasMaxLength(ImprovementAction.TitleMaxLength);
        builder.Property(a => a.RootCause).HasMaxLength(ImprovementAction.RootCauseMaxLength);
        builder.Property(a => a.EffectivenessMeasure).HasMaxLength(ImprovementAction.EffectivenessMaxLength);
        builder.Property(a => a.EffectivenessResult).HasMaxLength(ImprovementAction.EffectivenessMaxLength);
        builder.Property(a => a.OwnerId).HasMaxLength(ImprovementAction.UserIdMaxLength);
        builder.Property(a => a.CreatedById).HasMaxLength(ImprovementAction.UserIdMaxLength);
        builder.Property(a => a.Version).IsConcurrencyToken();

        builder.HasOne<AppUser>().WithMany().HasForeignKey(a => a.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(a => a.CreatedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Department>().WithMany().HasForeignKey(a => a.ResponsibleDepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.FeedbackLinks).WithOne().HasForeignKey(l => l.ImprovementActionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.UpstreamChanges).WithOne().HasForeignKey(c => c.ImprovementActionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.FeedbackLinks).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(a => a.UpstreamChanges).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(a => a.IsDone);

        // Board and list by phase; work lists by owner; overdue reminders by phase and due date.
        builder.HasIndex(a => new { a.Phase, a.DueDate });
        builder.HasIndex(a => new { a.OwnerId, a.Phase });
        builder.HasIndex(a => a.CreatedAtUtc);
    }
}

internal sealed class ActionFeedbackLinkConfiguration : IEntityTypeConfiguration<ActionFeedbackLink>
{
    public void Configure(EntityTypeBuilder<ActionFeedbackLink> builder)
    {
        builder.HasOne<FeedbackItem>().WithMany().HasForeignKey(l => l.FeedbackId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => new { l.ImprovementActionId, l.FeedbackId }).IsUnique();
        builder.HasIndex(l => l.FeedbackId);
    }
}

internal sealed class UpstreamChangeConfiguration : IEntityTypeConfiguration<UpstreamChange>
{
    public void Configure(EntityTypeBuilder<UpstreamChange> builder)
    {
        builder.Property(c => c.Note).HasMaxLength(UpstreamChange.NoteMaxLength);
        builder.Property(c => c.RecordedById).HasMaxLength(ImprovementAction.UserIdMaxLength);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(c => c.RecordedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Lesson>().WithMany().HasForeignKey(c => c.LessonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<GateDefinition>().WithMany().HasForeignKey(c => c.GateDefinitionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CapabilityEnvelope>().WithMany().HasForeignKey(c => c.EnvelopeId).OnDelete(DeleteBehavior.Restrict);

        // Lesson, gate and envelope pages show the action that caused them.
        builder.HasIndex(c => c.LessonId);
        builder.HasIndex(c => new { c.GateDefinitionId, c.ChecklistVersion });
        builder.HasIndex(c => c.EnvelopeId);
    }
}
