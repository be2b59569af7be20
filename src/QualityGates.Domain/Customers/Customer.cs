namespace QualityGates.Domain.Customers;

public sealed class Customer
{
    public const int NameMaxLength = 200;
    public const int AccountNumberMaxLength = 40;

    public Customer(string name, string? accountNumber, DateTime createdAtUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
        AccountNumber = string.IsNullOrWhiteSpace(accountNumber) ? null : accountNumber.Trim();
        CreatedAtUtc = createdAtUtc;
    }

    public int Id { get; private set; }

    public string Name { get; private set; }

    /// <summary>The customer's number in the CRM or ERP, if the company has one.</summary>
    public string? AccountNumber { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }
}
