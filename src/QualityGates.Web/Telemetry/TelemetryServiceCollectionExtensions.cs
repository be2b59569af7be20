using Microsoft.EntityFrameworkCore.Diagnostics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace QualityGates.Web.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>The standard switch of every OpenTelemetry SDK: set, traces and metrics are exported there over OTLP.</summary>
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// The app's metrics always (a meter nobody listens to costs nothing); OpenTelemetry traces and metrics of ASP.NET
    /// Core, EF Core, HttpClient, the runtime and the app, exported over OTLP only when an endpoint is configured.
    /// The exporter reads the other OTEL_* settings (protocol, headers, intervals) itself.
    /// </summary>
    public static IServiceCollection AddQualityGatesTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<QualityGatesMetrics>();
        services.AddSingleton<IInterceptor, MetricsSaveChangesInterceptor>();
        if (string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]))
        {
            return services;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("QualityGates", serviceInstanceId: configuration["Instance:Name"]))
            .WithTracing(tracing => tracing
                // Load balancers poll the health checks every few seconds: no trace worth keeping.
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                .AddOtlpExporter())
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter("System.Runtime", "Microsoft.EntityFrameworkCore", QualityGatesMetrics.MeterName)
                .AddOtlpExporter());
        return services;
    }
}
