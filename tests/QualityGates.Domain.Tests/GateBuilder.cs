using System.Reflection;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;

namespace QualityGates.Domain.Tests;

/// <summary>G1 as seeded, with ids as the database would give them, and a promise under review.</summary>
public sealed class GateBuilder
{
    public const int DeliveringDepartmentId = 6;
    public const string ManagerId = "manager-id";

    public GateDefinition Gate { get; } = GateDefinition.Define("G1", new LocalizedText("Feasibility"), 1, GateStage.Feasibility, GateDecider.DeliveringDepartment, null);

    public Promise Promise { get; } = new PromiseBuilder().Build();

    public GateBuilder()
    {
        Gate.AddInitialCheckpoint(new LocalizedText("Measurable target defined"), isMandatory: true);
        Gate.AddInitialCheckpoint(new LocalizedText("Capacity and skills available"), isMandatory: true);
        Gate.AddInitialCheckpoint(new LocalizedText("History of similar promises checked"), isMandatory: false);
        AssignIds(Gate.Checkpoints, 1);
        SetId(Promise, 42);
        Promise.Submit(PromiseBuilder.Now, "owner-id");
    }

    public GateReview OpenReview()
    {
        var review = GateReview.OpenFeasibility(Promise, Gate, PromiseBuilder.Now);
        return review;
    }

    public GateChecklist Checklist(GateReview review) => GateChecklist.Of(Gate, review, Promise);

    public Dictionary<int, AnswerInput> AllMet() =>
        Gate.CurrentChecklist.ToDictionary(c => c.Id, _ => new AnswerInput(CheckpointAnswer.Met, null));

    public static ReviewDecisionInput Decision(
        GateDecision decision, IReadOnlyDictionary<int, AnswerInput> answers, string? reason = null, DateOnly? reReview = null,
        IReadOnlyList<ConditionInput>? conditions = null, string decider = ManagerId, int department = DeliveringDepartmentId) =>
        new(decision, decider, department, answers, reason, reReview, conditions ?? []);

    /// <summary>The database assigns ids; in memory the tests do, so answers can name checkpoints.</summary>
    public static void AssignIds(IEnumerable<GateCheckpoint> checkpoints, int first)
    {
        foreach (var checkpoint in checkpoints.Where(c => c.Id == 0))
        {
            SetId(checkpoint, first++);
        }
    }

    private static void SetId(object entity, int id) =>
        entity.GetType().GetProperty("Id", BindingFlags.Public | BindingFlags.Instance)!.SetValue(entity, id);
}
