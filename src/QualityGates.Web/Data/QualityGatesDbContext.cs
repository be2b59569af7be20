using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using QualityGates.Domain;
using QualityGates.Domain.Customers;
using QualityGates.Domain.Departments;
using QualityGates.Domain.Envelopes;
using QualityGates.Domain.Feedback;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Improvement;
using QualityGates.Domain.Lessons;
using QualityGates.Domain.Promises;
using QualityGates.Web.Data.Auditing;
using QualityGates.Web.Data.Summaries;
using QualityGates.Web.Data.Upgrades;
using QualityGates.Web.Imports;
using QualityGates.Web.Notifications;
using QualityGates.Web.Webhooks;

namespace QualityGates.Web.Data;

/// <summary>
/// The provider-neutral context. Each provider derives its own (see <see cref="DatabaseProvider"/>)
/// so that each has its own migrations. Every save writes its audit trail in the same transaction.
/// </summary>
public abstract class QualityGatesDbContext(DbContextOptions options, AuditContext auditContext)
    : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    // The summary counts of this transaction's saves, written when it commits (SummaryCommit).
    private readonly SummaryDelta _uncommittedSummaries = new();

    public DbSet<Department> Departments => Set<Department>();

    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<PromiseCategory> PromiseCategories => Set<PromiseCategory>();

    public DbSet<Promise> Promises => Set<Promise>();

    public DbSet<PromiseLink> PromiseLinks => Set<PromiseLink>();

    public DbSet<CapabilityEnvelope> CapabilityEnvelopes => Set<CapabilityEnvelope>();

    public DbSet<NumberSequence> NumberSequences => Set<NumberSequence>();

    public DbSet<PromiseRevision> PromiseRevisions => Set<PromiseRevision>();

    public DbSet<GateDefinition> GateDefinitions => Set<GateDefinition>();

    public DbSet<GateReview> GateReviews => Set<GateReview>();

    public DbSet<FeedbackItem> Feedback => Set<FeedbackItem>();

    public DbSet<ImprovementAction> ImprovementActions => Set<ImprovementAction>();

    /// <summary>The feedback each action was opened from (part of the action; here for queries).</summary>
    public DbSet<ActionFeedbackLink> ActionFeedbackLinks => Set<ActionFeedbackLink>();

    /// <summary>What each action's Act step changed (part of the action; here for queries).</summary>
    public DbSet<UpstreamChange> UpstreamChanges => Set<UpstreamChange>();

    public DbSet<Lesson> Lessons => Set<Lesson>();

    /// <summary>Uploaded files of promises between their preview and their import (docs/import.md).</summary>
    public DbSet<PromiseImport> PromiseImports => Set<PromiseImport>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>E-mails waiting or sent; written with the change they report (see <see cref="Notifier"/>).</summary>
    public DbSet<NotificationMessage> NotificationMessages => Set<NotificationMessage>();

    /// <summary>Receivers registered by administrators (ADR 0029).</summary>
    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();

    /// <summary>Webhook events waiting for or sent to their endpoints; written with the change they report (see <see cref="WebhookEvents"/>).</summary>
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    /// <summary>The one-time data upgrades that have run (ADR 0023).</summary>
    public DbSet<DataUpgrade> DataUpgrades => Set<DataUpgrade>();

    /// <summary>Keys to the REST API, stored as hashes (see <see cref="Api.Tokens.AccessTokenText"/>).</summary>
    public DbSet<Api.Tokens.PersonalAccessToken> PersonalAccessTokens => Set<Api.Tokens.PersonalAccessToken>();

    /// <summary>Append-only: written by SaveChanges, never changed or deleted through the context.</summary>
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    // Summaries (ADR 0021): read by the dashboard and the lists, written only by SaveChanges and SummaryRebuild.

    public DbSet<PromiseMonthFigures> PromiseMonthFigures => Set<PromiseMonthFigures>();

    public DbSet<CustomerMonthFigures> CustomerMonthFigures => Set<CustomerMonthFigures>();

    public DbSet<DecisionMonthFigures> DecisionMonthFigures => Set<DecisionMonthFigures>();

    public DbSet<DurationHistogram> DurationHistograms => Set<DurationHistogram>();

    public DbSet<HandoverPairMonthFigures> HandoverPairMonthFigures => Set<HandoverPairMonthFigures>();

    public DbSet<BreakMonthFigures> BreakMonthFigures => Set<BreakMonthFigures>();

    public DbSet<PromiseCounts> PromiseCounts => Set<PromiseCounts>();

    public DbSet<ActionMonthFigures> ActionMonthFigures => Set<ActionMonthFigures>();

    public DbSet<OpenReviewCounts> OpenReviewCounts => Set<OpenReviewCounts>();

    public DbSet<OwnerDecisionDays> OwnerDecisionDays => Set<OwnerDecisionDays>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var (audit, summaries, conditionsOf) = PrepareSave();
        if (!audit.NeedsDatabaseKeys && !OutboxWaitsForDatabaseKeys() && summaries.IsEmpty && conditionsOf.Count == 0)
        {
            // One SaveChanges, which a retrying execution strategy may replay as a unit (ADR 0015).
            AuditEntries.AddRange(AuditEntriesOf(audit));
            return SaveAndDetachAuditEntries(acceptAllChangesOnSuccess);
        }

        // See SaveChangesAsync.
        return Database.ExecuteOnce(() =>
        {
            using var transaction = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
            var saved = base.SaveChanges(acceptAllChangesOnSuccess: true);
            _uncommittedSummaries.Add(summaries);
            OpenConditionDates.Write(this, conditionsOf);
            FillInOutboxDatabaseKeys();
            saved += AuditTrailWriter.Write(this, AuditEntriesOf(audit));
            saved += SaveAndDetachAuditEntries(acceptAllChangesOnSuccess);
            transaction?.Commit();
            return saved;
        });
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var (audit, summaries, conditionsOf) = PrepareSave();
        if (!audit.NeedsDatabaseKeys && !OutboxWaitsForDatabaseKeys() && summaries.IsEmpty && conditionsOf.Count == 0)
        {
            // One SaveChanges, which a retrying execution strategy may replay as a unit (ADR 0015).
            AuditEntries.AddRange(AuditEntriesOf(audit));
            return await SaveAndDetachAuditEntriesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        // New records get their ids from the database (identity columns), and their audit entries (and the links
        // of notifications and the payloads of webhooks about them) must name them; summaries move with the records
        // they count: insert the records, then the entries, in one transaction (the caller's, if one is open), whose
        // commit writes the summaries (SummaryCommit). The entries go in with multi-row inserts (AuditTrailWriter):
        // an import writes hundreds of thousands. If a later insert fails, everything rolls back, but the records
        // already count as saved in this context: a failed save leaves the context unusable, as the request that owns
        // it ends with an error anyway.
        // For the same reason a retrying execution strategy must not replay it: it runs at most once (ADR 0015).
        return await Database.ExecuteOnceAsync(async () =>
        {
            await using var transaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess: true, cancellationToken);
            _uncommittedSummaries.Add(summaries);
            await OpenConditionDates.WriteAsync(this, conditionsOf, cancellationToken);
            FillInOutboxDatabaseKeys();
            saved += await AuditTrailWriter.WriteAsync(this, AuditEntriesOf(audit), cancellationToken);
            saved += await SaveAndDetachAuditEntriesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }

            return saved;
        });
    }

    internal void WriteUncommittedSummaries()
    {
        _uncommittedSummaries.Write(this);
        _uncommittedSummaries.Clear();
    }

    internal async Task WriteUncommittedSummariesAsync(CancellationToken cancellationToken)
    {
        await _uncommittedSummaries.WriteAsync(this, cancellationToken);
        _uncommittedSummaries.Clear();
    }

    internal void DiscardUncommittedSummaries() => _uncommittedSummaries.Clear();

    // Here rather than at registration: every context, also of the tools and design-time factories, keeps its summaries.
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.AddInterceptors(SummaryCommit.Instance, LocalizedTextQueries.Instance);

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
        StoreAsString<CommitChannel>(configurationBuilder);
        StoreAsString<OutcomeKind>(configurationBuilder);
        StoreAsString<BreachCause>(configurationBuilder);
        StoreAsString<RevisionReason>(configurationBuilder);
        StoreAsString<GateStage>(configurationBuilder);
        StoreAsString<GateDecider>(configurationBuilder);
        StoreAsString<CheckpointAnswer>(configurationBuilder);
        StoreAsString<GateDecision>(configurationBuilder);
        StoreAsString<GateReviewState>(configurationBuilder);
        StoreAsString<FeedbackType>(configurationBuilder);
        StoreAsString<FeedbackSeverity>(configurationBuilder);
        StoreAsString<FeedbackStatus>(configurationBuilder);
        StoreAsString<PdcaPhase>(configurationBuilder);
        StoreAsString<UpstreamChangeKind>(configurationBuilder);
        StoreAsString<NotificationKind>(configurationBuilder);
        StoreAsString<NotificationState>(configurationBuilder);
        StoreAsString<WebhookEvent>(configurationBuilder);
        StoreAsString<SummarySlice>(configurationBuilder);
        StoreAsString<DurationKind>(configurationBuilder);
        StoreAsString<RiskLevel>(configurationBuilder);
    }

    private static void StoreAsString<TEnum>(ModelConfigurationBuilder configurationBuilder)
        where TEnum : struct, Enum
    {
        configurationBuilder.Properties<TEnum>().HaveConversion<string>().HaveMaxLength(EnumMaxLength);
        configurationBuilder.Properties<TEnum?>().HaveConversion<string>().HaveMaxLength(EnumMaxLength);
    }

    private const int EnumMaxLength = 30;

    private (PendingAudit Audit, SummaryDelta Summaries, IReadOnlyList<int> ConditionsOf) PrepareSave()
    {
        ChangeTracker.DetectChanges();
        if (ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("The audit trail is append-only: its entries cannot be changed or deleted.");
        }

        BumpVersions();
        return (PendingAudit.Capture(this), SummaryChanges.Capture(this), OpenConditionDates.Capture(this));
    }

    private List<AuditEntry> AuditEntriesOf(PendingAudit audit) =>
        audit.ToEntries(auditContext.Actor, auditContext.UtcNow, auditContext.Reason);

    // Saved entries are not read back through this context; after a failed save, the next attempt captures anew.
    private int SaveAndDetachAuditEntries(bool acceptAllChangesOnSuccess)
    {
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            DetachAuditEntries();
        }
    }

    private async Task<int> SaveAndDetachAuditEntriesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            DetachAuditEntries();
        }
    }

    private void DetachAuditEntries()
    {
        foreach (var entry in ChangeTracker.Entries<AuditEntry>().Where(e => e.State != EntityState.Detached).ToList())
        {
            entry.State = EntityState.Detached;
        }
    }

    private bool OutboxWaitsForDatabaseKeys() =>
        ChangeTracker.Entries<OutboxItem>().Any(e => e.State == EntityState.Added && e.Entity.WaitsForDatabaseKeys);

    // Outbox rows (an e-mail's link, a webhook's payload) inserted before the records they name had ids; the second save fills them in.
    private void FillInOutboxDatabaseKeys()
    {
        foreach (var entry in ChangeTracker.Entries<OutboxItem>().Where(e => e.Entity.WaitsForDatabaseKeys).ToList())
        {
            entry.Entity.FillInDatabaseKeys();
        }
    }

    // The same optimistic concurrency on every provider: SQLite has no row version of its own.
    private void BumpVersions()
    {
        // A promise's links are part of it: two links answering at once must conflict on the promise, or neither of them
        // would see the other's answer and the last Go would not approve it.
        foreach (var link in ChangeTracker.Entries<PromiseLink>().Where(e => e.State is EntityState.Modified or EntityState.Deleted).ToList())
        {
            if (Promises.Local.FirstOrDefault(p => p.Id == link.Entity.PromiseId) is { } promise && Entry(promise).State == EntityState.Unchanged)
            {
                Entry(promise).Property(p => p.Version).IsModified = true;
            }
        }

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
