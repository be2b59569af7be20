namespace QualityGates.Domain.Improvement;

/// <summary>
/// What an improvement action plans: the effectiveness check (what will be measured, by when) is part of
/// the plan, set before the work starts and not after the fact.
/// </summary>
public sealed record ActionPlan(
    string Title,
    string RootCause,
    string OwnerId,
    int ResponsibleDepartmentId,
    DateOnly DueDate,
    string EffectivenessMeasure,
    DateOnly EffectivenessCheckDate);
