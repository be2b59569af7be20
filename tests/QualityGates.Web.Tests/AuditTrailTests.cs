using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QualityGates.Domain.Customers;
using QualityGates.Domain.Promises;
using QualityGates.Web.Authorization;
using QualityGates.Web.Data;
using QualityGates.Web.Data.Auditing;
using QualityGates.Web.Pages.Shared;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

/// <summary>Every change is recorded append-only with who, when, what, old → new and why, and shown where it belongs.</summary>
public sealed class AuditTrailTests(QualityGatesFactory factory) : IClassFixture<QualityGatesFactory>
{
    private Task<Dictionary<string, string>> ValidFormAsync(string title) => factory.NewPromiseFormAsync(title, hours: "4");

    private async Task<(TestClient Client, int Id)> CreateDraftAsync(string email, string title)
    {
        var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync(email);
        var response = await client.SubmitAsync("/Promises/Create", await ValidFormAsync(title));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (client, int.Parse(response.Headers.Location!.PathAndQuery().Split('/').Last(), CultureInfo.InvariantCulture));
    }

    private Task<List<AuditEntry>> HistoryAsync(string entityType, string id) =>
        factory.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == entityType && e.EntityId == id)
            .OrderBy(e => e.Id)
            .ToListAsync());

    private Task<List<AuditEntry>> HistoryAsync(int promiseId) =>
        HistoryAsync(nameof(Promise), promiseId.ToString(CultureInfo.InvariantCulture));

    private Task<AppUser> UserAsync(string email) =>
        factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email));

    [Fact]
    public async Task Creating_a_promise_records_each_field_set_naming_the_actor_with_role_and_department()
    {
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var (client, id) = await CreateDraftAsync("sales@demo.local", "Audited creation");
        using var _ = client;

        var entries = await HistoryAsync(id);
        var sara = await UserAsync("sales@demo.local");
        var number = (await factory.WithDbAsync(db => db.Promises.SingleAsync(p => p.Id == id))).Number;

        Assert.NotEmpty(entries);
        Assert.All(entries, e =>
        {
            Assert.Equal(AuditAction.Created, e.Action);
            Assert.Equal(sara.Id, e.ActorId);
            Assert.Equal("Sara Sales", e.ActorName);
            Assert.Equal(Roles.SalesRep, e.ActorRole);
            Assert.Equal("Sales", e.ActorDepartment);
            Assert.Equal(now, e.AtUtc);
            Assert.Equal(DateTimeKind.Utc, e.AtUtc.Kind);
            Assert.Null(e.OldValue);
        });
        var values = entries.ToDictionary(e => e.Field!, e => e.NewValue);
        Assert.Equal(number, values["Number"]);
        Assert.Equal("Audited creation", values["Title"]);
        Assert.Equal(nameof(PromiseStatus.Draft), values["Status"]);
        Assert.Equal(nameof(PromiseSource.Contract), values["Source"]);
        Assert.Equal("First response", values["Target.Metric"]);
        Assert.Equal(nameof(TargetComparator.AtMost), values["Target.Comparator"]);
        Assert.Equal("4", values["Target.Value"]);
        Assert.Equal(await factory.DepartmentAsync("Service"), values["DeliveringDepartmentId"]);
        Assert.DoesNotContain("Id", values.Keys);
        Assert.DoesNotContain("Version", values.Keys);
        Assert.DoesNotContain("Target.TargetDate", values.Keys);
        Assert.False(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.EntityType == nameof(QualityGates.Domain.NumberSequence))));
    }

    [Fact]
    public async Task Editing_a_draft_records_old_and_new_for_exactly_the_changed_fields()
    {
        var (client, id) = await CreateDraftAsync("presales@demo.local", "Before the edit");
        using var _ = client;

        var response = await client.SubmitAsync($"/Promises/Edit/{id}", new Dictionary<string, string>
        {
            ["Input.Title"] = "After the edit",
            ["Input.TargetValue"] = "2.5",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var changes = (await HistoryAsync(id)).Where(e => e.Action == AuditAction.Changed).OrderBy(e => e.Field).ToList();
        Assert.Equal(["Target.Value", "Title"], changes.Select(c => c.Field));
        Assert.Equal(("4", "2.5"), (changes[0].OldValue, changes[0].NewValue));
        Assert.Equal(("Before the edit", "After the edit"), (changes[1].OldValue, changes[1].NewValue));
        Assert.All(changes, c => Assert.Equal("Paul PreSales", c.ActorName));
        Assert.All(changes, c => Assert.Equal("PreSales", c.ActorDepartment));
    }

    [Fact]
    public async Task A_change_that_is_refused_leaves_no_audit_entry()
    {
        var (first, id) = await CreateDraftAsync("sales@demo.local", "Concurrent audit");
        using var _ = first;
        using var second = factory.CreateTestClient();
        await second.SignInSuccessfullyAsync("sales@demo.local");
        var staleForm = await second.GetPageAsync($"/Promises/Edit/{id}");
        await first.SubmitAsync($"/Promises/Edit/{id}", new Dictionary<string, string> { ["Input.Title"] = "First writer" });
        var countBefore = (await HistoryAsync(id)).Count;

        var response = await second.SubmitAsync(staleForm, new Dictionary<string, string> { ["Input.Title"] = "Second writer" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entries = await HistoryAsync(id);
        Assert.Equal(countBefore, entries.Count);
        Assert.DoesNotContain(entries, e => e.NewValue == "Second writer");
    }

    [Fact]
    public async Task A_withdrawal_records_the_transition_with_the_reason_given()
    {
        var (client, id) = await CreateDraftAsync("sales@demo.local", "To be withdrawn with a reason");
        using var _ = client;

        var response = await client.SubmitAsync($"/Promises/Withdraw/{id}", new Dictionary<string, string>
        {
            ["Input.Reason"] = "Customer cancelled the tender.",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var changes = (await HistoryAsync(id)).Where(e => e.Action == AuditAction.Changed).ToList();
        var status = Assert.Single(changes, c => c.Field == "Status");
        Assert.Equal((nameof(PromiseStatus.Draft), nameof(PromiseStatus.Withdrawn)), (status.OldValue, status.NewValue));
        Assert.Contains(changes, c => c.Field == "WithdrawalReason" && c.NewValue == "Customer cancelled the tender.");
        Assert.Contains(changes, c => c.Field == "WithdrawnAtUtc");
        Assert.All(changes, c => Assert.Equal("Customer cancelled the tender.", c.Reason));
    }

    [Fact]
    public async Task Audit_entries_cannot_be_changed_or_deleted_through_the_context_and_nothing_else_is_saved_with_the_attempt()
    {
        var (client, id) = await CreateDraftAsync("sales@demo.local", "Tamper target");
        client.Dispose();
        var original = (await HistoryAsync(id)).First(e => e.Field == "Title");
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QualityGatesDbContext>();

        var tracked = await db.AuditEntries.SingleAsync(e => e.Id == original.Id);
        db.Entry(tracked).Property(e => e.NewValue).CurrentValue = "Forged title";
        db.Entry(await db.Promises.SingleAsync(p => p.Id == id)).Property(p => p.Title).CurrentValue = "Forged title";
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        Assert.Throws<InvalidOperationException>(() => db.SaveChanges());

        db.ChangeTracker.Clear();
        db.AuditEntries.Remove(await db.AuditEntries.SingleAsync(e => e.Id == original.Id));
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        var stored = Assert.Single(await HistoryAsync(id), e => e.Id == original.Id);
        Assert.Equal("Tamper target", stored.NewValue);
        Assert.Equal("Tamper target", (await factory.WithDbAsync(d => d.Promises.AsNoTracking().SingleAsync(p => p.Id == id))).Title);
    }

    [Fact]
    public async Task Work_outside_a_request_is_recorded_as_the_systems_with_the_ids_the_database_gave_and_deletions_too()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QualityGatesDbContext>();
        var customer = new Customer("Synchronous GmbH", "C-SYNC-1", factory.Clock.GetUtcNow().UtcDateTime);

        db.Customers.Add(customer);
        db.SaveChanges();
        db.Customers.Remove(customer);
        await db.SaveChangesAsync();

        var entries = await HistoryAsync(nameof(Customer), customer.Id.ToString(CultureInfo.InvariantCulture));
        Assert.True(customer.Id > 0);
        Assert.Equal(
            [(AuditAction.Created, "AccountNumber", "C-SYNC-1"), (AuditAction.Created, "CreatedAtUtc", null), (AuditAction.Created, "Name", "Synchronous GmbH"), (AuditAction.Deleted, null, null)],
            entries.Select(e => (e.Action, e.Field, e.Field == "CreatedAtUtc" ? null : e.NewValue)));
        Assert.All(entries, e => Assert.Equal((null, AuditActor.SystemName, null, null), (e.ActorId, e.ActorName, e.ActorRole, e.ActorDepartment)));
    }

    [Fact]
    public async Task The_promise_page_shows_its_history_newest_first_with_names_instead_of_ids()
    {
        var (client, id) = await CreateDraftAsync("sales@demo.local", "History on the page");
        using var _ = client;
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        await client.SubmitAsync($"/Promises/Edit/{id}", new Dictionary<string, string> { ["Input.Title"] = "History on the page, edited" });

        var page = await client.GetPageAsync($"/Promises/Details/{id}");

        var actions = page.QuerySelectorAll("ol.history > li").Select(r => r.TextContent).ToList();
        Assert.Equal(2, actions.Count);
        var newest = actions[0];
        Assert.Contains("Sara Sales", newest);
        Assert.Contains($"{Texts.English("Role.SalesRep")} · Sales", newest);
        Assert.Contains(Texts.English("History.Promise.Changed"), newest);
        Assert.Contains(Texts.English("AuditField.Title"), newest);
        Assert.Contains("History on the page", newest);
        Assert.Contains("History on the page, edited", newest);
        Assert.Contains(Texts.English("History.Promise.Created"), actions[1]);
        Assert.Null(page.QuerySelector("main a[href*='/Admin/Audit']"));

        using var admin = factory.CreateTestClient();
        await admin.SignInSuccessfullyAsync("admin@demo.local");
        var link = (await admin.GetPageAsync($"/Promises/Details/{id}")).QuerySelector<IHtmlAnchorElement>("main a[href*='/Admin/Audit']")!;
        var log = await admin.GetPageAsync(link.GetAttribute("href")!);
        var rows = log.QuerySelectorAll("table.audit-table tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal((await HistoryAsync(id)).Count, rows.Count);
        Assert.Contains(rows, r => r.Contains(Texts.English("AuditField.DeliveringDepartmentId"), StringComparison.Ordinal) && r.Contains("Service", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains(Texts.English("AuditField.Status"), StringComparison.Ordinal) && r.Contains(Texts.English("PromiseStatus.Draft"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_history_of_demo_data_names_the_system_as_its_author()
    {
        var entries = await HistoryAsync(1);

        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.Equal((null, AuditActor.SystemName), (e.ActorId, e.ActorName)));
        using var client = factory.CreateTestClient();
        await client.SignInSuccessfullyAsync("exec@demo.local");
        var page = await client.GetPageAsync("/Promises/Details/1");
        Assert.Contains(Texts.English("Audit.Actor.System"), page.QuerySelector("ol.history")!.TextContent);
    }

    [Fact]
    public async Task The_audit_log_filters_and_pages_in_the_database()
    {
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        var (sales, id) = await CreateDraftAsync("sales@demo.local", "Found in the audit log");
        using var _ = sales;
        using var admin = factory.CreateTestClient();
        await admin.SignInSuccessfullyAsync("admin@demo.local");
        var total = await factory.WithDbAsync(db => db.AuditEntries.CountAsync());
        Assert.True(total > 2 * Paging.DefaultPageSize, $"only {total} entries");

        var first = await admin.GetPageAsync("/Admin/Audit");
        var second = await admin.GetPageAsync(first.QuerySelector("nav[aria-label=Pages] a[rel=next]")!.GetAttribute("href")!);
        Assert.Equal(Paging.DefaultPageSize, first.QuerySelectorAll("table.audit-table tbody tr").Length);
        Assert.Contains("Found in the audit log", first.QuerySelector("table.audit-table tbody")!.TextContent);
        Assert.Contains(Texts.English("Pager.Count", total), first.QuerySelector("nav[aria-label=Pages]")!.TextContent);
        Assert.Equal(Paging.DefaultPageSize, second.QuerySelectorAll("table.audit-table tbody tr").Length);
        Assert.DoesNotContain("Found in the audit log", second.QuerySelector("table.audit-table tbody")!.TextContent);
        var back = await admin.GetPageAsync(second.QuerySelector("nav[aria-label=Pages] a[rel=prev]")!.GetAttribute("href")!);
        Assert.Equal(first.QuerySelector("table.audit-table tbody")!.TextContent, back.QuerySelector("table.audit-table tbody")!.TextContent);

        var ofPromise = await admin.GetPageAsync($"/Admin/Audit?entityType=Promise&entityId={id}");
        Assert.Equal((await HistoryAsync(id)).Count, ofPromise.QuerySelectorAll("table.audit-table tbody tr").Length);

        var sara = await UserAsync("sales@demo.local");
        var bySara = await factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.ActorId == sara.Id));
        var ofSara = await admin.GetPageAsync($"/Admin/Audit?userId={sara.Id}");
        Assert.Contains(Texts.English("Pager.Count", bySara), ofSara.QuerySelector("nav[aria-label=Pages]")!.TextContent);
        Assert.All(ofSara.QuerySelectorAll("table.audit-table tbody tr"), r => Assert.Contains("Sara Sales", r.TextContent));

        var (today, tomorrow) = (factory.FormDate(0), factory.FormDate(1));
        var searched = await admin.GetPageAsync($"/Admin/Audit?q=found+in+the+AUDIT&from={today}&to={today}");
        var found = Assert.Single(searched.QuerySelectorAll("table.audit-table tbody tr"));
        Assert.Contains(Texts.English("AuditField.Title"), found.TextContent);

        var none = await admin.GetPageAsync($"/Admin/Audit?from={tomorrow}");
        Assert.Null(none.QuerySelector("table.audit-table"));
        Assert.Contains(Texts.English("Audit.NoMatch"), none.Body!.TextContent);

        using var executive = factory.CreateTestClient();
        await executive.SignInSuccessfullyAsync("exec@demo.local");
        Assert.Equal(HttpStatusCode.Forbidden, (await executive.GetAsync("/Admin/Audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await sales.GetAsync("/Admin/Audit")).StatusCode);
    }

    [Fact]
    public async Task No_secret_of_a_user_ever_reaches_the_audit_trail_and_a_password_change_shows_without_values()
    {
        var before = await UserAsync("projects.manager@demo.local");
        using (var user = factory.CreateTestClient())
        {
            await user.SignInSuccessfullyAsync("projects.manager@demo.local");
            var changed = await user.SubmitAsync("/Account/ChangePassword", new Dictionary<string, string>
            {
                ["Input.CurrentPassword"] = QualityGates.Web.Data.Seeding.DemoData.Password,
                ["Input.NewPassword"] = "a brand new passphrase",
                ["Input.ConfirmPassword"] = "a brand new passphrase",
            });
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        }

        using var admin = factory.CreateTestClient();
        await admin.SignInSuccessfullyAsync("admin@demo.local");
        var reset = await admin.SubmitAsync($"/Admin/Users/Edit/{before.Id}",
            new Dictionary<string, string> { ["Password.NewPassword"] = "reset by the administrator" },
            "form[action*='handler=ResetPassword']");
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        var after = await UserAsync("projects.manager@demo.local");

        string[] secrets =
        [
            before.PasswordHash!, before.SecurityStamp!, before.ConcurrencyStamp!,
            after.PasswordHash!, after.SecurityStamp!, after.ConcurrencyStamp!,
        ];
        Assert.Equal(6, secrets.Distinct().Count(s => !string.IsNullOrEmpty(s)));
        var all = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().ToListAsync());
        var texts = all.SelectMany(e => new[] { e.OldValue, e.NewValue, e.Reason }).OfType<string>().ToList();
        Assert.All(secrets, secret => Assert.DoesNotContain(texts, t => t.Contains(secret, StringComparison.Ordinal)));
        Assert.DoesNotContain(all, e => e.Field is "SecurityStamp" or "ConcurrencyStamp" or "NormalizedEmail" or "NormalizedUserName" or "NormalizedName");

        var passwordChanges = (await HistoryAsync(nameof(AppUser), before.Id)).Where(e => e.Field == "PasswordHash").ToList();
        Assert.Equal([AuditAction.Created, AuditAction.Changed, AuditAction.Changed], passwordChanges.Select(e => e.Action));
        Assert.All(passwordChanges, e => Assert.Equal((null, null), (e.OldValue, e.NewValue)));
        Assert.Equal("Petra Projects", passwordChanges[1].ActorName);
        Assert.Equal("Anna Admin", passwordChanges[2].ActorName);

        var log = await admin.GetPageAsync($"/Admin/Audit?entityType=AppUser&entityId={before.Id}&q=password");
        Assert.Contains(Texts.English("Audit.Value.Hidden"), log.QuerySelector("table.audit-table tbody")!.TextContent);
    }

    [Fact]
    public async Task A_role_change_is_recorded_on_the_user_by_role_name()
    {
        using var admin = factory.CreateTestClient();
        await admin.SignInSuccessfullyAsync("admin@demo.local");
        var user = await UserAsync("production.manager@demo.local");
        var earlier = (await HistoryAsync(nameof(AppUser), user.Id)).Count;

        var saved = await admin.SubmitAsync($"/Admin/Users/Edit/{user.Id}", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Peter Executive",
            ["Input.DepartmentId"] = await factory.DepartmentAsync("Management"),
            ["Input.Role"] = Roles.Executive,
        }, "form:not([action])");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var changes = (await HistoryAsync(nameof(AppUser), user.Id)).Skip(earlier).ToList();
        Assert.All(changes, e => Assert.Equal(AuditAction.Changed, e.Action));
        Assert.Contains(changes, e => e.Field == AuditRules.RoleField && e.OldValue == Roles.ServiceManager && e.NewValue is null);
        Assert.Contains(changes, e => e.Field == AuditRules.RoleField && e.OldValue is null && e.NewValue == Roles.Executive);
        Assert.Contains(changes, e => e.Field == "DisplayName" && e.OldValue == "Peter Production" && e.NewValue == "Peter Executive");
        var management = await factory.DepartmentAsync("Management");
        Assert.Contains(changes, e => e.Field == "DepartmentId" && e.NewValue == management);
        Assert.All(changes, e => Assert.Equal((Roles.Administrator, "Management"), (e.ActorRole, e.ActorDepartment)));
    }

    [Fact]
    public void Every_audited_record_type_and_field_has_a_name_on_screen()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QualityGatesDbContext>();

        var keys = AuditRules.RecordTypes(db.Model)
            .SelectMany(t => AuditRules.FieldsOf(t).Select(f => $"AuditField.{f}").Append($"AuditEntity.{t.ClrType.Name}"))
            .Append($"AuditField.{AuditRules.RoleField}")
            .Concat(Enum.GetValues<AuditAction>().Select(a => $"Audit.Action.{a}"))
            .ToList();

        Assert.Contains("AuditField.Target.Metric", keys);
        Assert.Contains("AuditEntity.Promise", keys);
        Assert.DoesNotContain(keys, k => k.Contains("Normalized", StringComparison.Ordinal) || k.EndsWith("Stamp", StringComparison.Ordinal));
        Assert.DoesNotContain(keys, k => Texts.Resources.GetString(k, CultureInfo.InvariantCulture) is null);
    }
}
