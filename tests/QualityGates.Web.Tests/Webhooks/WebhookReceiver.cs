using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace QualityGates.Web.Tests.Webhooks;

/// <summary>
/// A real receiver on a loopback port of its own (Kestrel). Each test registers its endpoint under a path of its own
/// (<see cref="UrlFor"/>); the receiver records every request to it with headers and body, and answers with the next
/// status the test queued for that path (200 when none is queued).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<HttpStatusCode>> _answers = new();
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>The receiver's root, e.g. http://127.0.0.1:41234.</summary>
    public string BaseUrl { get; private set; } = "";

    public string UrlFor(string key) => $"{BaseUrl}/hooks/{key}";

    public IReadOnlyList<ReceivedRequest> ReceivedFor(string key) => _received.Where(r => r.Key == key).ToList();

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hooks/{key}", async (string key, HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            receiver._received.Enqueue(new ReceivedRequest(
                key, context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body));
            return Results.StatusCode((int)(receiver.Answers(key).TryDequeue(out var status) ? status : HttpStatusCode.OK));
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.BaseUrl = address.TrimEnd('/');
        return receiver;
    }

    /// <summary>The next requests to <paramref name="key"/> are answered with these statuses, in order.</summary>
    public void AnswerNext(string key, params HttpStatusCode[] statuses)
    {
        foreach (var status in statuses)
        {
            Answers(key).Enqueue(status);
        }
    }

    private ConcurrentQueue<HttpStatusCode> Answers(string key) => _answers.GetOrAdd(key, _ => new ConcurrentQueue<HttpStatusCode>());

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record ReceivedRequest(string Key, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : "";
}
