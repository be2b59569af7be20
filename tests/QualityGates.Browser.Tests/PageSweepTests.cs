using System.Text.Json;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Microsoft.Playwright;
using QualityGates.Browser.Tests.Infrastructure;
using QualityGates.Tests;
using QualityGates.Web.Data.Seeding;

namespace QualityGates.Browser.Tests;

/// <summary>
/// Every page a role can reach by following links, on the demo with its history, in both languages: no WCAG 2.1 A/AA
/// violation found by axe, no tap target under 24 px on a phone, no page wider than a 390 px phone or a 1366 px laptop,
/// no link that leads to an error, and no English term on a German page (from the list kept with the resource files).
/// Pages are told apart by their path with ids and query left out, so the sweep visits each kind of page once per role and
/// language.
/// </summary>
public sealed partial class PageSweepTests(DemoHistoryBrowserFixture browser) : IClassFixture<DemoHistoryBrowserFixture>
{
    private const int Phone = 390;
    private const int Laptop = 1366;

    /// <summary>Bounds the sweep should a page ever link to an endless family of pages.</summary>
    private const int MaxPagesPerSweep = 80;

    private static readonly object _wcagRules = new { runOnly = new { type = "tag", values = new[] { "wcag2a", "wcag2aa", "wcag21a", "wcag21aa" } } };

    // Tap targets where fingers tap them: at least 24 × 24 px or spaced as far apart (WCAG 2.2, 2.5.8). axe ships the rule
    // switched off, so it is switched on here, and the run must show that it ran.
    private static readonly object _targetSizeRule = new
    {
        runOnly = new { type = "rule", values = new[] { "target-size" } },
        rules = new Dictionary<string, object> { ["target-size"] = new { enabled = true } },
    };

    // axe-core itself, run in the page. Deque's Playwright wrapper finishes every run in a new page of its own,
    // which made a sweep take twelve minutes instead of three.
    private static readonly string _axe = new BundledAxeScriptProvider().GetScript();

    private static readonly Regex _englishTerms = EnglishTerms();

    /// <summary>
    /// What a reader takes in from a page in its own language: the title, the visible text and the labels of controls,
    /// leaving out parts marked as another language (<c>lang="en"</c>, as an administrator's English name is).
    /// </summary>
    private const string ReadableText =
        """
        () => {
            const inPageLanguage = e => (e.closest('[lang]')?.lang ?? '').startsWith(document.documentElement.lang);
            const texts = [document.title];
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const e = node.parentElement;
                if (e && !e.closest('script, style, template') && inPageLanguage(e) && (e.tagName === 'OPTION' || e.checkVisibility())) {
                    texts.push(node.textContent);
                }
            }
            for (const e of document.querySelectorAll('[placeholder], [aria-label], [title], img[alt]')) {
                if (inPageLanguage(e)) {
                    texts.push(...['placeholder', 'aria-label', 'title', 'alt'].map(a => e.getAttribute(a)).filter(t => t));
                }
            }
            return texts.join('\n');
        }
        """;

    // People's names are what was typed, not what the application says ("Sara Sales" is not the department Sales).
    private static readonly string[] _peopleNames = DemoData.Users.Select(u => u.DisplayName).ToArray();

    // A number or a GUID (users) between slashes.
    [GeneratedRegex(@"/(\d+|[0-9a-f]{8}-[0-9a-f-]{27})(?=/|$)", RegexOptions.IgnoreCase)]
    private static partial Regex IdSegment();

    // Downloads (exports) and pages that end or change the session are not pages to look at; nor is the API's
    // reference and document under /api/: Scalar's developer tool, in English like the API it describes (ADR 0028).
    [GeneratedRegex(@"/Export|/Account/Logout|/Account/External|/Culture|/api/", RegexOptions.IgnoreCase)]
    private static partial Regex NotAPage();

    public static TheoryData<string, string, int> Sweeps()
    {
        // The least each role reaches; a sweep that stops short of it has lost its way (e.g. a broken menu).
        (string Email, int Least)[] roles =
        [
            ("admin@demo.local", 25), ("exec@demo.local", 15), ("sales@demo.local", 20),
            ("service.manager@demo.local", 20), ("aftersales@demo.local", 20),
        ];
        var data = new TheoryData<string, string, int>();
        foreach (var language in new[] { "EN", "DE" })
        {
            foreach (var (email, least) in roles)
            {
                data.Add(email, language, least);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Sweeps))]
    public Task Every_page_a_role_reaches_is_accessible_and_fits_a_phone_and_a_laptop(string email, string language, int least) =>
        browser.RunAsync(async page =>
        {
            await page.SetViewportSizeAsync(Laptop, 800);
            await page.SignInAsync(email, language);
            await page.Context.AddInitScriptAsync(_axe);

            var origin = new Uri(page.Url).GetLeftPart(UriPartial.Authority);
            var queue = new Queue<string>([new Uri(page.Url).PathAndQuery]);
            var kinds = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { KindOf(queue.Peek()) };
            var problems = new List<string>();
            var visited = 0;
            while (queue.TryDequeue(out var url) && visited < MaxPagesPerSweep)
            {
                visited++;
                problems.AddRange(await InspectAsync(page, url, german: language == "DE"));
                foreach (var link in await LinksAsync(page, origin))
                {
                    if (kinds.Add(KindOf(link)))
                    {
                        queue.Enqueue(link);
                    }
                }
            }

            var output = TestContext.Current.TestOutputHelper;
            output?.WriteLine($"{email} ({language}): {visited} kinds of page visited: {string.Join(", ", kinds.Order())}");
            Assert.True(visited >= least, $"Only {visited} kinds of page reached (at least {least} expected): {string.Join(", ", kinds)}");
            Assert.True(problems.Count == 0, $"{problems.Count} problems on {visited} pages:\n" + string.Join("\n", problems));
        });

    [Theory]
    [InlineData("EN")]
    [InlineData("DE")]
    public Task The_login_page_is_accessible_and_fits_a_phone_and_a_laptop(string language) => browser.RunAsync(async page =>
    {
        await page.Context.AddInitScriptAsync(_axe);
        await page.GotoAsync("/Account/Login");
        await page.GetByRole(AriaRole.Button, new() { Name = language, Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/Account/Login", StringComparison.Ordinal));

        var problems = await InspectAsync(page, new Uri(page.Url).PathAndQuery, german: language == "DE");

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    });

    private static async Task<List<string>> InspectAsync(IPage page, string url, bool german)
    {
        var problems = new List<string>();
        await page.SetViewportSizeAsync(Phone, 800);
        var response = await page.GotoAsync(url);
        if (response is null || response.Status >= 400)
        {
            problems.Add($"{url}: a link leads to HTTP {response?.Status}");
            await page.SetViewportSizeAsync(Laptop, 800);
            return problems;
        }

        problems.AddRange(await TooWideAsync(page, url, Phone));
        problems.AddRange(await AxeAsync(page, url, _targetSizeRule));
        await page.SetViewportSizeAsync(Laptop, 800);
        problems.AddRange(await TooWideAsync(page, url, Laptop));

        // At laptop width, where the navigation is open and checked too.
        problems.AddRange(await AxeAsync(page, url, _wcagRules));
        if (german)
        {
            var text = _peopleNames.Aggregate(await page.EvaluateAsync<string>(ReadableText), (t, name) => t.Replace(name, "", StringComparison.Ordinal));
            problems.AddRange(_englishTerms.Matches(text).DistinctBy(m => m.Value)
                .Select(m => $"{url}: English \"{m.Value}\" on a German page: …{Around(text, m)}…"));
        }

        return problems;
    }

    private static async Task<IEnumerable<string>> AxeAsync(IPage page, string url, object options)
    {
        var violations = await page.EvaluateAsync<JsonElement>(
            """
            options => axe.run(document, { ...options, resultTypes: ['violations'] }).then(r => {
                const ran = new Set([...r.passes, ...r.violations, ...r.incomplete, ...r.inapplicable].map(x => x.id));
                const missing = options.runOnly.type === 'rule' ? options.runOnly.values.filter(id => !ran.has(id)) : [];
                return missing.map(id => `axe rule ${id} did not run`).concat(r.violations.map(v => `axe ${v.id} (${v.nodes.length}×, ${v.help}): ` +
                    v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + n.html).join(' | ')));
            })
            """, options);
        return violations.EnumerateArray().Select(v => $"{url}: {v.GetString()}");
    }

    private static Regex EnglishTerms()
    {
        var terms = File.ReadLines(Path.Combine(Repository.Root, "src", "QualityGates.Web", "Resources", "GermanPages.EnglishTerms.txt"))
            .Select(line => line.Trim()).Where(line => line.Length > 0 && !line.StartsWith('#'));

        // Whole words with their case; longer terms first, so "Under review" is reported rather than a part of it.
        return new Regex(@"(?<![\p{L}\p{N}-])(" + string.Join("|", terms.OrderByDescending(t => t.Length).Select(Regex.Escape)) + @")(?![\p{L}\p{N}-])");
    }

    private static string Around(string text, Match match) =>
        text[Math.Max(0, match.Index - 40)..Math.Min(text.Length, match.Index + match.Length + 40)].ReplaceLineEndings(" ");

    private static async Task<IEnumerable<string>> TooWideAsync(IPage page, string url, int width)
    {
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        if (scrollWidth <= width)
        {
            return [];
        }

        // Names the widest elements that stick out, so the report says what to fix.
        var culprits = await page.EvaluateAsync<string[]>(
            """
            width => [...document.querySelectorAll('main *, nav *')]
                .filter(e => e.getBoundingClientRect().right > width + 1 && getComputedStyle(e).position !== 'fixed')
                .filter(e => !e.closest('.table-responsive, .overflow-auto') || e.matches('.table-responsive, .overflow-auto'))
                .slice(0, 3)
                .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '') + ' → ' + Math.round(e.getBoundingClientRect().right) + 'px')
            """, width);
        return [$"{url}: {scrollWidth} px wide at {width} px ({string.Join("; ", culprits)})"];
    }

    private static async Task<IEnumerable<string>> LinksAsync(IPage page, string origin)
    {
        var hrefs = await page.EvaluateAsync<string[]>("[...document.querySelectorAll('a[href]')].filter(a => !a.hasAttribute('download')).map(a => a.href)");
        return hrefs
            .Where(h => h.StartsWith(origin + "/", StringComparison.OrdinalIgnoreCase))
            .Select(h => new Uri(h).PathAndQuery)
            .Where(p => !NotAPage().IsMatch(p) && !p.StartsWith("/lib/", StringComparison.Ordinal) && !p.StartsWith("/css/", StringComparison.Ordinal));
    }

    /// <summary>The kind of a page: its path without ids (a filtered list is the same page as the whole list).</summary>
    private static string KindOf(string pathAndQuery) => IdSegment().Replace(pathAndQuery.Split('?', 2)[0].TrimEnd('/'), "/{id}");
}
