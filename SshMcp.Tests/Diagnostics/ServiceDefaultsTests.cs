using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Diagnostics;

/// <summary>ServiceDefaults in a host without ASP.NET Core, as the stdio server builds it.</summary>
public sealed class ServiceDefaultsTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AddServiceDefaults_GenericHost_StartsHealthyAndTracesTheServerAndSdkSources()
    {
        using var spans = new SpanCapture();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        spans.Configure(builder);
        using var host = builder.Build();
        await host.StartAsync().WaitAsync(Bound);

        var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync().WaitAsync(Bound);
        using var server = new ActivitySource(ServiceDefaultsExtensions.TelemetrySourceName);
        using var sdk = new ActivitySource(ServiceDefaultsExtensions.McpSdkSourceName);
        var traceId = ActivityTraceId.CreateRandom();
        var parent = new ActivityContext(traceId, ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        sdk.StartActivity("tools/call probe", ActivityKind.Server, parent)?.Stop();
        server.StartActivity("ssh.probe", ActivityKind.Client, parent)?.Stop();
        await host.StopAsync().WaitAsync(Bound);

        Assert.Equal(HealthStatus.Healthy, health.Status);
        Assert.Equal(["tools/call probe", "ssh.probe"], spans.Trace(traceId).Select(s => s.DisplayName));
    }
}
