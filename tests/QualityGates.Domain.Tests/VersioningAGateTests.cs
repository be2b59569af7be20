using QualityGates.Domain.Gates;

namespace QualityGates.Domain.Tests;

public sealed class VersioningAGateTests
{
    private readonly GateBuilder _g = new();

    [Fact]
    public void A_checklist_change_makes_a_new_version_and_a_running_review_keeps_its_checklist()
    {
        var running = _g.OpenReview();

        _g.Gate.ChangeChecklist([3], [new CheckpointSpec(new LocalizedText("Lessons for this category read"), true, [])]);
        GateBuilder.AssignIds(_g.Gate.Checkpoints, 4);

        Assert.Equal(2, _g.Gate.ChecklistVersion);
        Assert.Equal([1, 2, 3], _g.Checklist(running).Checkpoints.Select(c => c.Id));
        Assert.Equal([1, 2, 4], _g.Gate.CurrentChecklist.Select(c => c.Id));
    }

    [Fact]
    public void A_checkpoint_for_some_categories_applies_only_to_them()
    {
        _g.Gate.ChangeChecklist([], [new CheckpointSpec(new LocalizedText("Spare parts on stock"), true, [4])]);

        Assert.Contains(_g.Gate.ChecklistFor(2, 4), c => c.Text.English == "Spare parts on stock");
        Assert.DoesNotContain(_g.Gate.ChecklistFor(2, 1), c => c.Text.English == "Spare parts on stock");
    }

    [Fact]
    public void A_new_version_keeps_both_languages_of_the_checkpoints_it_keeps_and_adds()
    {
        _g.Gate.TranslateCheckpoints(new Dictionary<int, string?> { [1] = "Messbares Ziel festgelegt" });

        _g.Gate.ChangeChecklist([3], [new CheckpointSpec(new LocalizedText("Spare parts on stock", "Ersatzteile am Lager"), true, [])]);

        Assert.Equal(
            [new LocalizedText("Measurable target defined", "Messbares Ziel festgelegt"), new LocalizedText("Capacity and skills available"),
             new LocalizedText("Spare parts on stock", "Ersatzteile am Lager")],
            _g.Gate.CurrentChecklist.Select(c => c.Text));
    }

    [Fact]
    public void A_translation_of_checkpoints_makes_no_new_version()
    {
        var running = _g.OpenReview();

        _g.Gate.TranslateCheckpoints(new Dictionary<int, string?> { [2] = "Kapazität und Können vorhanden", [3] = " " });

        Assert.Equal(1, _g.Gate.ChecklistVersion);
        Assert.Equal("Kapazität und Können vorhanden", _g.Checklist(running).Checkpoints.Single(c => c.Id == 2).Text.In(LocalizedText.GermanLanguage));
        Assert.Null(_g.Gate.Checkpoints.Single(c => c.Id == 3).Text.German);
    }

    [Fact]
    public void Only_checkpoints_of_the_current_checklist_are_translated()
    {
        _g.Gate.ChangeChecklist([3], [new CheckpointSpec(new LocalizedText("Spare parts on stock"), true, [])]);

        var error = Assert.Throws<DomainException>(() => _g.Gate.TranslateCheckpoints(new Dictionary<int, string?> { [3] = "Verlauf ähnlicher Versprechen geprüft" }));

        Assert.Equal("TranslatedCheckpointNotInChecklist", error.Code);
    }

    [Fact]
    public void A_gate_keeps_at_least_one_checkpoint()
    {
        var error = Assert.Throws<DomainException>(() => _g.Gate.ChangeChecklist([1, 2, 3], []));

        Assert.Equal("ChecklistEmpty", error.Code);
        Assert.Equal(1, _g.Gate.ChecklistVersion);
    }
}
