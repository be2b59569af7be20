using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using QualityGates.Web.Data.Seeding;

namespace QualityGates.Web.Tests.Infrastructure;

/// <summary>
/// Drives the app like a browser: reads pages with AngleSharp and posts their real forms, antiforgery
/// token included, so every test goes through the same validation and authorization as a user.
/// </summary>
public sealed class TestClient(HttpClient http) : IDisposable
{
    public HttpClient Http { get; } = http;

    public async Task<HttpResponseMessage> GetAsync(string url) => await Http.GetAsync(url);

    /// <summary>GETs a page that must answer 200 and parses it.</summary>
    public async Task<IHtmlDocument> GetPageAsync(string url)
    {
        var response = await Http.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}");
        return await ParseAsync(response);
    }

    /// <summary>Fills the form chosen by <paramref name="formSelector"/> on the page and submits it.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(
        IHtmlDocument page, IReadOnlyDictionary<string, string> fields, string formSelector = "main form[method=post]")
    {
        var form = page.QuerySelector<IHtmlFormElement>(formSelector)
                   ?? throw new InvalidOperationException($"No form '{formSelector}' on {page.Url}");
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
                case IHtmlSelectElement { IsMultiple: true } multiple when !string.IsNullOrEmpty(multiple.Name):
                    values.AddRange(multiple.SelectedOptions.Select(o => new KeyValuePair<string, string>(multiple.Name, o.Value)));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    values.Add(new(select.Name, select.Value ?? ""));
                    break;
            }
        }

        foreach (var (name, value) in fields)
        {
            values.RemoveAll(v => v.Key == name);
            values.Add(new(name, value));
        }

        // Relative to the page: on Linux a bare "/path?query" would otherwise parse as a file URI.
        var action = new Uri(new Uri(page.Url), form.GetAttribute("action") ?? "");
        return await Http.PostAsync(action.PathAndQuery, new FormUrlEncodedContent(values));
    }

    public async Task<HttpResponseMessage> SubmitAsync(string url, IReadOnlyDictionary<string, string> fields, string formSelector = "main form[method=post]") =>
        await SubmitAsync(await GetPageAsync(url), fields, formSelector);

    /// <summary>Signs in through the login form; demo users share one password.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string email, string password = DemoData.Password)
    {
        var response = await SubmitAsync("/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        return response;
    }

    public async Task SignInSuccessfullyAsync(string email, string password = DemoData.Password)
    {
        var response = await SignInAsync(email, password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Sign-in of {email} answered {(int)response.StatusCode}");
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var context = BrowsingContext.New(Configuration.Default);
        var url = response.RequestMessage?.RequestUri?.ToString() ?? "https://localhost/";
        return (IHtmlDocument)await context.OpenAsync(r => r.Content(html).Address(url));
    }

    public void Dispose() => Http.Dispose();
}

public static class DocumentExtensions
{
    /// <summary>The validation message shown next to a field, or "" when there is none.</summary>
    public static string FieldError(this IDocument page, string field) =>
        page.QuerySelector($"span[data-valmsg-for='{field}']")?.TextContent.Trim() ?? "";

    /// <summary>The options of the select named <paramref name="name"/>.</summary>
    public static IReadOnlyList<IHtmlOptionElement> SelectOptions(this IDocument page, string name) =>
        (page.QuerySelector<IHtmlSelectElement>($"select[name='{name}']") ?? throw new InvalidOperationException($"No select {name}"))
        .Options.ToList();

    public static string InputValue(this IDocument page, string name) =>
        page.QuerySelector<IHtmlInputElement>($"[name='{name}']")?.Value
        ?? page.QuerySelector<IHtmlTextAreaElement>($"[name='{name}']")?.Value
        ?? throw new InvalidOperationException($"No field {name}");
}
