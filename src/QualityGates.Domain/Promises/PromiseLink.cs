using QualityGates.Domain.Gates;

namespace QualityGates.Domain.Promises;

/// <summary>
/// One delivering department along a promise's value chain, with its part ("build", "install", "operate"). The first
/// link receives the promise from the promising side (G2); each link then hands it over to the next.
/// </summary>
public sealed class PromiseLink
{
    public const int PartMaxLength = 100;

    /// <summary>Production, Projects, Service …: more would be a project plan, not a promise.</summary>
    public const int MaxLinks = 6;

    private PromiseLink()
    {
    }

    internal PromiseLink(int position, LinkDetails details)
    {
        Position = position;
        DepartmentId = details.DepartmentId;
        Part = string.IsNullOrWhiteSpace(details.Part) ? null : details.Part.Trim();
        ReceiveBy = position == 1 ? null : details.ReceiveBy;
    }

    public int Id { get; private set; }

    public int PromiseId { get; private set; }

    /// <summary>1 for the first delivering department, in the order the promise passes them.</summary>
    public int Position { get; private set; }

    public int DepartmentId { get; private set; }

    public string? Part { get; private set; }

    /// <summary>The day the previous link should have handed the promise over; the first link receives it at commitment.</summary>
    public DateOnly? ReceiveBy { get; private set; }

    /// <summary>How this link answered the feasibility gate on the current revision; null while it has not (or was asked again).</summary>
    public GateDecision? FeasibilityDecision { get; private set; }

    /// <summary>When this link accepted the promise's handover; null until it holds the promise.</summary>
    public DateTime? ReceivedAtUtc { get; private set; }

    /// <summary>When the next link accepted the promise from this one; with <see cref="ReceivedAtUtc"/> the time this link held it.</summary>
    public DateTime? HandedOnAtUtc { get; private set; }

    public bool SaysYes => FeasibilityDecision is GateDecision.Go or GateDecision.ConditionalGo;

    internal bool IsSameAs(LinkDetails details) =>
        details.DepartmentId == DepartmentId
        && string.Equals(string.IsNullOrWhiteSpace(details.Part) ? null : details.Part.Trim(), Part, StringComparison.Ordinal)
        && (Position == 1 || details.ReceiveBy == ReceiveBy);

    /// <summary>A revision put another department or part at this position: what this link said or received no longer stands.</summary>
    internal void Become(PromiseLink other)
    {
        DepartmentId = other.DepartmentId;
        Part = other.Part;
        ReceiveBy = other.ReceiveBy;
        FeasibilityDecision = null;
        ForgetReceipt();
    }

    internal void NoteFeasibility(GateDecision? decision) => FeasibilityDecision = decision;

    internal void Receive(DateTime nowUtc) => ReceivedAtUtc = nowUtc;

    internal void HandOn(DateTime nowUtc) => HandedOnAtUtc = nowUtc;

    internal void ForgetReceipt()
    {
        ReceivedAtUtc = null;
        HandedOnAtUtc = null;
    }
}

/// <summary>A link as the promising side writes it.</summary>
public sealed record LinkDetails(int DepartmentId, string? Part = null, DateOnly? ReceiveBy = null);
