namespace QualityGates.Domain.Promises;

public enum OutcomeKind
{
    Kept,
    Broken,
}

/// <summary>Why a promise was broken: points to the department and gate to improve.</summary>
public enum BreachCause
{
    UnrealisticAtGate,
    LostAtHandover,
    ChangedByCustomer,
    Execution,
}

/// <summary>PRODUCT.md's traffic light (VDA maturity-level meaning) for open promises.</summary>
public enum TrafficLight
{
    Green,
    Yellow,
    Red,
}
