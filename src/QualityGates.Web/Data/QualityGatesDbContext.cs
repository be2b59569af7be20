using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using QualityGates.Domain;
using QualityGates.Domain.Customers;
using QualityGates.Domain.Departments;
using QualityGates.Domain.Envelopes;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;

namespace QualityGates.Web.Data;

/// <summary>
/// The provider-neutral context. Each provider derives its own (see <see cref="DatabaseProvider"/>)
/// so that each has its own migrations.
/// </summary>
public abstract class QualityGatesDbContext(DbContextOptions options)
    : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<Department> Departments => Set<Department>();

    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<PromiseCategory> PromiseCategories => Set<PromiseCategory>();

    public DbSet<Promise> Promises => Set<Promise>();

    public DbSet<CapabilityEnvelope> CapabilityEnvelopes => Set<CapabilityEnvelope>();

    public DbSet<NumberSequence> NumberSequences => Set<NumberSequence>();

    public DbSet<GateDefinition> GateDefinitions => Set<GateDefinition>();

    public DbSet<GateReview> GateReviews => Set<GateReview>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(QualityGatesDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every provider reads timestamps back as UTC; SQLite would otherwise say "Unspecified".
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
        StoreAsString<DepartmentKind>(configurationBuilder);
        StoreAsString<PromiseStatus>(configurationBuilder);
        StoreAsString<PromiseSource>(configurationBuilder);
        StoreAsString<TargetComparator>(configurationBuilder);
        StoreAsString<GateStage>(configurationBuilder);
        StoreAsString<GateDecider>(configurationBuilder);
        StoreAsString<CheckpointAnswer>(configurationBuilder);
        StoreAsString<GateDecision>(configurationBuilder);
        StoreAsString<GateReviewState>(configurationBuilder);
    }

    private static void StoreAsString<TEnum>(ModelConfigurationBuilder configurationBuilder)
        where TEnum : struct, Enum
    {
        configurationBuilder.Properties<TEnum>().HaveConversion<string>().HaveMaxLength(EnumMaxLength);
        configurationBuilder.Properties<TEnum?>().HaveConversion<string>().HaveMaxLength(EnumMaxLength);
    }

    private const int EnumMaxLength = 30;

    // The same optimistic concurrency on every provider: SQLite has no row version of its own.
    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Modified)
            {
                var version = entry.Property(e => e.Version);
                version.CurrentValue = version.OriginalValue + 1;
            }
        }
    }
}
