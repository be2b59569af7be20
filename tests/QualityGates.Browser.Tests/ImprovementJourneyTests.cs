using System.Text.RegularExpressions;
using Microsoft.Playwright;
using QualityGates.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace QualityGates.Browser.Tests;

/// <summary>
/// The improvement loop end to end: a broken promise becomes feedback, an action runs through PDCA and its
/// Act step changes the sales phase, where the next promise is drafted and reviewed.
/// </summary>
public sealed partial class ImprovementJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [GeneratedRegex(@"/Promises/Details/\d+$")]
    private static partial Regex PromisePage();

    [GeneratedRegex(@"/Actions/Details/\d+$")]
    private static partial Regex ActionPage();

    private static ILocator Field(ILocator scope, string label) => scope.GetByLabel(label, new() { Exact = true });

    private static Task MoveOnAsync(IPage page, string phase) =>
        page.GetByRole(AriaRole.Button, new() { Name = $"Move to {phase}" }).ClickAsync();

    [Fact]
    public Task A_broken_promise_leads_to_a_lesson_and_a_g1_checkpoint_that_the_next_promise_meets() => browser.RunAsync(async page =>
    {
        var main = page.GetByRole(AriaRole.Main);
        var lesson = $"Check the on-call roster before promising {Guid.NewGuid():N}"[..60];
        var checkpoint = $"On-call roster checked {Guid.NewGuid():N}"[..40];

        // Service records a promise it delivers as broken.
        await page.SignInAsync("service.manager@demo.local");
        await page.GotoAsync("/Promises?status=InDelivery");
        await Field(main, "Delivering department").SelectOptionAsync(new SelectOptionValue { Label = "Service" });
        await main.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await main.Locator("tbody tr a[href*='/Promises/Details/']").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(PromisePage());
        var promiseUrl = page.Url;
        await page.GetByLabel("Broken", new() { Exact = true }).CheckAsync();
        await Field(main, "Breach cause").SelectOptionAsync(new SelectOptionValue { Label = "Execution" });
        await Field(main, "Evidence").FillAsync("Two critical tickets waited over a weekend.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record outcome" }).ClickAsync();
        await Expect(main.Locator(".status-badge")).ToHaveTextAsync("Broken");

        // AfterSales files feedback from the broken promise and opens an action from it.
        await page.SignInAsync("aftersales@demo.local");
        await page.GotoAsync(promiseUrl);
        await page.GetByRole(AriaRole.Link, new() { Name = "File feedback on this broken promise" }).ClickAsync();
        await Expect(Field(main, "Type")).ToHaveValueAsync("BrokenPromise");
        await Field(main, "Description").FillAsync("Nobody was on call on the weekend the tickets came in.");
        await main.GetByRole(AriaRole.Button, new() { Name = "File feedback" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("is filed");
        await page.GetByRole(AriaRole.Link, new() { Name = "Open improvement action" }).ClickAsync();
        await Field(main, "Action").FillAsync("Keep an on-call roster for weekends");
        await Field(main, "Root cause").FillAsync("Weekend tickets had no owner.");
        await Field(main, "What will be measured").FillAsync("Weekend tickets answered within the promised time");
        await main.GetByRole(AriaRole.Button, new() { Name = "Open action" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(ActionPage());

        // Plan → Do → Check → Act.
        await MoveOnAsync(page, "Do");
        await MoveOnAsync(page, "Check");
        await Field(main, "Result of the effectiveness check").FillAsync("All weekend tickets answered in time for a month.");
        await MoveOnAsync(page, "Act");
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The action is now in Act.");

        // Act: a lesson for every customer and a new G1 checkpoint for response-time promises.
        var lessonForm = page.Locator("form.lesson-form");
        await Field(lessonForm, "Lesson").FillAsync(lesson);
        await Field(lessonForm, "Category").SelectOptionAsync(new SelectOptionValue { Label = "Response time" });
        // The customer comes prefilled from the broken promise; the lesson is for all customers.
        await lessonForm.GetByTitle("Clear the choice").ClickAsync();
        await Expect(lessonForm.Locator("select[name='Lesson.CustomerId']")).ToHaveValueAsync("");
        await lessonForm.GetByRole(AriaRole.Button, new() { Name = "Add lesson" }).ClickAsync();
        var checkpointForm = page.Locator("form.checkpoint-form");
        await Field(checkpointForm, "Gate").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await Field(checkpointForm, "Checkpoint (English)").FillAsync(checkpoint);
        await checkpointForm.Locator("select[name='Checkpoint.CategoryId']").SelectOptionAsync(new SelectOptionValue { Label = "Response time" });
        await checkpointForm.GetByRole(AriaRole.Button, new() { Name = "Add checkpoint" }).ClickAsync();
        await Expect(page.Locator("table.upstream-changes tbody tr")).ToHaveCountAsync(2);
        await MoveOnAsync(page, "Done");
        await Expect(main.Locator(".phase").First).ToHaveTextAsync("Done");

        // A sales rep drafting a response-time promise sees the lesson as soon as the category is chosen.
        await page.SignInAsync("sales@demo.local");
        await page.GotoAsync("/Promises/Create");
        await Field(main, "Category").SelectOptionAsync(new SelectOptionValue { Label = "Response time" });
        await Expect(main.Locator(".promise-experience")).ToContainTextAsync(lesson);
        await Field(main, "Title").FillAsync($"Weekend hotline {Guid.NewGuid():N}"[..30]);
        await Field(main, "Statement as told to the customer").FillAsync("Weekend tickets answered within one hour.");
        await TypeAhead.Field(main, "Customer").PickAsync("elbe", "Elbe Energie AG");
        await Field(main, "Delivering department").SelectOptionAsync(new SelectOptionValue { Label = "Service" });
        await Field(main, "Metric").FillAsync("First response");
        await Field(main, "Value").FillAsync("1");
        await Field(main, "Unit").FillAsync("h");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(PromisePage());
        var nextPromise = page.Url;
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Submit for review" }).ClickAsync();
        // Submitted before the next user signs in: clearing the cookies mid-post would refuse it.
        await Expect(main.Locator(".status-badge")).ToHaveTextAsync("Under review");

        // The next G1 review asks the new checkpoint and shows the lesson.
        await page.SignInAsync("service.manager@demo.local");
        await page.GotoAsync(nextPromise);
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^G1 ") }).Last.ClickAsync();
        await Expect(main).ToContainTextAsync(checkpoint);
        await Expect(main.Locator(".promise-experience")).ToContainTextAsync(lesson);
    });
}
