namespace QualityGates.Web.Authorization;

public static class Policies
{
    public const string Administration = nameof(Administration);

    /// <summary>Create promises for one's own (promising) department.</summary>
    public const string MakePromises = nameof(MakePromises);

    public const string ManageCustomers = nameof(ManageCustomers);

    /// <summary>Define capability envelopes for one's own (delivering) department.</summary>
    public const string DefineEnvelopes = nameof(DefineEnvelopes);

    /// <summary>Export the register and dashboard tables: everyone but sales reps (managers their own department's data).</summary>
    public const string Export = nameof(Export);
}
