using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QualityGates.Domain.Customers;
using QualityGates.Domain.Departments;
using QualityGates.Domain.Promises;

namespace QualityGates.Web.Data.Configurations;

internal sealed class PromiseConfiguration : IEntityTypeConfiguration<Promise>
{
    public void Configure(EntityTypeBuilder<Promise> builder)
    {
        builder.Property(p => p.Number).HasMaxLength(Promise.NumberMaxLength);
        builder.HasIndex(p => p.Number).IsUnique();
        builder.Property(p => p.Title).HasMaxLength(Promise.TitleMaxLength);
        builder.Property(p => p.Statement).HasMaxLength(Promise.StatementMaxLength);
        builder.Property(p => p.SourceReference).HasMaxLength(Promise.SourceReferenceMaxLength);
        builder.Property(p => p.WithdrawalReason).HasMaxLength(Promise.ReasonMaxLength);
        builder.Property(p => p.OwnerId).HasMaxLength(Promise.OwnerIdMaxLength);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Property(p => p.RiskReason).HasMaxLength(Promise.ReasonMaxLength);
        builder.Property(p => p.RiskMeasure).HasMaxLength(Promise.ReasonMaxLength);
        builder.Property(p => p.Evidence).HasMaxLength(Promise.EvidenceMaxLength);
        builder.Property(p => p.ActualValue).HasPrecision(18, 4);

        builder.ComplexProperty(p => p.Target, MeasurableTargetColumns.Configure);
        builder.ComplexProperty(p => p.FirstApprovedTarget, MeasurableTargetColumns.ConfigureFirstApproved);

        builder.HasOne<PromiseCategory>().WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(p => p.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Department>().WithMany().HasForeignKey(p => p.PromisingDepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Department>().WithMany().HasForeignKey(p => p.DeliveringDepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(p => p.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Department>().WithMany().HasForeignKey(p => p.HoldingDepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Department>().WithMany().HasForeignKey(p => p.BrokenAtDepartmentId).OnDelete(DeleteBehavior.Restrict);

        // The value chain belongs to the promise: every verb may need it, so it is loaded with every promise read whole.
        builder.HasMany(p => p.Links).WithOne().HasForeignKey(l => l.PromiseId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Links).UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
        builder.Ignore(p => p.CurrentLink);
        builder.Ignore(p => p.NextLink);
        builder.Ignore(p => p.LinksToAsk);

        // The register filters and sorts by these; My work reads a department's promises of a status by due date.
        // Also today's traffic lights: the open promises past their due date, read from the index alone.
        builder.HasIndex(p => new { p.Status, p.DueDate, p.PromisingDepartmentId, p.DeliveringDepartmentId, p.CategoryId, p.AtRisk });
        builder.HasIndex(p => new { p.PromisingDepartmentId, p.Status, p.DueDate });
        // With the risk flag, so that the traffic lights' count of overdue promises per department reads this index
        // alone: SQLite takes it to avoid sorting for the grouping, and without the flag it visited every row.
        builder.HasIndex(p => new { p.DeliveringDepartmentId, p.Status, p.DueDate, p.AtRisk });
        builder.HasIndex(p => p.DueDate);
        builder.HasIndex(p => p.Title);

        // A user's own work (drafts, risks on their promises): every page's navigation badge counts it.
        builder.HasIndex(p => new { p.OwnerId, p.Status });
        builder.HasIndex(p => new { p.OwnerId, p.AtRisk, p.Status });

        // The open promises with open conditions (traffic lights, conditions due on My work), from the index alone.
        builder.HasIndex(p => new { p.Status, p.OpenConditionsDueOn, p.PromisingDepartmentId, p.DeliveringDepartmentId, p.CategoryId, p.AtRisk, p.DueDate })
            .HasDatabaseName("IX_Promises_OpenConditions").HasFilter("\"OpenConditionsDueOn\" IS NOT NULL");

        // A department's promises at risk (the flag stays after the outcome), by status and due date.
        builder.HasIndex(p => new { p.PromisingDepartmentId, p.AtRisk, p.Status, p.DueDate });

        // The register's default order (newest first) within a status filter: read in index order, so a page deep
        // in the list skips rows instead of sorting all of them (docs/benchmarks.md).
        builder.HasIndex(p => new { p.Status, p.Id });

        // The dashboard (ADR 0017): figures over promises due in a period, per department, category or
        // customer, and over the open promises (traffic light, due soon).
        builder.HasIndex(p => new { p.DueDate, p.Status, p.PromisingDepartmentId, p.DeliveringDepartmentId, p.CategoryId });
        builder.HasIndex(p => new { p.CustomerId, p.DueDate });
        builder.HasIndex(p => new { p.CategoryId, p.DueDate });
        builder.HasIndex(p => new { p.PromisingDepartmentId, p.DueDate });
        builder.HasIndex(p => new { p.DeliveringDepartmentId, p.DueDate });

        // The import: what one upload brought in (its summary, the register filtered to it), and whether the register
        // holds a customer's promise of a source reference already.
        builder.HasIndex(p => p.ImportId);
        builder.HasIndex(p => new { p.SourceReference, p.CustomerId });

        // The weekly digest: the promises broken in a week.
        builder.HasIndex(p => new { p.Status, p.OutcomeDate });
    }
}

internal sealed class PromiseLinkConfiguration : IEntityTypeConfiguration<PromiseLink>
{
    public void Configure(EntityTypeBuilder<PromiseLink> builder)
    {
        builder.Property(l => l.Part).HasMaxLength(PromiseLink.PartMaxLength);
        builder.HasOne<Department>().WithMany().HasForeignKey(l => l.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => new { l.PromiseId, l.Position });

        // The promises a department takes part in along chains (the gate meeting, the digest).
        builder.HasIndex(l => new { l.DepartmentId, l.PromiseId });
        // What is still coming to a department (the digest): received links, the most of them, stay out.
        builder.HasIndex(l => new { l.DepartmentId, l.PromiseId }, "IX_PromiseLinks_NotReceived")
            .HasFilter("\"ReceivedAtUtc\" IS NULL");
        builder.Ignore(l => l.SaysYes);
    }
}
