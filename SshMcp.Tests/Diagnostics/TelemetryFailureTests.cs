using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using SshMcp.Server.Tools;
using SshMcp.Tests.Infrastructure;
using static SshMcp.Server.Diagnostics.TelemetryNames;

namespace SshMcp.Tests.Diagnostics;

/// <summary>Tool failures in traces and metrics; no sshd needed.</summary>
public sealed class TelemetryFailureTests
{
    [Fact]
    public async Task Open_RefusedPort_ErrorSpanAndFailureCountedByReason()
    {
        using var spans = new SpanCapture();
        await using var server = await McpServerHarness.StartAsync(configure: spans.Configure);
        using var failures = new MetricCollector<long>(server.Services.GetRequiredService<IMeterFactory>(), SourceName, OpenFailures);

        using var root = SpanCapture.StartRoot(nameof(Open_RefusedPort_ErrorSpanAndFailureCountedByReason));
        await server.CallErrorAsync(ToolNames.Open, new Dictionary<string, object?>
        {
            ["host"] = "127.0.0.1",
            ["port"] = ClosedPort(),
            ["username"] = "nobody",
            ["password"] = "not-used-anywhere",
        });
        root.Stop();

        var open = Assert.Single(spans.Trace(root.TraceId), s => s.OperationName == OpenSpan);
        Assert.Equal(ActivityStatusCode.Error, open.Status);
        Assert.Equal("connection_refused", open.GetTagItem(ErrorType));
        Assert.Null(open.GetTagItem(SessionId));
        var failure = Assert.Single(failures.GetMeasurementSnapshot());
        Assert.Equal((1L, "connection_refused"), (failure.Value, failure.Tags[Reason]));
    }

    [Fact]
    public async Task Exec_UnknownSessionWithCommandTextOn_ErrorSpanWithCommandAndErrorOutcome()
    {
        using var spans = new SpanCapture();
        await using var server = await McpServerHarness.StartAsync(
            new Dictionary<string, string?> { ["SshMcp:Telemetry:IncludeCommandText"] = "true" }, configure: spans.Configure);
        using var count = new MetricCollector<long>(server.Services.GetRequiredService<IMeterFactory>(), SourceName, ExecCount);

        using var root = SpanCapture.StartRoot(nameof(Exec_UnknownSessionWithCommandTextOn_ErrorSpanWithCommandAndErrorOutcome));
        await server.CallErrorAsync(ToolNames.Exec, new Dictionary<string, object?> { ["sessionId"] = "s-none", ["command"] = "uptime" });
        root.Stop();

        var exec = Assert.Single(spans.Trace(root.TraceId), s => s.OperationName == ExecSpan);
        Assert.Equal(ActivityStatusCode.Error, exec.Status);
        Assert.Equal("session_not_found", exec.GetTagItem(ErrorType));
        Assert.Equal("uptime", exec.GetTagItem(Command));
        Assert.Equal("s-none", exec.GetTagItem(SessionId));
        var counted = Assert.Single(count.GetMeasurementSnapshot());
        Assert.Equal((1L, OutcomeError), (counted.Value, counted.Tags[Outcome]));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
