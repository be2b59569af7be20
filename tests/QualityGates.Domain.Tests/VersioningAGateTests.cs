using QualityGates.Domain.Gates;

namespace QualityGates.Domain.Tests;

public sealed class VersioningAGateTests
{
    private readonly GateBuilder _g = new();

    [Fact]
    public void A_checklist_change_makes_a_new_version_and_a_running_review_keeps_its_checklist()
    {
        var running = _g.OpenReview();

        _g.Gate.ChangeChecklist([3], [new CheckpointSpec("Lessons for this category read", true, [])]);
        GateBuilder.AssignIds(_g.Gate.Checkpoints, 4);

        Assert.Equal(2, _g.Gate.ChecklistVersion);
        Assert.Equal([1, 2, 3], _g.Checklist(running).Checkpoints.Select(c => c.Id));
        Assert.Equal([1, 2, 4], _g.Gate.CurrentChecklist.Select(c => c.Id));
    }

    [Fact]
    public void A_checkpoint_for_some_categories_applies_only_to_them()
    {
        _g.Gate.ChangeChecklist([], [new CheckpointSpec("Spare parts on stock", true, [4])]);

        Assert.Contains(_g.Gate.ChecklistFor(2, 4), c => c.Text == "Spare parts on stock");
        Assert.DoesNotContain(_g.Gate.ChecklistFor(2, 1), c => c.Text == "Spare parts on stock");
    }

    [Fact]
    public void A_gate_keeps_at_least_one_checkpoint()
    {
        var error = Assert.Throws<DomainException>(() => _g.Gate.ChangeChecklist([1, 2, 3], []));

        Assert.Equal("ChecklistEmpty", error.Code);
        Assert.Equal(1, _g.Gate.ChecklistVersion);
    }
}
