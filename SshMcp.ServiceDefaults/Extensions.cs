using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Cross-cutting defaults every SshMcp host shares: OpenTelemetry (logs, traces, metrics, exported over OTLP only when
/// an endpoint is configured) and health checks. Generic over the host builder so the HTTP host and the stdio host
/// get the same wiring: in a host without ASP.NET Core (stdio) its instrumentation simply never fires, and only
/// <see cref="MapDefaultEndpoints"/> needs a <see cref="WebApplication"/>.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>The name of the server's own ActivitySource and Meter.</summary>
    public const string TelemetrySourceName = "SshMcp";

    /// <summary>
    /// The MCP SDK's ActivitySource and Meter (ModelContextProtocol.Core, <c>Diagnostics.cs</c>): its server span
    /// <c>tools/call ssh_exec</c> is the parent of the server's <c>ssh.exec</c> span.
    /// </summary>
    public const string McpSdkSourceName = "Experimental.ModelContextProtocol";

    private const string HealthEndpointPath = "/health";
    private const string AlivenessEndpointPath = "/alive";
    private const string LiveTag = "live";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(TelemetrySourceName)
                .AddMeter(McpSdkSourceName))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(TelemetrySourceName)
                .AddSource(McpSdkSourceName)
                .AddSource("ModelContextProtocol")
                .AddAspNetCoreInstrumentation(o =>
                    // Health probes are noise in a trace view.
                    o.Filter = ctx => !ctx.Request.Path.StartsWithSegments(HealthEndpointPath, StringComparison.Ordinal)
                                      && !ctx.Request.Path.StartsWithSegments(AlivenessEndpointPath, StringComparison.Ordinal))
                .AddHttpClientInstrumentation());

        // Export only when asked to: an exporter pointed at nothing retries on shutdown and slows every stop.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    /// <summary>Maps <c>/health</c> (every check must pass) and <c>/alive</c> (only liveness checks).</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks(HealthEndpointPath);
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions { Predicate = r => r.Tags.Contains(LiveTag) });
        return app;
    }
}
