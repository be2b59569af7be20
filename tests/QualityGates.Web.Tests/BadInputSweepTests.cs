using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using QualityGates.Web.Data.Seeding;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

/// <summary>
/// Finds every form of the app by itself (page routes from the endpoint data source, then the links of
/// each page, as every demo user) and posts each one with invalid, oversized, wrongly typed, missing and
/// hostile values, a stale version, another record's id and no antiforgery token. Every answer must be a
/// validation message, a 400/403/404/409 or a redirect inside the app — never a 5xx — and a refused post
/// must leave every table as it was. Forms added later are covered without touching this test.
/// </summary>
public sealed partial class BadInputSweepTests(QualityGatesFactory factory, ITestOutputHelper output) : IClassFixture<QualityGatesFactory>
{
    private const int Seed = 20260701;
    // The parameterless pages come first; the budget leaves room after them for the links to records (edit forms).
    private const int MaxPagesPerUser = 36;
    private const string XssMarker = "<script>alert('qg-xss')</script>";

    private static readonly string[] _hostileValues =
    [
        "",
        " ",
        new string('x', 20_000),
        XssMarker,
        "\"><img src=x onerror=alert('qg-xss')>",
        "' OR '1'='1'; DROP TABLE \"Promises\"; --",
        "1; DELETE FROM AspNetUsers",
        "-1",
        "0",
        "2147483648",
        "99999999999999999999999999999",
        "1e309",
        "NaN",
        "abc",
        "2026-02-30",
        "31.12.1899",
        "true",
        "\u0000\u0001",
        "../../../../etc/passwd",
        "ʘ‿ʘ 🚀 ÄÖÜß",
        "https://evil.example/",
        "//evil.example/",
    ];

    // Signing out ends the session the sweep works with; the sign-in form records refused attempts by design.
    private static readonly string[] _skippedActions = ["/Account/Logout"];
    private const string LoginAction = "/Account/Login";

    private sealed record FoundForm(string User, string PageUrl, string Action, string Method, IReadOnlyList<string> Fields)
    {
        public string Key => $"{Method} {Normalize(Action)} [{string.Join(",", Fields.Order(StringComparer.Ordinal))}]";
    }

    [Fact]
    public async Task Every_form_answers_bad_input_with_a_message_or_a_refusal_and_leaves_the_database_unchanged()
    {
        var clients = new Dictionary<string, TestClient>();
        try
        {
            foreach (var (email, _, _, _) in DemoData.Users)
            {
                var client = factory.CreateTestClient();
                await client.SignInSuccessfullyAsync(email);
                clients[email] = client;
            }

            clients["anonymous"] = factory.CreateTestClient();

            var (forms, pagesByUser, idsByRoute) = await DiscoverAsync(clients);
            Assert.Contains(forms, f => Normalize(f.Action) == "/Promises/Edit/{id}");
            Assert.Contains(forms, f => Normalize(f.Action).StartsWith("/Admin/Users/Edit/", StringComparison.Ordinal));
            Assert.True(forms.Count(f => f.Method == "post") >= 10, $"only {forms.Count} forms found");

            var failures = new List<string>();
            var random = new Random(Seed);
            var posts = 0;
            foreach (var form in forms)
            {
                foreach (var mutation in Mutations(form, idsByRoute, random))
                {
                    posts++;
                    var failure = await TryAsync(clients[form.User], form, mutation);
                    if (failure is not null)
                    {
                        failures.Add($"{form.Method.ToUpperInvariant()} {form.Action} as {form.User}, {mutation.Describe()}: {failure}");
                    }
                }
            }

            // What was accepted is shown encoded: no injected markup on any page afterwards.
            foreach (var (user, pages) in pagesByUser)
            {
                foreach (var url in pages)
                {
                    var response = await clients[user].GetAsync(url);
                    var html = await response.Content.ReadAsStringAsync();
                    if ((int)response.StatusCode >= 500)
                    {
                        failures.Add($"GET {url} as {user} after the sweep answered {(int)response.StatusCode}");
                    }

                    if (html.Contains("alert('qg-xss')", StringComparison.Ordinal) && (html.Contains(XssMarker, StringComparison.Ordinal)
                        || html.Contains("<img src=x onerror", StringComparison.Ordinal)))
                    {
                        failures.Add($"GET {url} as {user} shows injected markup unencoded");
                    }

                    var policy = response.Headers.TryGetValues("Content-Security-Policy", out var policies) ? policies.Single() : "";
                    failures.AddRange(InlineCode(html, policy).Select(code => $"GET {url} as {user} has inline code the CSP blocks: {code}"));
                }
            }

            output.WriteLine($"{forms.Count} forms, {posts} bad submissions, {pagesByUser.Values.Sum(p => p.Count)} pages checked");
            foreach (var form in forms)
            {
                output.WriteLine($"  {form.Key} (as {form.User})");
            }

            Assert.True(failures.Count == 0, $"{failures.Count} of {posts} bad submissions misbehaved:\n" + string.Join("\n", failures.Distinct().Take(60)));
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }
    }

    // ---- Discovery ------------------------------------------------------------------------------------

    private async Task<(List<FoundForm> Forms, Dictionary<string, List<string>> Pages, Dictionary<string, HashSet<string>> Ids)> DiscoverAsync(
        Dictionary<string, TestClient> clients)
    {
        var seeds = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null && e.RoutePattern.Parameters.All(p => p.IsOptional))
            .Select(e => "/" + string.Join("/", e.RoutePattern.PathSegments.Select(s => string.Concat(s.Parts.OfType<Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart>().Select(l => l.Content)))))
            .Select(u => u.TrimEnd('/') is "" ? "/" : u.TrimEnd('/'))
            .Where(u => !u.StartsWith("/Error", StringComparison.Ordinal) && !u.EndsWith("/Index", StringComparison.Ordinal))
            .Distinct()
            .ToList();

        var forms = new Dictionary<string, FoundForm>();
        var pages = new Dictionary<string, List<string>>();
        var ids = new Dictionary<string, HashSet<string>>();
        foreach (var (user, client) in clients)
        {
            var visitedKeys = new HashSet<string>();
            var queue = new Queue<string>(seeds.Prepend("/"));
            var visited = new List<string>();
            while (queue.Count > 0 && visited.Count < MaxPagesPerUser)
            {
                var url = queue.Dequeue();
                if (!visitedKeys.Add(Normalize(url.Split('?')[0])))
                {
                    continue;
                }

                var response = await client.GetAsync(url);
                Assert.True((int)response.StatusCode < 500, $"GET {url} as {user} answered {(int)response.StatusCode}");
                if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
                {
                    continue;
                }

                visited.Add(url);
                var page = await TestClient.ParseAsync(response);
                foreach (var href in page.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!))
                {
                    if (href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal) && !href.StartsWith("/lib/", StringComparison.Ordinal))
                    {
                        var path = href.Split('#')[0];
                        RememberId(ids, path.Split('?')[0]);
                        queue.Enqueue(path);
                    }
                }

                foreach (var form in page.QuerySelectorAll("form").OfType<IHtmlFormElement>())
                {
                    var action = new Uri(new Uri(page.Url), form.GetAttribute("action") ?? "").PathAndQuery;
                    if (_skippedActions.Any(a => action.StartsWith(a, StringComparison.OrdinalIgnoreCase)))
                    {
                        continue;
                    }

                    var fields = form.Elements.Select(e => e.GetAttribute("name")).OfType<string>().Where(n => n.Length > 0).Distinct().ToList();
                    var found = new FoundForm(user, url, action, (form.GetAttribute("method") ?? "get").ToLowerInvariant(), fields);
                    forms.TryAdd(found.Key, found);
                }
            }

            pages[user] = visited;
        }

        return (forms.Values.ToList(), pages, ids);
    }

    private static void RememberId(Dictionary<string, HashSet<string>> ids, string path)
    {
        var match = IdSegment().Match(path);
        if (match.Success)
        {
            var key = Normalize(path);
            if (!ids.TryGetValue(key, out var set))
            {
                ids[key] = set = [];
            }

            set.Add(match.Groups["id"].Value);
        }
    }

    /// <summary>"/Promises/Edit/42?x=1" → "/Promises/Edit/{id}?x=1": ids and GUIDs become a placeholder.</summary>
    private static string Normalize(string url) => IdSegment().Replace(url, "/{id}");

    [GeneratedRegex(@"/(?<id>\d+|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?=/|\?|$)")]
    private static partial Regex IdSegment();

    // ---- Mutations ------------------------------------------------------------------------------------

    private sealed record Mutation(string Kind, IReadOnlyDictionary<string, string?> Values, string? Action = null, bool DropToken = false)
    {
        public string Describe() =>
            Kind + ": " + string.Join(", ", Values.Select(v => $"{v.Key}={(v.Value is null ? "(missing)" : Shorten(v.Value))}"))
            + (Action is null ? "" : $" to {Action}") + (DropToken ? " without antiforgery token" : "");

        private static string Shorten(string value) => value.Length > 40 ? $"{value[..20]}…({value.Length} chars)" : value;
    }

    private static IEnumerable<Mutation> Mutations(FoundForm form, Dictionary<string, HashSet<string>> idsByRoute, Random random)
    {
        var fields = form.Fields.Where(f => f != "__RequestVerificationToken").ToList();
        // Hostile values in up to six randomly chosen fields (seeded: a failure repeats).
        foreach (var field in fields.OrderBy(_ => random.Next()).Take(6))
        {
            yield return new("hostile value", new Dictionary<string, string?> { [field] = _hostileValues[random.Next(_hostileValues.Length)] });
        }

        if (fields.Count > 0)
        {
            yield return new("missing field", new Dictionary<string, string?> { [fields[random.Next(fields.Count)]] = null });
            yield return new("all fields hostile", fields.ToDictionary(f => f, f => (string?)_hostileValues[random.Next(_hostileValues.Length)]));
        }

        var version = fields.FirstOrDefault(f => f.EndsWith("Version", StringComparison.Ordinal) || f.EndsWith("ConcurrencyStamp", StringComparison.Ordinal));
        if (version is not null)
        {
            yield return new("stale version", new Dictionary<string, string?> { [version] = "0" });
        }

        if (form.Method != "post")
        {
            yield break;
        }

        yield return new("no antiforgery token", new Dictionary<string, string?>(), DropToken: true);

        var path = form.Action.Split('?')[0];
        var match = IdSegment().Match(path);
        if (match.Success)
        {
            var own = match.Groups["id"].Value;
            var others = idsByRoute.Where(r => r.Key.Split('/').Length > 1).SelectMany(r => r.Value)
                .Where(id => id != own && id.All(char.IsDigit) == own.All(char.IsDigit)).Distinct().Order(StringComparer.Ordinal).ToList();
            var other = others.Count > 0 ? others[random.Next(others.Count)] : "999999";
            foreach (var id in new[] { other, own.All(char.IsDigit) ? "999999" : Guid.NewGuid().ToString() })
            {
                yield return new("another record's id", new Dictionary<string, string?>(),
                    Action: path[..match.Index] + "/" + id + path[(match.Index + match.Length)..] + form.Action[path.Length..]);
            }
        }
    }

    // ---- One submission -------------------------------------------------------------------------------

    private async Task<string?> TryAsync(TestClient client, FoundForm found, Mutation mutation)
    {
        var page = await TestClient.ParseAsync(await client.GetAsync(found.PageUrl));
        var form = page.QuerySelectorAll("form").OfType<IHtmlFormElement>().FirstOrDefault(f =>
            new FoundForm(found.User, found.PageUrl, new Uri(new Uri(page.Url), f.GetAttribute("action") ?? "").PathAndQuery,
                (f.GetAttribute("method") ?? "get").ToLowerInvariant(),
                f.Elements.Select(e => e.GetAttribute("name")).OfType<string>().Where(n => n.Length > 0).Distinct().ToList()).Key == found.Key);
        if (form is null)
        {
            return null; // an earlier accepted submission changed the record so that the form is gone
        }

        var values = CurrentValues(form);
        foreach (var (name, value) in mutation.Values)
        {
            values.RemoveAll(v => v.Key == name);
            if (value is not null)
            {
                values.Add(new(name, value));
            }
        }

        if (mutation.DropToken)
        {
            values.RemoveAll(v => v.Key == "__RequestVerificationToken");
        }

        var action = mutation.Action ?? new Uri(new Uri(page.Url), form.GetAttribute("action") ?? "").PathAndQuery;
        var before = await SnapshotAsync();
        HttpResponseMessage response;
        if (found.Method == "post")
        {
            response = await client.Http.PostAsync(action, new FormUrlEncodedContent(values));
        }
        else
        {
            var query = string.Join("&", values.Select(v => $"{Uri.EscapeDataString(v.Key)}={Uri.EscapeDataString(v.Value)}"));
            response = await client.Http.GetAsync(action.Split('?')[0] + "?" + query);
        }

        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            return $"answered {status}";
        }

        if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.Found)
        {
            var location = response.Headers.Location!;
            return location.IsAbsoluteUri && location.Host != "localhost" || location.OriginalString.StartsWith("//", StringComparison.Ordinal)
                   || location.OriginalString.StartsWith("/\\", StringComparison.Ordinal)
                ? $"redirected off the site to {location}"
                : null; // accepted: a valid submission may change the database
        }

        if (status is not (200 or 400 or 403 or 404 or 409))
        {
            return $"answered {status}";
        }

        if (found.Method == "post" && status == 200)
        {
            var answer = await TestClient.ParseAsync(response);
            var messages = answer.QuerySelectorAll(".field-validation-error, .validation-summary-errors, .alert-danger, .alert-warning")
                .Where(e => e.TextContent.Trim().Length > 0);
            if (!messages.Any())
            {
                return "answered 200 without telling the user what was wrong";
            }
        }

        if (found.Method == "post" && !found.Action.StartsWith(LoginAction, StringComparison.OrdinalIgnoreCase))
        {
            var after = await SnapshotAsync();
            if (after != before)
            {
                return $"answered {status} but changed the database ({Difference(before, after)})";
            }
        }

        return null;
    }

    private static List<KeyValuePair<string, string>> CurrentValues(IHtmlFormElement form)
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

    /// <summary>The row count of every table of the model, the audit trail's included.</summary>
    private async Task<string> SnapshotAsync() => await factory.WithDbAsync(async db =>
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var tables = db.Model.GetEntityTypes().Where(t => t.GetTableName() is not null)
            .Select(t => sql.DelimitIdentifier(t.GetTableName()!, t.GetSchema())).Distinct().Order(StringComparer.Ordinal).ToList();
        // One query: (SELECT COUNT(*) FROM a) || ',' || (SELECT COUNT(*) FROM b) …
        var counts = string.Join(" || ',' || ", tables.Select(t => $"CAST((SELECT COUNT(*) FROM {t}) AS VARCHAR(20))"));
#pragma warning disable EF1002 // Table names from the model, delimited by the provider.
        var row = await db.Database.SqlQueryRaw<string>($"SELECT {counts} AS {sql.DelimitIdentifier("Value")}").SingleAsync();
#pragma warning restore EF1002
        var lastAudit = await db.AuditEntries.MaxAsync(e => (long?)e.Id) ?? 0;
        return string.Join(" ", tables.Zip(row.Split(','), (t, c) => $"{t}={c}")) + $" lastAudit={lastAudit.ToString(CultureInfo.InvariantCulture)}";
    });

    private static string Difference(string before, string after) =>
        string.Join(", ", after.Split(' ').Except(before.Split(' ')));

    /// <summary>Inline script, inline event handlers and style attributes in a rendered page (blocked by the CSP).</summary>
    private static IEnumerable<string> InlineCode(string html, string policy)
    {
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        // A JSON data block is never executed, so the CSP does not apply to it (the dashboard's chart data); a script
        // that the response's own policy allows by its nonce runs (the API reference page, ADR 0028).
        foreach (var script in document.QuerySelectorAll("script:not([src]):not([type='application/json'])")
                     .Where(s => s.GetAttribute("nonce") is not { Length: > 0 } nonce || !policy.Contains($"'nonce-{nonce}'", StringComparison.Ordinal)))
        {
            yield return "<script> " + script.TextContent.Trim()[..Math.Min(40, script.TextContent.Trim().Length)];
        }

        foreach (var element in document.All)
        {
            foreach (var attribute in element.Attributes)
            {
                if (attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase) || attribute.Name == "style")
                {
                    yield return $"<{element.LocalName} {attribute.Name}=…>";
                }
            }
        }
    }
}
