using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QualityGates.Domain.Departments;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;

namespace QualityGates.Web.Data.Configurations;

internal sealed class GateReviewConfiguration : IEntityTypeConfiguration<GateReview>
{
    public void Configure(EntityTypeBuilder<GateReview> builder)
    {
        builder.Property(r => r.GateCode).HasMaxLength(GateDefinition.CodeMaxLength);
        builder.Property(r => r.PromiseOwnerId).HasMaxLength(Promise.OwnerIdMaxLength);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasOne<Promise>().WithMany().HasForeignKey(r => r.PromiseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<GateDefinition>().WithMany().HasForeignKey(r => r.GateDefinitionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Department>().WithMany().HasForeignKey(r => r.DecidingDepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Answers).WithOne().HasForeignKey("GateReviewId").OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Decisions).WithOne().HasForeignKey("GateReviewId").OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Conditions).WithOne().HasForeignKey("GateReviewId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Answers).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(r => r.Decisions).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(r => r.Conditions).UsePropertyAccessMode(PropertyAccessMode.Field);

        // Work lists: the reviews waiting for a deciding department, oldest first; a promise's reviews.
        builder.HasIndex(r => new { r.DecidingDepartmentId, r.OpenedAtUtc }).HasDatabaseName("IX_GateReviews_Waiting")
            .HasFilter("\"State\" IN ('Open', 'OnHold')");
        builder.HasIndex(r => r.OpenedAtUtc).HasDatabaseName("IX_GateReviews_Waiting_OpenedAtUtc")
            .HasFilter("\"State\" IN ('Open', 'OnHold')");
        builder.HasIndex(r => new { r.PromiseId, r.Stage });
        // Handovers returned, waiting to be handed over again (the digest): few at any time. Keyed by what the query
        // compares, so that SQLite prefers it to the index on Stage.
        builder.HasIndex(r => new { r.State, r.Stage }, "IX_GateReviews_Returned").HasFilter("\"State\" = 'Returned'");

        // The dashboard's gate figures: decisions of a stage in a period.
        builder.HasIndex(r => new { r.Stage, r.DecidedAtUtc });
    }
}

internal sealed class ReviewAnswerConfiguration : IEntityTypeConfiguration<ReviewAnswer>
{
    public void Configure(EntityTypeBuilder<ReviewAnswer> builder)
    {
        builder.Property(a => a.Note).HasMaxLength(GateReview.NoteMaxLength);
        builder.HasOne<GateCheckpoint>().WithMany().HasForeignKey(a => a.CheckpointId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReviewDecisionConfiguration : IEntityTypeConfiguration<ReviewDecision>
{
    public void Configure(EntityTypeBuilder<ReviewDecision> builder)
    {
        builder.Property(d => d.Reason).HasMaxLength(GateReview.ReasonMaxLength);
        builder.Property(d => d.DeciderId).HasMaxLength(Promise.OwnerIdMaxLength);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(d => d.DeciderId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(d => d.ByEnvelope);
        // Decisions of the last days on a user's promises: their work count on every page.
        builder.HasIndex(d => d.DecidedAtUtc);
    }
}

internal sealed class ReviewConditionConfiguration : IEntityTypeConfiguration<ReviewCondition>
{
    public void Configure(EntityTypeBuilder<ReviewCondition> builder)
    {
        builder.Property(c => c.Text).HasMaxLength(ReviewCondition.TextMaxLength);
        builder.Property(c => c.ResolutionNote).HasMaxLength(GateReview.NoteMaxLength);
        builder.Property(c => c.OwnerId).HasMaxLength(Promise.OwnerIdMaxLength);
        builder.Property(c => c.ResolvedById).HasMaxLength(Promise.OwnerIdMaxLength);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(c => c.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(c => c.ResolvedById).OnDelete(DeleteBehavior.Restrict);
        // Open conditions by due date, as a partial index: with an index led by ResolvedAtUtc, SQLite's statistics
        // (average rows per value) take "ResolvedAtUtc IS NULL" for a couple of rows and scan every open condition
        // once per promise in the register and the traffic lights (docs/benchmarks.md).
        builder.HasIndex(c => c.DueDate).HasDatabaseName("IX_ReviewCondition_Open_DueDate").HasFilter("\"ResolvedAtUtc\" IS NULL");
        // A user's open conditions falling due: their work count on every page.
        builder.HasIndex(c => new { c.OwnerId, c.DueDate }).HasDatabaseName("IX_ReviewCondition_Open_Owner").HasFilter("\"ResolvedAtUtc\" IS NULL");
        builder.Ignore(c => c.IsResolved);
    }
}
