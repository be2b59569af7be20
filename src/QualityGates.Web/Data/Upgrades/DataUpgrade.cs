namespace QualityGates.Web.Data.Upgrades;

/// <summary>A one-time data upgrade that has run on this database (ADR 0023): its name and when it finished.</summary>
public sealed class DataUpgrade
{
    public const int NameMaxLength = 100;

    private DataUpgrade()
    {
        Name = "";
    }

    public DataUpgrade(string name, DateTime completedAtUtc)
    {
        Name = name;
        CompletedAtUtc = completedAtUtc;
    }

    public string Name { get; private set; }

    public DateTime CompletedAtUtc { get; private set; }
}
