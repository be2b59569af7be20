using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using QualityGates.Web.Notifications;
using QualityGates.Web.Telemetry;
using QualityGates.Web.Tests.Notifications;
using QualityGates.Web.Tests.Infrastructure;

namespace QualityGates.Web.Tests;

/// <summary>
/// The operations team's view: the app's own measurements as users work, and traces and metrics arriving at an
/// OTLP collector when one is configured (a receiver on loopback stands in for it).
/// </summary>
public sealed class TelemetryTests(NotificationFactory factory) : IClassFixture<NotificationFactory>
{
    /// <summary>Keeps what an OTLP/HTTP collector is sent, by path (/v1/traces, /v1/metrics).</summary>
    private sealed class OtlpReceiver : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private OtlpReceiver(WebApplication app) => _app = app;

        public ConcurrentQueue<(string Path, byte[] Body)> Requests { get; } = new();

        /// <summary>The bound address (the port was chosen by the system).</summary>
        public string Address => _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();

        public static async Task<OtlpReceiver> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var receiver = new OtlpReceiver(builder.Build());
            receiver._app.Run(async context =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                receiver.Requests.Enqueue((context.Request.Path.Value!, body.ToArray()));
            });
            await receiver._app.StartAsync();
            return receiver;
        }

        /// <summary>Waits (at most half a minute) until the exporters have sent the text to the path.</summary>
        public async Task<bool> ReceivesAsync(string path, string text)
        {
            for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(30); waited += TimeSpan.FromMilliseconds(100))
            {
                if (Received(path, text))
                {
                    return true;
                }

                await Task.Delay(100, TestContext.Current.CancellationToken);
            }

            return false;
        }

        /// <summary>Whether a request to the path carried the text (OTLP protobuf keeps strings as UTF-8).</summary>
        public bool Received(string path, string text) =>
            Requests.Any(r => r.Path == path && Encoding.UTF8.GetString(r.Body).Contains(text, StringComparison.Ordinal));

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }

    private sealed class ExportingFactory(TestDatabase database, string endpoint) : QualityGatesFactory(database)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting(TelemetryServiceCollectionExtensions.OtlpEndpointSetting, endpoint);
            builder.UseSetting("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
            // Export every few hundred milliseconds instead of every minute (metrics) and five seconds (spans).
            builder.UseSetting("OTEL_METRIC_EXPORT_INTERVAL", "300");
            builder.UseSetting("OTEL_BSP_SCHEDULE_DELAY", "100");
            builder.UseSetting("Instance:Name", "telemetry-test");
        }
    }

    private MetricCollector<long> Collect(string instrument) =>
        new(factory.Services.GetRequiredService<IMeterFactory>(), QualityGatesMetrics.MeterName, instrument);

    [Fact]
    public async Task A_gate_decision_is_counted_once_when_saved()
    {
        using var decisions = Collect("qualitygates.gate.decisions");
        using var sales = factory.CreateTestClient();
        await sales.SignInSuccessfullyAsync("sales@demo.local");

        // A first response within 8 h is inside the demo envelope (4 h): G1 passes at once, a decision without a manager.
        var created = await sales.SubmitAsync("/Promises/Create", await factory.NewPromiseFormAsync("Counted decision", hours: "8"));
        var details = created.Headers.Location!.PathAndQuery();
        await sales.SubmitAsync(details, new Dictionary<string, string>(), "form[action*='handler=Submit']");

        var decision = Assert.Single(decisions.GetMeasurementSnapshot());
        Assert.Equal(1, decision.Value);
        Assert.Equal("Feasibility", decision.Tags["gate.stage"]);
        Assert.Equal("Go", decision.Tags["gate.decision"]);
    }

    [Fact]
    public async Task Every_outbox_pass_reports_the_backlog_and_counts_what_it_finished()
    {
        using var deliveries = Collect("qualitygates.outbox.deliveries");
        using var backlog = new MetricCollector<long>(
            factory.Services.GetRequiredService<IMeterFactory>(), QualityGatesMetrics.MeterName, "qualitygates.outbox.backlog");
        using var sales = factory.CreateTestClient();
        await sales.SignInSuccessfullyAsync("sales@demo.local");
        // Stricter than the envelope: the Service manager is told that a review waits.
        var created = await sales.SubmitAsync("/Promises/Create", await factory.NewPromiseFormAsync("Waiting for a decision"));
        await sales.SubmitAsync(created.Headers.Location!.PathAndQuery(), new Dictionary<string, string>(), "form[action*='handler=Submit']");
        var pending = await factory.WithDbAsync(db => Task.FromResult(db.NotificationMessages.Count(m => m.State == NotificationState.Pending)));
        Assert.True(pending > 0, "nothing waits in the outbox");

        await factory.DeliverAsync();
        backlog.RecordObservableInstruments();

        var finished = deliveries.GetMeasurementSnapshot();
        Assert.Equal(pending, finished.Sum(m => m.Value));
        Assert.All(finished, m => Assert.Contains(m.Tags["notification.state"], new object?[] { "Sent", "Suppressed" }));
        Assert.Equal(0, backlog.LastMeasurement?.Value);
    }

    [Fact]
    public async Task With_an_otlp_endpoint_traces_and_metrics_of_requests_database_and_app_reach_the_collector()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        await using var exporting = new ExportingFactory(factory.Database, collector.Address);
        using var sales = exporting.CreateTestClient();
        await sales.SignInSuccessfullyAsync("sales@demo.local");
        var created = await sales.SubmitAsync("/Promises/Create", await exporting.NewPromiseFormAsync("Traced promise", hours: "8"));
        await sales.SubmitAsync(created.Headers.Location!.PathAndQuery(), new Dictionary<string, string>(), "form[action*='handler=Submit']");
        Assert.Equal(HttpStatusCode.OK, (await sales.GetAsync("/Promises")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await sales.GetAsync("/health/live")).StatusCode);

        Assert.True(await collector.ReceivesAsync("/v1/traces", "/Promises"), "no request span reached the collector");
        Assert.True(await collector.ReceivesAsync("/v1/traces", "telemetry-test"), "the spans do not name the instance");
        Assert.True(await collector.ReceivesAsync("/v1/traces", "SELECT"), "no database span reached the collector");
        Assert.True(await collector.ReceivesAsync("/v1/metrics", "http.server.request.duration"), "no request metrics reached the collector");
        Assert.True(await collector.ReceivesAsync("/v1/metrics", "qualitygates.gate.decisions"), "the app's own metrics did not reach the collector");
        Assert.False(collector.Received("/v1/traces", "/health/"), "health checks were traced");
    }
}
