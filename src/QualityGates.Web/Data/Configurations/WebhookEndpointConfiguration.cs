using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QualityGates.Web.Webhooks;

namespace QualityGates.Web.Data.Configurations;

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> builder)
    {
        builder.Property(e => e.Name).HasMaxLength(WebhookEndpoint.NameMaxLength);
        builder.Property(e => e.Url).HasMaxLength(WebhookEndpoint.UrlMaxLength);
        // A set of events by name ("PromiseSubmitted, GateDecided"): longer than a single enum value.
        builder.Property(e => e.Events).HasMaxLength(WebhookEndpoint.EventsMaxLength);
        builder.Property(e => e.ProtectedSecret).HasMaxLength(WebhookEndpoint.ProtectedSecretMaxLength);
        builder.Property(e => e.PreviousProtectedSecret).HasMaxLength(WebhookEndpoint.ProtectedSecretMaxLength);
        builder.Property(e => e.Version).IsConcurrencyToken();
    }
}
