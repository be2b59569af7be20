using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QualityGates.Domain.Customers;

namespace QualityGates.Web.Data.Configurations;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(Customer.NameMaxLength);
        builder.Property(c => c.AccountNumber).HasMaxLength(Customer.AccountNumberMaxLength);
        builder.HasIndex(c => c.Name).IsUnique();
        builder.HasIndex(c => c.AccountNumber).IsUnique();
    }
}
