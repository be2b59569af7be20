namespace QualityGates.Domain.Gates;

public enum GateStage
{
    Feasibility,
    Handover,
    Closure,
}

/// <summary>Who decides a gate: the promise's delivering department, or one named department (G3: AfterSales).</summary>
public enum GateDecider
{
    DeliveringDepartment,
    NamedDepartment,
}

public enum CheckpointAnswer
{
    Met,
    NotMet,
    NotApplicable,
}

/// <summary>Stage-Gate decisions.</summary>
public enum GateDecision
{
    Go,
    ConditionalGo,
    Recycle,
    NoGo,
    Hold,
}

public enum GateReviewState
{
    Open,
    OnHold,
    Decided,

    /// <summary>A handover the receiving side rejected: the promising side completes the missing items.</summary>
    Returned,

    /// <summary>The promise changed (a new revision): this review judged a text that no longer stands.</summary>
    Superseded,
}
