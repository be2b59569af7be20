namespace QualityGates.Domain.Improvement;

/// <summary>An improvement action's phase; it moves one step at a time, in this order.</summary>
public enum PdcaPhase
{
    Plan,
    Do,
    Check,
    Act,
    Done,
}

/// <summary>What an action's Act step changed upstream, where the next promise is made or judged.</summary>
public enum UpstreamChangeKind
{
    /// <summary>A lesson learned, shown where promises of its category are made and reviewed.</summary>
    Lesson,

    /// <summary>A new checkpoint on a gate definition: a new checklist version.</summary>
    GateCheckpoint,

    /// <summary>A capability envelope changed (narrowed, widened, deactivated).</summary>
    CapabilityEnvelope,
}
