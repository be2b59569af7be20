using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Npgsql;

// A bounded load run against QualityGates behind a proxy on this machine (loopback only; it stops by itself):
// N signed-in users for D seconds mixing reads, creates, submits, contested edits and G1 decisions; then it
// checks in the database that every write it saw succeed is there and nothing was overwritten silently.
// Usage: dotnet run --project tools/QualityGates.LoadTest -- --base-url https://127.0.0.1:5300 \
//        --db "Host=127.0.0.1;Port=5443;Username=postgres;Database=qualitygates" [--users 50] [--seconds 60] [--report file.json]
var options = Options.Parse(args);
if (!options.BaseUrl.IsLoopback)
{
    Console.Error.WriteLine($"Refusing to load {options.BaseUrl}: this tool targets loopback addresses only.");
    return 2;
}

var run = DateTime.UtcNow.ToString("MMddHHmmss", CultureInfo.InvariantCulture);
var stats = new Stats();
Console.WriteLine($"Run {run}: {options.Users} users for {options.Seconds} s against {options.BaseUrl}");

// --- Set-up: the load-test users, created through the admin pages (no seeding switch in the app) ------------
using var admin = new Client(options.BaseUrl, stats);
await admin.SignInAsync(options.AdminEmail, options.AdminPassword);
var users = new List<(string Email, bool Manager)>();
var managers = Math.Max(1, options.Users / 5);
for (var i = 1; i <= options.Users; i++)
{
    var manager = i <= managers;
    var email = string.Create(CultureInfo.InvariantCulture, $"load-{(manager ? "sm" : "sr")}-{i:00}@load.test");
    await admin.EnsureUserAsync(email, manager ? "ServiceManager" : "SalesRep", manager ? "Service" : "Sales", options.UserPassword);
    users.Add((email, manager));
}

var clients = new List<(Client Client, bool Manager, string Name)>();
foreach (var (email, manager) in users)
{
    var client = new Client(options.BaseUrl, stats);
    await client.SignInAsync(email, options.UserPassword);
    clients.Add((client, manager, email.Split('@')[0]));
}

// Contested drafts: every sales user edits the same few records, so concurrent edits really collide.
var contested = new List<int>();
for (var i = 0; i < 8; i++)
{
    contested.Add(await clients.First(c => !c.Manager).Client.CreatePromiseAsync($"LT-{run}-contested-{i}") ?? throw new InvalidOperationException("Could not create a contested draft."));
}

var initialVersions = await VersionsAsync(options.Db, contested);
stats.Reset();
Console.WriteLine($"Set-up done: {clients.Count} users signed in, {contested.Count} contested drafts. Load starts.");

// --- Load ------------------------------------------------------------------------------------------------
var deadline = DateTime.UtcNow.AddSeconds(options.Seconds);
var successfulEdits = new ConcurrentBag<(int Id, string Title)>();
var uncertainEdits = new ConcurrentBag<int>();
var watch = Stopwatch.StartNew();
await Task.WhenAll(clients.Select((c, index) => Task.Run(async () =>
{
    var random = new Random(index);
    var n = 0;
    while (DateTime.UtcNow < deadline)
    {
        n++;
        var roll = random.Next(100);
        try
        {
            if (c.Manager)
            {
                if (roll < 60) { await c.Client.ReadAsync(random); } else { await c.Client.DecideAsync(run, random); }
            }
            else if (roll < 50)
            {
                await c.Client.ReadAsync(random);
            }
            else if (roll < 70)
            {
                var id = await c.Client.CreatePromiseAsync($"LT-{run}-c-{c.Name}-{n}");
                if (id is { } created && random.Next(2) == 0)
                {
                    await c.Client.SubmitAsync(created);
                }
            }
            else
            {
                var id = contested[random.Next(contested.Count)];
                var title = $"LT-{run}-e-{c.Name}-{n}";
                switch (await c.Client.EditAsync(id, title, random))
                {
                    case Outcome.Success: successfulEdits.Add((id, title)); break;
                    case Outcome.Unknown: uncertainEdits.Add(id); break;
                }
            }
        }
        catch (HttpRequestException e)
        {
            stats.Count("transport error: " + e.Message);
        }
        catch (TaskCanceledException)
        {
            stats.Count("timeout");
        }
    }
})));
watch.Stop();

// --- Checks in the database ---------------------------------------------------------------------------------
await using var db = new NpgsqlConnection(options.Db);
await db.OpenAsync();
var problems = new List<string>();
var createdInDb = await ScalarAsync(db, $"SELECT COUNT(*) FROM \"Promises\" WHERE \"Title\" LIKE 'LT-{run}-c-%'");
var createdOk = stats.Get("create ok");
var createdUnknown = stats.Get("create unknown");
if (createdInDb < createdOk || createdInDb > createdOk + createdUnknown)
{
    problems.Add($"created promises: {createdInDb} in the database, {createdOk} confirmed (+{createdUnknown} unknown)");
}

var withoutAudit = await ScalarAsync(db, $"SELECT COUNT(*) FROM \"Promises\" p WHERE p.\"Title\" LIKE 'LT-{run}-%' AND NOT EXISTS " +
    "(SELECT 1 FROM \"AuditEntries\" a WHERE a.\"EntityType\" = 'Promise' AND a.\"EntityId\" = CAST(p.\"Id\" AS text) AND a.\"Action\" = 'Created')");
if (withoutAudit > 0)
{
    problems.Add($"{withoutAudit} promises of this run have no audit entries (half-written)");
}

var duplicateNumbers = await ScalarAsync(db, "SELECT COUNT(*) - COUNT(DISTINCT \"Number\") FROM \"Promises\"");
if (duplicateNumbers != 0)
{
    problems.Add($"{duplicateNumbers} duplicate promise numbers");
}

var sequenceBehind = await ScalarAsync(db, "SELECT COUNT(*) FROM \"Promises\" p JOIN \"NumberSequences\" s ON s.\"Name\" = 'promise-' || split_part(p.\"Number\", '-', 2) " +
    "WHERE CAST(split_part(p.\"Number\", '-', 3) AS integer) > s.\"LastValue\"");
if (sequenceBehind != 0)
{
    problems.Add($"{sequenceBehind} promise numbers above their sequence's last value");
}

var submittedWithoutReview = await ScalarAsync(db, $"SELECT COUNT(*) FROM \"Promises\" p WHERE p.\"Title\" LIKE 'LT-{run}-%' AND p.\"Status\" <> 'Draft' " +
    "AND NOT EXISTS (SELECT 1 FROM \"GateReviews\" r WHERE r.\"PromiseId\" = p.\"Id\") AND NOT EXISTS (SELECT 1 FROM \"PromiseRevisions\" v WHERE v.\"PromiseId\" = p.\"Id\")");
if (submittedWithoutReview != 0)
{
    problems.Add($"{submittedWithoutReview} submitted promises have neither a revision nor a review (half-written submit)");
}

var finalVersions = await VersionsAsync(options.Db, contested);
foreach (var id in contested)
{
    var title = (string)(await new NpgsqlCommand($"SELECT \"Title\" FROM \"Promises\" WHERE \"Id\" = {id.ToString(CultureInfo.InvariantCulture)}", db).ExecuteScalarAsync())!;
    var wins = successfulEdits.Where(e => e.Id == id).Select(e => e.Title).ToList();
    var unknown = uncertainEdits.Count(e => e == id);
    var bumps = finalVersions[id] - initialVersions[id];
    if (wins.Count > 0 && !wins.Contains(title) && unknown == 0)
    {
        problems.Add($"contested #{id}: final title '{title}' is none of its {wins.Count} successful edits");
    }

    if (bumps < wins.Count || bumps > wins.Count + unknown)
    {
        problems.Add($"contested #{id}: version rose by {bumps} but {wins.Count} edits succeeded (+{unknown} unknown): an edit was lost");
    }
}

var report = new
{
    run,
    users = clients.Count,
    seconds = Math.Round(watch.Elapsed.TotalSeconds, 1),
    requests = stats.Requests,
    requestsPerSecond = Math.Round(stats.Requests / watch.Elapsed.TotalSeconds, 1),
    status = stats.Statuses,
    served = stats.Instances,
    outcomes = stats.Outcomes,
    contestedEdits = new { succeeded = successfulEdits.Count, conflicts = stats.Get("edit conflict"), unknown = uncertainEdits.Count },
    database = new { createdInDb, createdOk, createdUnknown, withoutAudit, duplicateNumbers, sequenceBehind, submittedWithoutReview },
    fiveHundreds = stats.ServerErrors,
    problems,
};
var json = JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true });
Console.WriteLine(json);
if (options.Report is not null)
{
    await File.WriteAllTextAsync(options.Report, json);
}

foreach (var (client, _, _) in clients)
{
    client.Dispose();
}

// 5xx from the app count against the run; 502 from the proxy for a POST in flight on a killed instance are reported.
var failed = problems.Count > 0 || stats.ServerErrors.Keys.Any(k => k != "502 (proxy, instance gone)");
Console.WriteLine(failed ? "LOAD TEST FAILED" : "LOAD TEST PASSED");
return failed ? 1 : 0;

static async Task<long> ScalarAsync(NpgsqlConnection db, string sql)
{
    await using var command = new NpgsqlCommand(sql, db);
    return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
}

static async Task<Dictionary<int, int>> VersionsAsync(string connectionString, List<int> ids)
{
    await using var db = new NpgsqlConnection(connectionString);
    await db.OpenAsync();
    await using var command = new NpgsqlCommand($"SELECT \"Id\", \"Version\" FROM \"Promises\" WHERE \"Id\" IN ({string.Join(",", ids)})", db);
    await using var reader = await command.ExecuteReaderAsync();
    var versions = new Dictionary<int, int>();
    while (await reader.ReadAsync())
    {
        versions[reader.GetInt32(0)] = reader.GetInt32(1);
    }

    return versions;
}

internal enum Outcome
{
    Success,
    Refused,
    Unknown,
}

internal sealed record Options(Uri BaseUrl, string Db, int Users, int Seconds, string? Report, string AdminEmail, string AdminPassword, string UserPassword)
{
    public static Options Parse(string[] args)
    {
        string Value(string name, string? fallback = null)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback ?? throw new ArgumentException($"{name} is required");
        }

        return new(
            new Uri(Value("--base-url", "https://127.0.0.1:5300")),
            Value("--db"),
            int.Parse(Value("--users", "50"), CultureInfo.InvariantCulture),
            Math.Min(600, int.Parse(Value("--seconds", "60"), CultureInfo.InvariantCulture)),
            Array.IndexOf(args, "--report") >= 0 ? Value("--report") : null,
            Value("--admin", "admin@demo.local"),
            Value("--admin-password", "demo-password-2026"),
            Value("--user-password", "load-test-password-2026"));
    }
}

internal sealed class Stats
{
    private readonly ConcurrentDictionary<string, int> _outcomes = new();
    private readonly ConcurrentDictionary<string, int> _statuses = new();
    private readonly ConcurrentDictionary<string, int> _instances = new();
    private readonly ConcurrentDictionary<string, int> _serverErrors = new();
    private int _requests;

    public int Requests => _requests;

    public IReadOnlyDictionary<string, int> Outcomes => new SortedDictionary<string, int>(_outcomes);

    public IReadOnlyDictionary<string, int> Statuses => new SortedDictionary<string, int>(_statuses);

    public IReadOnlyDictionary<string, int> Instances => new SortedDictionary<string, int>(_instances);

    public IReadOnlyDictionary<string, int> ServerErrors => new SortedDictionary<string, int>(_serverErrors);

    public void Count(string outcome) => _outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);

    public int Get(string outcome) => _outcomes.GetValueOrDefault(outcome);

    public void Response(HttpMethod method, string path, HttpResponseMessage response)
    {
        Interlocked.Increment(ref _requests);
        var status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        _statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
        var instance = response.Headers.TryGetValues("X-Instance", out var names) ? names.First() : "(none)";
        _instances.AddOrUpdate(instance, 1, (_, n) => n + 1);
        if ((int)response.StatusCode >= 500)
        {
            var key = response.StatusCode == HttpStatusCode.BadGateway && instance == "(none)"
                ? "502 (proxy, instance gone)"
                : $"{status} {method} {path} ({instance})";
            _serverErrors.AddOrUpdate(key, 1, (_, n) => n + 1);
        }
    }

    public void Reset()
    {
        _outcomes.Clear();
        _statuses.Clear();
        _instances.Clear();
        _serverErrors.Clear();
        _requests = 0;
    }
}

/// <summary>One browser: its own cookies, real forms with their antiforgery tokens.</summary>
internal sealed class Client : IDisposable
{
    private static readonly HtmlParser _parser = new();
    private readonly HttpClient _http;
    private readonly Stats _stats;

    public Client(Uri baseUrl, Stats stats)
    {
        _stats = stats;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = new CookieContainer(),
            // The proxy's certificate is self-signed for 127.0.0.1; accepted only there.
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => baseUrl.IsLoopback },
            PooledConnectionLifetime = TimeSpan.FromSeconds(30),
        };
        _http = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, IEnumerable<KeyValuePair<string, string>>? form = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }

        var response = await _http.SendAsync(request);
        _stats.Response(method, path.Split('?')[0], response);
        return response;
    }

    private async Task<(HttpResponseMessage Response, IHtmlDocument Page)> GetPageAsync(string path)
    {
        var response = await SendAsync(HttpMethod.Get, path);
        return (response, _parser.ParseDocument(await response.Content.ReadAsStringAsync()));
    }

    private static List<KeyValuePair<string, string>> FormValues(IHtmlFormElement form)
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio", IsChecked: false }:
                case IHtmlInputElement { Type: "submit" or "button" }:
                    continue;
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name):
                    values.Add(new(input.Name, input.Value));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    values.Add(new(area.Name, area.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    values.AddRange(select.SelectedOptions.Select(o => new KeyValuePair<string, string>(select.Name, o.Value)));
                    break;
            }
        }

        return values;
    }

    private static void Set(List<KeyValuePair<string, string>> values, string name, string value)
    {
        values.RemoveAll(v => v.Key == name);
        values.Add(new(name, value));
    }

    private static string Option(IHtmlDocument page, string select, string? text = null) =>
        page.QuerySelectorAll($"select[name='{select}'] option").OfType<IHtmlOptionElement>()
            .FirstOrDefault(o => o.Value.Length > 0 && (text is null || o.Text.Trim() == text))?.Value
        ?? throw new InvalidOperationException($"No option {text} in {select}");

    public async Task SignInAsync(string email, string password)
    {
        var (_, page) = await GetPageAsync("/Account/Login");
        var values = FormValues(page.QuerySelector("main form[method=post]") as IHtmlFormElement ?? throw new InvalidOperationException("No login form"));
        Set(values, "Input.Email", email);
        Set(values, "Input.Password", password);
        var response = await SendAsync(HttpMethod.Post, "/Account/Login", values);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in of {email} answered {(int)response.StatusCode}");
        }
    }

    public async Task EnsureUserAsync(string email, string role, string department, string password)
    {
        var (_, list) = await GetPageAsync("/Admin/Users?q=" + Uri.EscapeDataString(email));
        if (list.Body!.TextContent.Contains(email, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var (_, page) = await GetPageAsync("/Admin/Users/Create");
        var values = FormValues((IHtmlFormElement)page.QuerySelector("main form[method=post]")!);
        Set(values, "Input.Email", email);
        Set(values, "Input.DisplayName", "Load " + email.Split('@')[0]);
        Set(values, "Input.Password", password);
        Set(values, "Input.Role", role);
        Set(values, "Input.DepartmentId", Option(page, "Input.DepartmentId", department));
        var response = await SendAsync(HttpMethod.Post, "/Admin/Users/Create", values);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Creating {email} answered {(int)response.StatusCode}");
        }
    }

    public async Task ReadAsync(Random random)
    {
        string[] pages = ["/", "/Promises", "/Promises?sort=due", "/Reviews", "/Customers", "/Envelopes"];
        var (response, page) = await GetPageAsync(pages[random.Next(pages.Length)]);
        var link = page.QuerySelectorAll("a[href^='/Promises/Details/'], a[href^='/Reviews/Details/']").Select(a => a.GetAttribute("href")!).ToList();
        if (response.IsSuccessStatusCode && link.Count > 0)
        {
            await GetPageAsync(link[random.Next(link.Count)]);
        }

        _stats.Count(response.IsSuccessStatusCode ? "read ok" : "read failed");
    }

    // The customer field is a type-ahead: its choices come from the search endpoint, as in the browser.
    // An instance killed mid-request answers with nginx's 502 page: then there is no choice, and no promise.
    private async Task<string?> FirstCustomerAsync()
    {
        using var response = await SendAsync(HttpMethod.Get, "/Customers/Search?q=");
        if (!response.IsSuccessStatusCode)
        {
            _stats.Count("customer search failed");
            return null;
        }

        using var matches = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return matches.RootElement.EnumerateArray().Select(m => m.GetProperty("id").GetInt32().ToString(CultureInfo.InvariantCulture))
            .FirstOrDefault() ?? throw new InvalidOperationException("No customer to choose");
    }

    public async Task<int?> CreatePromiseAsync(string title)
    {
        var (_, page) = await GetPageAsync("/Promises/Create");
        if (page.QuerySelector("main form[method=post]") is not IHtmlFormElement form)
        {
            _stats.Count("create form missing");
            return null;
        }

        if (await FirstCustomerAsync() is not { } customer)
        {
            return null;
        }

        var values = FormValues(form);
        Set(values, "Input.Title", title);
        Set(values, "Input.Statement", "Load test: we answer every ticket within two hours.");
        Set(values, "Input.CategoryId", Option(page, "Input.CategoryId", "Response time"));
        Set(values, "Input.CustomerId", customer);
        Set(values, "Input.DeliveringDepartmentId", Option(page, "Input.DeliveringDepartmentId", "Service"));
        Set(values, "Input.Source", "Contract");
        Set(values, "Input.SourceReference", "LT");
        Set(values, "Input.TargetMetric", "First response");
        Set(values, "Input.TargetComparator", "AtMost");
        Set(values, "Input.TargetValue", "2");
        Set(values, "Input.TargetUnit", "h");
        Set(values, "Input.DueDate", DateTime.UtcNow.AddDays(60).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var response = await SendAsync(HttpMethod.Post, "/Promises/Create", values);
        return Record("create", response) == Outcome.Success && int.TryParse(response.Headers.Location!.OriginalString.Split('/').Last(), CultureInfo.InvariantCulture, out var id)
            ? id
            : null;
    }

    public async Task SubmitAsync(int id)
    {
        var (_, page) = await GetPageAsync($"/Promises/Details/{id.ToString(CultureInfo.InvariantCulture)}");
        if (page.QuerySelector("form[action*='handler=Submit']") is IHtmlFormElement form)
        {
            Record("submit", await SendAsync(HttpMethod.Post, form.GetAttribute("action")!, FormValues(form)));
        }
    }

    public async Task<Outcome> EditAsync(int id, string title, Random random)
    {
        var path = $"/Promises/Edit/{id.ToString(CultureInfo.InvariantCulture)}";
        var (_, page) = await GetPageAsync(path);
        if (page.QuerySelector("main form[method=post]") is not IHtmlFormElement form)
        {
            _stats.Count("edit form missing");
            return Outcome.Refused;
        }

        var values = FormValues(form);
        Set(values, "Input.Title", title);
        await Task.Delay(random.Next(50, 400)); // a person types: others save meanwhile
        var response = await SendAsync(HttpMethod.Post, path, values);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            var answer = _parser.ParseDocument(await response.Content.ReadAsStringAsync());
            _stats.Count(answer.QuerySelector(".alert-danger, .validation-summary-errors") is not null ? "edit conflict" : "edit refused");
            return Outcome.Refused;
        }

        return Record("edit", response);
    }

    public async Task DecideAsync(string run, Random random)
    {
        var (_, list) = await GetPageAsync("/Reviews");
        var reviews = list.QuerySelectorAll("a[href^='/Reviews/Details/']").Select(a => a.GetAttribute("href")!).Distinct().ToList();
        if (reviews.Count == 0)
        {
            _stats.Count("decide: nothing to decide");
            return;
        }

        var path = reviews[random.Next(reviews.Count)];
        var (_, page) = await GetPageAsync(path);
        if (page.QuerySelector("form[action*='handler=Decide']") is not IHtmlFormElement form || form.QuerySelector("input[name='Input.Decision']") is null)
        {
            _stats.Count("decide: not mine");
            return;
        }

        var values = FormValues(form);
        foreach (var answer in form.QuerySelectorAll("input[type=radio][name$='.Answer']").Select(i => i.GetAttribute("name")!).Distinct().ToList())
        {
            Set(values, answer, "Met");
        }

        Set(values, "Input.Decision", "Go");
        Set(values, "Input.Reason", "LT-" + run);
        var response = await SendAsync(HttpMethod.Post, form.GetAttribute("action")!, values);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            _stats.Count("decide refused");
            return;
        }

        Record("decide", response);
    }

    // A redirect is a saved write; a 5xx for a POST may or may not have been applied (the instance died mid-way).
    private Outcome Record(string action, HttpResponseMessage response)
    {
        if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther)
        {
            _stats.Count(action + " ok");
            return Outcome.Success;
        }

        if ((int)response.StatusCode >= 500)
        {
            _stats.Count(action + " unknown");
            return Outcome.Unknown;
        }

        _stats.Count($"{action} {(int)response.StatusCode}");
        return Outcome.Refused;
    }
}
