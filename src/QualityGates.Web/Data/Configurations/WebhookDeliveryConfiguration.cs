using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QualityGates.Web.Notifications;
using QualityGates.Web.Webhooks;

namespace QualityGates.Web.Data.Configurations;

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.Property(d => d.Payload).HasMaxLength(WebhookDelivery.PayloadMaxLength);
        builder.Property(d => d.ClaimedBy).HasMaxLength(OutboxItem.ClaimedByMaxLength);
        builder.Property(d => d.LastError).HasMaxLength(OutboxItem.LastErrorMaxLength);
        // Deleting an endpoint deletes its log: the deliveries are plumbing, not audited.
        builder.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);

        // The dispatcher's query and retention's, as for e-mails; and an endpoint's log, newest first.
        builder.HasIndex(d => new { d.State, d.NextAttemptAtUtc });
        builder.HasIndex(d => new { d.EndpointId, d.Id });
        builder.HasIndex(d => d.DeliveryId).IsUnique();
    }
}
