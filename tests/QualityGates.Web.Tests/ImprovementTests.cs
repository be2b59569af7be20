using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using QualityGates.Domain;
using QualityGates.Domain.Feedback;
using QualityGates.Domain.Improvement;
using QualityGates.Domain.Promises;
using QualityGates.Web.Data.Summaries;
using QualityGates.Web.Improvement;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

/// <summary>Feedback, improvement actions and lessons over HTTP: each role's allowed and refused actions.</summary>
public sealed class ImprovementTests(QualityGatesFactory factory) : IClassFixture<QualityGatesFactory>
{
    private const string AfterSales = "aftersales@demo.local";
    private const string ServiceManager = "service.manager@demo.local";

    private async Task<TestClient> SignedInAsync(string email)
    {
        var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync(email);
        return client;
    }

    private Task<ImprovementAction> ActionAsync(string title) =>
        factory.WithDbAsync(db => db.ImprovementActions.AsNoTracking().Include(a => a.UpstreamChanges).SingleAsync(a => a.Title == title));

    private Task<FeedbackItem> FeedbackAsync(string title) =>
        factory.WithDbAsync(db => db.Feedback.AsNoTracking().SingleAsync(f => f.Title == title));

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>A committed demo promise recorded as broken, as its delivering department would.</summary>
    private Task<Promise> BrokenPromiseAsync() => factory.WithDbAsync(async db =>
    {
        var promise = await db.Promises.Where(p => p.Status == PromiseStatus.InDelivery).OrderBy(p => p.Id).FirstAsync();
        promise.RecordOutcome(OutcomeKind.Broken, null, factory.Today, "Took three days.", BreachCause.Execution);
        await db.SaveChangesAsync();
        return promise;
    });

    [Fact]
    public async Task AfterSales_files_feedback_on_a_broken_promise_from_a_prefilled_form_and_its_page_shows_it()
    {
        var promise = await BrokenPromiseAsync();
        using var client = await SignedInAsync(AfterSales);

        var details = await client.GetPageAsync($"/Promises/Details/{promise.Id}");
        var link = details.QuerySelector<IHtmlAnchorElement>("a.file-feedback")!;
        Assert.Equal(Texts.English("Promise.FileFeedbackOnBroken"), link.TextContent);
        var form = await client.GetPageAsync(link.PathName + link.Search);
        Assert.Equal(promise.Number, form.QuerySelector<IHtmlInputElement>("#Input_PromiseNumber")!.Value);
        Assert.Equal(nameof(FeedbackType.BrokenPromise), form.QuerySelector<IHtmlSelectElement>("#Input_Type")!.Value);
        Assert.Equal(promise.CustomerId?.ToString(CultureInfo.InvariantCulture), form.QuerySelector<IHtmlSelectElement>("#Input_CustomerId")!.Value);

        var response = await client.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.Title"] = "Broken: resolution took three days",
            ["Input.Description"] = "The customer waited three days for the fix.",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var filed = await FeedbackAsync("Broken: resolution took three days");
        Assert.Equal((FeedbackStatus.New, FeedbackType.BrokenPromise, promise.Id, promise.CustomerId), (filed.Status, filed.Type, filed.PromiseId, filed.CustomerId));
        var after = await client.GetPageAsync($"/Promises/Details/{promise.Id}");
        Assert.Contains("Broken: resolution took three days", after.QuerySelector(".promise-feedback")!.TextContent);
        var home = await client.GetPageAsync("/");
        Assert.Contains("Broken: resolution took three days", home.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task A_sales_rep_cannot_file_or_triage_feedback()
    {
        using var client = await SignedInAsync("sales@demo.local");

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Feedback/Create")).StatusCode);
        var feedback = await FeedbackAsync("Show the spare-parts stock in offers");
        var page = await client.GetPageAsync($"/Feedback/Details/{feedback.Id}");
        Assert.Null(page.QuerySelector("form.triage-form"));
        var token = page.QuerySelector<IHtmlInputElement>("input[name='__RequestVerificationToken']")!.Value;
        var forged = await client.Http.PostAsync($"/Feedback/Details/{feedback.Id}?handler=Triage", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["version"] = Id(feedback.Version),
            ["Triage.Severity"] = nameof(FeedbackSeverity.Low),
        }));

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(FeedbackStatus.New, (await FeedbackAsync("Show the spare-parts stock in offers")).Status);
    }

    [Fact]
    public async Task Invalid_feedback_is_refused_next_to_the_fields_keeping_what_was_typed()
    {
        using var client = await SignedInAsync(AfterSales);
        var count = await factory.WithDbAsync(db => db.Feedback.CountAsync());

        var response = await client.SubmitAsync("/Feedback/Create", new Dictionary<string, string>
        {
            ["Input.Type"] = nameof(FeedbackType.CustomerComplaint),
            ["Input.Title"] = "Invoice <b>wrong</b>",
            ["Input.Description"] = "",
            ["Input.PromiseNumber"] = "P-1999-99999",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ParseAsync(response);
        Assert.Equal(Texts.English("Feedback.Form.DescriptionRequired"), page.QuerySelector("[data-valmsg-for='Input.Description']")!.TextContent);
        Assert.Equal(Texts.English("Feedback.Form.PromiseUnknown", "P-1999-99999"), page.QuerySelector("[data-valmsg-for='Input.PromiseNumber']")!.TextContent);
        Assert.Equal("Invoice <b>wrong</b>", page.QuerySelector<IHtmlInputElement>("#Input_Title")!.Value);
        Assert.Equal(count, await factory.WithDbAsync(db => db.Feedback.CountAsync()));
    }

    [Fact]
    public async Task A_stale_feedback_form_is_a_conflict_and_overwrites_nothing()
    {
        using var first = await SignedInAsync(AfterSales);
        using var second = await SignedInAsync(AfterSales);
        var feedback = await FeedbackAsync("Callbacks arrive late");
        var stale = await second.GetPageAsync($"/Feedback/Edit/{feedback.Id}");
        Assert.Equal(HttpStatusCode.Redirect, (await first.SubmitAsync($"/Feedback/Edit/{feedback.Id}", new Dictionary<string, string>
        {
            ["Input.Description"] = "Callbacks took more than a day three times.",
        })).StatusCode);

        var response = await second.SubmitAsync(stale, new Dictionary<string, string> { ["Input.Description"] = "Overwritten?" });

        var page = await TestClient.ParseAsync(response);
        Assert.Contains(Texts.English("Messages.ConcurrencyConflict"), page.QuerySelector(".validation-summary-errors")!.TextContent);
        Assert.Equal("Callbacks took more than a day three times.", (await FeedbackAsync("Callbacks arrive late")).Description);
    }

    [Fact]
    public async Task The_owning_service_manager_moves_their_action_on_but_does_not_replan_it_and_others_may_not()
    {
        var action = await ActionAsync("Keep critical spare parts at every depot");
        Assert.Equal(PdcaPhase.Do, action.Phase);
        using var other = await SignedInAsync("projects.manager@demo.local");
        var otherPage = await other.GetPageAsync($"/Actions/Details/{action.Id}");
        Assert.Null(otherPage.QuerySelector("form.move-form"));
        var token = otherPage.QuerySelector<IHtmlInputElement>("input[name='__RequestVerificationToken']")!.Value;
        var forged = await other.Http.PostAsync($"/Actions/Details/{action.Id}?handler=Move", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["version"] = Id(action.Version),
        }));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);

        using var owner = await SignedInAsync(ServiceManager);
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.GetAsync($"/Actions/Edit/{action.Id}")).StatusCode);
        var home = await owner.GetPageAsync("/");
        Assert.Contains("Keep critical spare parts at every depot", home.QuerySelector("main")!.TextContent);
        var response = await owner.SubmitAsync($"/Actions/Details/{action.Id}", new Dictionary<string, string>(), "form.move-form");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(PdcaPhase.Check, (await ActionAsync("Keep critical spare parts at every depot")).Phase);
    }

    [Fact]
    public async Task An_executive_reads_the_loop_but_changes_nothing()
    {
        using var client = await SignedInAsync("exec@demo.local");
        var action = await ActionAsync("Staff the hotline on weekends");

        foreach (var url in new[] { "/Feedback", "/Feedback/Board", "/Actions", "/Actions/Board", "/Lessons", $"/Actions/Details/{action.Id}" })
        {
            var page = await client.GetPageAsync(url);
            Assert.Empty(page.QuerySelectorAll("main form[method=post]"));
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Actions/Create")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/Lessons/Create")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/Actions/Edit/{action.Id}")).StatusCode);
    }

    [Fact]
    public async Task Opening_an_action_puts_its_feedback_in_improvement_and_done_needs_an_upstream_change_then_closes_it()
    {
        using var client = await SignedInAsync(AfterSales);
        var feedback = await FeedbackAsync("Date promised before the plan existed");
        var create = await client.GetPageAsync($"/Actions/Create?feedbackId={feedback.Id}");
        var opened = await client.SubmitAsync(create, new Dictionary<string, string>
        {
            ["Input.Title"] = "Plan before promising delivery dates",
            ["Input.RootCause"] = "Sales does not see Production's plan.",
            ["Input.EffectivenessMeasure"] = "Share of delivery dates kept",
        });
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal(FeedbackStatus.InImprovement, (await FeedbackAsync("Date promised before the plan existed")).Status);
        var url = opened.Headers.Location!.OriginalString;

        foreach (var _ in new[] { PdcaPhase.Do, PdcaPhase.Check })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(url, new Dictionary<string, string>(), "form.move-form")).StatusCode);
        }

        var refusedAct = await client.SubmitAsync(url, new Dictionary<string, string>(), "form.move-form");
        Assert.Contains(Texts.English("Error.CheckNeedsResult"), (await client.GetPageAsync(refusedAct.Headers.Location!.OriginalString)).QuerySelector(".alert-danger")!.TextContent);
        await client.SubmitAsync(url, new Dictionary<string, string> { ["Move.EffectivenessResult"] = "9 of 10 dates kept" }, "form.move-form");

        var refusedDone = await client.SubmitAsync(url, new Dictionary<string, string>(), "form.move-form");
        var page = await client.GetPageAsync(refusedDone.Headers.Location!.OriginalString);
        Assert.Contains(Texts.English("Error.DoneNeedsUpstreamChange"), page.QuerySelector(".alert-danger")!.TextContent);
        Assert.Equal(PdcaPhase.Act, (await ActionAsync("Plan before promising delivery dates")).Phase);

        var learned = await client.SubmitAsync(url, new Dictionary<string, string>
        {
            ["Lesson.Text"] = "Ask Production before promising a date.",
            ["Lesson.CategoryId"] = await factory.CategoryAsync("Delivery date"),
        }, "form.lesson-form");
        Assert.Equal(HttpStatusCode.Redirect, learned.StatusCode);
        var done = await client.SubmitAsync(url, new Dictionary<string, string>(), "form.move-form");

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var action = await ActionAsync("Plan before promising delivery dates");
        Assert.Equal(PdcaPhase.Done, action.Phase);
        Assert.NotNull(action.DoneAtUtc);
        Assert.Equal(UpstreamChangeKind.Lesson, Assert.Single(action.UpstreamChanges).Kind);
        var closed = await FeedbackAsync("Date promised before the plan existed");
        Assert.Equal(FeedbackStatus.Closed, closed.Status);
        Assert.NotNull(closed.ClosedAtUtc);
        var feedbackPage = await client.GetPageAsync($"/Feedback/Details/{feedback.Id}");
        Assert.Contains("Plan before promising delivery dates", feedbackPage.QuerySelector(".action-table")!.TextContent);
        var lessonPage = await client.GetPageAsync($"/Lessons/Details/{action.UpstreamChanges[0].LessonId}");
        Assert.Contains("Plan before promising delivery dates", lessonPage.QuerySelector(".lesson-source")!.TextContent);
    }

    [Fact]
    public async Task The_act_step_adds_a_checkpoint_to_G1_as_a_new_checklist_version_with_the_action_named()
    {
        using var client = await SignedInAsync(AfterSales);
        var action = await ActionAsync("Staff the hotline on weekends");
        var gate = await factory.WithDbAsync(db => db.GateDefinitions.AsNoTracking().SingleAsync(g => g.Code == "G1"));

        var response = await client.SubmitAsync($"/Actions/Details/{action.Id}", new Dictionary<string, string>
        {
            ["Checkpoint.GateId"] = Id(gate.Id),
            ["Checkpoint.Text"] = "Weekend rota checked for the promised hours",
        }, "form.checkpoint-form");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var changed = await factory.WithDbAsync(db => db.GateDefinitions.AsNoTracking().Include(g => g.Checkpoints).SingleAsync(g => g.Code == "G1"));
        Assert.Equal(gate.ChecklistVersion + 1, changed.ChecklistVersion);
        Assert.Contains(changed.CurrentChecklist, c => c.Text.English == "Weekend rota checked for the promised hours");
        var recorded = (await ActionAsync("Staff the hotline on weekends")).UpstreamChanges.Single(c => c.Kind == UpstreamChangeKind.GateCheckpoint);
        Assert.Equal((gate.Id, changed.ChecklistVersion), (recorded.GateDefinitionId, recorded.ChecklistVersion));

        using var admin = await SignedInAsync("admin@demo.local");
        var gatePage = await admin.GetPageAsync($"/Admin/Gates/Edit/{gate.Id}");
        Assert.Contains("Staff the hotline on weekends", gatePage.QuerySelector(".gate-actions")!.TextContent);
    }

    [Fact]
    public async Task Lessons_and_the_track_record_show_where_a_promise_of_the_category_is_made_and_judged()
    {
        var (categoryId, customerId, otherCustomerId) = await TrackRecordDataAsync();
        using var sales = await SignedInAsync("sales@demo.local");
        var form = await factory.NewPromiseFormAsync("Trainer on site within 5 days");
        form["Input.CategoryId"] = Id(categoryId);
        form["Input.CustomerId"] = Id(customerId);
        form["Input.Title"] = "";

        var roundTrip = await TestClient.ParseAsync(await sales.SubmitAsync("/Promises/Create", form));

        var panel = roundTrip.QuerySelector(".promise-experience")!.TextContent;
        Assert.Contains(Texts.English("Experience.Record", 4, "Training", "Service", 3, 75), panel);
        Assert.DoesNotContain("Projects", panel);
        Assert.Contains("Book trainers two weeks ahead.", panel);
        Assert.Contains("This customer needs German-speaking trainers.", panel);
        var fragment = await sales.GetPageAsync($"/Lessons/ForPromise?categoryId={categoryId}&customerId={otherCustomerId}");
        Assert.Contains(Texts.English("Experience.Record", 1, "Training", "Projects", 1, 100), fragment.Body!.TextContent);
        Assert.Contains(Texts.English("Experience.Record", 4, "Training", "Service", 3, 75), fragment.Body!.TextContent);
        Assert.Contains("Book trainers two weeks ahead.", fragment.Body!.TextContent);
        Assert.DoesNotContain("German-speaking", fragment.Body!.TextContent);

        form["Input.Title"] = "Trainer on site within 5 days";
        var created = await sales.SubmitAsync("/Promises/Create", form);
        var promiseUrl = created.Headers.Location!.OriginalString;
        await sales.SubmitAsync(promiseUrl, new Dictionary<string, string>(), "form[action*='handler=Submit']");
        var reviewId = await factory.WithDbAsync(db => db.GateReviews.Where(r => r.PromiseId == db.Promises.Single(p => p.Title == "Trainer on site within 5 days").Id)
            .Select(r => r.Id).SingleAsync());

        using var manager = await SignedInAsync(ServiceManager);
        var review = await manager.GetPageAsync($"/Reviews/Details/{reviewId}");
        var experience = review.QuerySelector(".promise-experience")!.TextContent;
        Assert.Contains(Texts.English("Experience.Record", 4, "Training", "Service", 3, 75), experience);
        Assert.DoesNotContain("Projects", experience);
        Assert.Contains("Book trainers two weeks ahead.", experience);
    }

    [Fact]
    public async Task Where_many_lessons_apply_the_newest_show_with_a_link_to_all_of_them()
    {
        var categoryId = await factory.WithDbAsync(async db =>
        {
            var category = new PromiseCategory(new LocalizedText("Workshops"));
            db.PromiseCategories.Add(category);
            await db.SaveChangesAsync();
            var aftersales = await db.Users.Where(u => u.Email == "aftersales@demo.local").Select(u => u.Id).SingleAsync();
            for (var i = 1; i <= PromiseExperience.LessonsShown + 2; i++)
            {
                db.Lessons.Add(Domain.Lessons.Lesson.Learn($"Workshop lesson {i}", category.Id, null, aftersales, factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(i)));
            }

            await db.SaveChangesAsync();
            return category.Id;
        });
        using var sales = await SignedInAsync("sales@demo.local");

        var panel = await sales.GetPageAsync($"/Lessons/ForPromise?categoryId={categoryId}");

        var shown = panel.QuerySelectorAll("li.lesson").Select(l => l.TextContent.Trim().Split('·')[0].Trim()).ToList();
        Assert.Equal(Enumerable.Range(3, PromiseExperience.LessonsShown).Reverse().Select(i => $"Workshop lesson {i}"), shown);
        var all = panel.QuerySelector($"a[href^='/Lessons?categoryId={categoryId}']")!;
        Assert.Equal(Texts.English("Experience.AllLessons", PromiseExperience.LessonsShown + 2, "Workshops"), all.TextContent.Trim());
        var list = await sales.GetPageAsync(all.GetAttribute("href")!);
        Assert.Equal(PromiseExperience.LessonsShown + 2, list.QuerySelectorAll("main table tbody tr").Length);
    }

    /// <summary>
    /// A category of its own: four Service promises with an outcome (three kept), one Projects promise kept,
    /// one Service draft without outcome; a lesson for all customers and one for the first customer only.
    /// </summary>
    private Task<(int CategoryId, int CustomerId, int OtherCustomerId)> TrackRecordDataAsync() => factory.WithDbAsync(async db =>
    {
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var category = new PromiseCategory(new LocalizedText("Training"));
        db.PromiseCategories.Add(category);
        await db.SaveChangesAsync();
        var customers = await db.Customers.OrderBy(c => c.Name).Select(c => c.Id).Take(2).ToListAsync();
        var sales = await db.Departments.SingleAsync(d => d.Name.English == "Sales");
        var service = await db.Departments.SingleAsync(d => d.Name.English == "Service");
        var projects = await db.Departments.SingleAsync(d => d.Name.English == "Projects");
        var owner = await db.Users.Where(u => u.Email == "sales@demo.local").Select(u => u.Id).SingleAsync();
        var aftersales = await db.Users.Where(u => u.Email == "aftersales@demo.local").Select(u => u.Id).SingleAsync();
        var outcomes = new (int Delivering, OutcomeKind? Outcome)[]
        {
            (service.Id, OutcomeKind.Kept), (service.Id, OutcomeKind.Kept), (service.Id, OutcomeKind.Kept), (service.Id, OutcomeKind.Broken),
            (projects.Id, OutcomeKind.Kept), (service.Id, null),
        };
        var promises = outcomes.Select((o, i) => Promise.Draft($"T-TRAIN-{i}", new PromiseDetails(
            $"Training {i}", "Trainer on site.", category.Id, customers[0], o.Delivering, PromiseSource.Offer, null,
            new MeasurableTarget("Days to trainer on site", TargetComparator.AtMost, 5, "d", null), factory.Today),
            sales, owner, now)).ToList();
        db.Promises.AddRange(promises);
        db.Lessons.Add(Domain.Lessons.Lesson.Learn("Book trainers two weeks ahead.", category.Id, null, aftersales, now));
        db.Lessons.Add(Domain.Lessons.Lesson.Learn("This customer needs German-speaking trainers.", category.Id, customers[0], aftersales, now));
        await db.SaveChangesAsync();
        foreach (var kind in new[] { OutcomeKind.Kept, OutcomeKind.Broken })
        {
            var ids = promises.Where((p, i) => outcomes[i].Outcome == kind).Select(p => p.Id).ToList();
            var status = kind == OutcomeKind.Kept ? PromiseStatus.Kept : PromiseStatus.Broken;
            await db.Promises.Where(p => ids.Contains(p.Id)).ExecuteUpdateAsync(s => s.SetProperty(p => p.Outcome, kind).SetProperty(p => p.Status, status));
        }

        // Outcomes set around the verbs, as an import would: the counts are rebuilt as after one.
        await SummaryRebuild.RunAsync(db);

        return (category.Id, customers[0], customers[1]);
    });
}
