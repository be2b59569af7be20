using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing;

namespace QualityGates.Web.Tests.Infrastructure;

/// <summary>Personal access tokens created the way a user creates them (the My settings page), and clients that send them.</summary>
public static class ApiClients
{
    /// <summary>How the API writes JSON: camelCase, enums by name.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Signs in as <paramref name="email"/>, creates a token on the tokens page and returns its text, shown that once.</summary>
    public static async Task<string> CreateTokenAsync(this QualityGatesFactory factory, string email, string scope = "ReadWrite", string name = "CRM sync", int days = 90)
    {
        using var user = factory.CreateTestClient();
        await user.SignInSuccessfullyAsync(email);
        var created = await user.SubmitAsync("/Account/Tokens", new Dictionary<string, string>
        {
            ["Input.Name"] = name,
            ["Input.Scope"] = scope,
            ["Input.ExpiresOn"] = factory.FormDate(days),
        });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, created.StatusCode);
        var page = await user.GetPageAsync(created.Headers.Location!.PathAndQuery());
        return page.QuerySelector<IHtmlInputElement>("#created-token")?.Value ?? throw new InvalidOperationException("No token shown.");
    }

    /// <summary>A client of the API: no cookies, the token as bearer (none when null).</summary>
    public static HttpClient CreateApiClient(this QualityGatesFactory factory, string? token)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = false,
            BaseAddress = new Uri("https://localhost"),
        });
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>The body as JSON; buffered first, so a test may read it more than once.</summary>
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        await response.Content.LoadIntoBufferAsync();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>A request with a JSON body and, for a change of an existing record, If-Match.</summary>
    public static async Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string url, object? body, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request);
    }
}
