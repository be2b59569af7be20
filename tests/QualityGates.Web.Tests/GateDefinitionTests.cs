using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using QualityGates.Domain;
using QualityGates.Domain.Gates;
using QualityGates.Domain.Promises;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

public sealed class GateDefinitionTests(QualityGatesFactory factory) : IClassFixture<QualityGatesFactory>
{
    private async Task<TestClient> AdminAsync()
    {
        var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync("admin@demo.local");
        return client;
    }

    private Task<GateDefinition> GateAsync(string code) =>
        factory.WithDbAsync(db => db.GateDefinitions.AsNoTracking().Include(g => g.Checkpoints).SingleAsync(g => g.Code == code));

    [Fact]
    public async Task An_administrator_defines_a_gate_with_its_checklist()
    {
        using var admin = await AdminAsync();

        var response = await admin.SubmitAsync("/Admin/Gates/Create", new Dictionary<string, string>
        {
            ["Input.Code"] = "g4",
            ["Input.Name"] = "Warranty review",
            ["Input.Order"] = "4",
            ["Input.Stage"] = nameof(GateStage.Closure),
            ["Input.DeciderDepartmentId"] = await factory.DepartmentAsync("AfterSales"),
            ["Input.NewCheckpoints[0].Text"] = "Warranty claims checked",
            ["Input.NewCheckpoints[0].IsMandatory"] = "true",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var gate = await GateAsync("G4");
        Assert.Equal(GateDecider.NamedDepartment, gate.Decider);
        Assert.Equal(new LocalizedText("Warranty claims checked"), Assert.Single(gate.Checkpoints).Text);
    }

    [Fact]
    public async Task A_gate_without_checkpoints_or_with_a_taken_code_is_refused()
    {
        using var admin = await AdminAsync();

        var page = await TestClient.ParseAsync(await admin.SubmitAsync("/Admin/Gates/Create", new Dictionary<string, string>
        {
            ["Input.Code"] = "G1",
            ["Input.Name"] = "Second feasibility",
            ["Input.Order"] = "5",
            ["Input.Stage"] = nameof(GateStage.Feasibility),
        }));

        Assert.Equal(Texts.English("Gates.CodeTaken"), page.FieldError("Input.Code"));
        Assert.Equal(Texts.English("Error.ChecklistEmpty"), page.FieldError("Input.NewCheckpoints"));
        Assert.Equal("Second feasibility", page.InputValue("Input.Name"));
    }

    [Fact]
    public async Task A_checklist_change_is_a_new_version_and_a_running_review_keeps_its_checklist()
    {
        // A review opened before the change …
        using var sales = factory.CreateTestClient();
        await sales.SignInSuccessfullyAsync("sales@demo.local");
        var created = await sales.SubmitAsync("/Promises/Create", new Dictionary<string, string>
        {
            ["Input.Title"] = "Runs through a checklist change",
            ["Input.Statement"] = "Answer in four hours.",
            ["Input.CategoryId"] = await factory.CategoryAsync("Response time"),
            ["Input.CustomerId"] = await factory.FirstCustomerAsync(),
            ["Input.DeliveringDepartmentId"] = await factory.DepartmentAsync("Service"),
            ["Input.Source"] = nameof(PromiseSource.Offer),
            ["Input.TargetMetric"] = "First response",
            ["Input.TargetComparator"] = nameof(TargetComparator.AtMost),
            ["Input.TargetValue"] = "2",
            ["Input.TargetUnit"] = "h",
            ["Input.DueDate"] = factory.FormDate(60),
        });
        var details = created.Headers.Location!.PathAndQuery();
        await sales.SubmitAsync(details, new Dictionary<string, string>(), "form[action*='handler=Submit']");
        var promiseId = int.Parse(details.Split('/').Last(), CultureInfo.InvariantCulture);
        var reviewId = await factory.WithDbAsync(db => db.GateReviews.Where(r => r.PromiseId == promiseId).Select(r => r.Id).SingleAsync());

        // … then the administrator removes "Cost covered" and adds a checkpoint.
        var g1 = await GateAsync("G1");
        var cost = g1.Checkpoints.Single(c => c.Text.English == "Cost covered");
        using var admin = await AdminAsync();
        var changed = await admin.SubmitAsync($"/Admin/Gates/Edit/{g1.Id}", new Dictionary<string, string>
        {
            ["Input.RetiredCheckpointIds"] = cost.Id.ToString(CultureInfo.InvariantCulture),
            ["Input.NewCheckpoints[0].Text"] = "Lessons of this category read",
            ["Input.NewCheckpoints[0].IsMandatory"] = "true",
        }, "form[action*='handler=Checklist']");

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var after = await GateAsync("G1");
        Assert.Equal(g1.ChecklistVersion + 1, after.ChecklistVersion);
        Assert.DoesNotContain(after.CurrentChecklist, c => c.Text.English == "Cost covered");
        using var manager = factory.CreateTestClient();
        await manager.SignInSuccessfullyAsync("service.manager@demo.local");
        var running = await manager.GetPageAsync($"/Reviews/Details/{reviewId}");
        Assert.Contains("Cost covered", running.QuerySelector("form[action*='handler=Decide'] tbody")!.TextContent);
        Assert.DoesNotContain("Lessons of this category read", running.QuerySelector("form[action*='handler=Decide'] tbody")!.TextContent);
    }

    [Fact]
    public async Task A_stale_gate_form_is_refused_and_nothing_is_overwritten()
    {
        var g2 = await GateAsync("G2");
        using var first = await AdminAsync();
        using var second = await AdminAsync();
        var staleForm = await second.GetPageAsync($"/Admin/Gates/Edit/{g2.Id}");

        await first.SubmitAsync($"/Admin/Gates/Edit/{g2.Id}", new Dictionary<string, string> { ["Input.Name"] = "Handover (renamed first)" }, "form:not([action])");
        var page = await TestClient.ParseAsync(await second.SubmitAsync(staleForm, new Dictionary<string, string> { ["Input.Name"] = "Handover (second)" }, "form:not([action])"));

        Assert.Contains(Texts.English("Messages.ConcurrencyConflict"), page.QuerySelector(".alert-danger")!.TextContent);
        Assert.Equal("Handover (renamed first)", (await GateAsync("G2")).Name.English);
    }

    [Fact]
    public async Task A_new_checklist_version_keeps_both_languages_of_the_checkpoints_kept_translated_and_added()
    {
        var g3 = await GateAsync("G3");
        var outcome = g3.CurrentChecklist.Single(c => c.Text.English == "Outcome and evidence recorded");
        var feedback = g3.CurrentChecklist.Single(c => c.Text.English == "Customer feedback collected");
        var lesson = g3.CurrentChecklist.Single(c => c.Text.English == "Lesson captured where the promise was broken");
        using var admin = await AdminAsync();
        var page = await admin.GetPageAsync($"/Admin/Gates/Edit/{g3.Id}");
        var outcomeField = page.QuerySelector<IHtmlInputElement>($"input[id='german-{outcome.Id}']")!.Name!;

        var changed = await admin.SubmitAsync(page, new Dictionary<string, string>
        {
            [outcomeField] = "Ergebnis und Belege erfasst",
            ["Input.RetiredCheckpointIds"] = feedback.Id.ToString(CultureInfo.InvariantCulture),
            ["Input.NewCheckpoints[0].Text"] = "Customer asked for feedback in writing",
            ["Input.NewCheckpoints[0].TextGerman"] = "Kunde schriftlich um Feedback gebeten",
            ["Input.NewCheckpoints[0].IsMandatory"] = "true",
        }, "form[action*='handler=Checklist']");

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var after = await GateAsync("G3");
        Assert.Equal(g3.ChecklistVersion + 1, after.ChecklistVersion);
        Assert.Equal(
            [
                new LocalizedText("Outcome and evidence recorded", "Ergebnis und Belege erfasst"),
                lesson.Text,
                new LocalizedText("Customer asked for feedback in writing", "Kunde schriftlich um Feedback gebeten"),
            ],
            after.CurrentChecklist.OrderBy(c => c.Id).Select(c => c.Text));
        Assert.Equal("Lessons Learned festgehalten, wo die Zusage gebrochen wurde", lesson.Text.German);
        Assert.Equal(new LocalizedText("Customer feedback collected", "Feedback des Kunden eingeholt"), after.Checkpoints.Single(c => c.Id == feedback.Id).Text);

        using var german = factory.CreateTestClient();
        german.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de");
        await german.SignInSuccessfullyAsync("admin@demo.local");
        var edit = await german.GetPageAsync($"/Admin/Gates/Edit/{g3.Id}");
        Assert.Equal("G3 Abschlussprüfung", edit.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("Kunde schriftlich um Feedback gebeten",
            edit.QuerySelector<IHtmlInputElement>($"input[id='german-{after.CurrentChecklist.Max(c => c.Id)}']")!.Value);
        Assert.Contains("Feedback des Kunden eingeholt", edit.QuerySelector("ul.small.text-muted")!.TextContent);
    }

    [Fact]
    public async Task A_checkpoint_row_with_only_a_german_text_is_refused_rather_than_dropped()
    {
        var g1 = await GateAsync("G1");
        using var admin = await AdminAsync();

        var page = await TestClient.ParseAsync(await admin.SubmitAsync($"/Admin/Gates/Edit/{g1.Id}", new Dictionary<string, string>
        {
            ["Input.NewCheckpoints[1].TextGerman"] = "Ersatzteile am Lager",
        }, "form[action*='handler=Checklist']"));

        Assert.Equal(Texts.English("Gates.CheckpointEnglishRequired"), page.FieldError("Input.NewCheckpoints[1].Text"));
        Assert.Equal("Ersatzteile am Lager", page.InputValue("Input.NewCheckpoints[1].TextGerman"));
        Assert.Equal(g1.ChecklistVersion, (await GateAsync("G1")).ChecklistVersion);
    }

    [Fact]
    public async Task A_gate_is_named_and_renamed_in_both_languages()
    {
        using var admin = await AdminAsync();
        await admin.SubmitAsync("/Admin/Gates/Create", new Dictionary<string, string>
        {
            ["Input.Code"] = "G5",
            ["Input.Name"] = "Warranty end",
            ["Input.NameGerman"] = "Gewährleistungsende",
            ["Input.Order"] = "5",
            ["Input.Stage"] = nameof(GateStage.Closure),
            ["Input.NewCheckpoints[0].Text"] = "Open claims settled",
            ["Input.NewCheckpoints[0].TextGerman"] = "Offene Ansprüche erledigt",
        });
        var g5 = await GateAsync("G5");
        Assert.Equal(new LocalizedText("Warranty end", "Gewährleistungsende"), g5.Name);
        Assert.Equal(new LocalizedText("Open claims settled", "Offene Ansprüche erledigt"), Assert.Single(g5.Checkpoints).Text);

        await admin.SubmitAsync($"/Admin/Gates/Edit/{g5.Id}", new Dictionary<string, string> { ["Input.NameGerman"] = "Ende der Gewährleistung" }, "form:not([action])");

        Assert.Equal(new LocalizedText("Warranty end", "Ende der Gewährleistung"), (await GateAsync("G5")).Name);
        using var german = factory.CreateTestClient();
        german.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de");
        await german.SignInSuccessfullyAsync("admin@demo.local");
        var list = await german.GetPageAsync("/Admin/Gates");
        Assert.Contains(list.QuerySelectorAll("tbody tr"), r => r.TextContent.Contains("Ende der Gewährleistung", StringComparison.Ordinal));
    }
}
