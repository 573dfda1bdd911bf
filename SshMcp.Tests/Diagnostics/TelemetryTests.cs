using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using SshMcp.Server.Diagnostics;
using SshMcp.Tests.Infrastructure;
using static SshMcp.Server.Diagnostics.TelemetryNames;

namespace SshMcp.Tests.Diagnostics;

/// <summary>What one ssh_open / ssh_exec / ssh_close produces in traces and metrics, through the real client and sshd.</summary>
[Collection(SshdCollection.Name)]
public sealed class TelemetryTests(SshdFixture sshd)
{
    private static readonly TimeSpan ExportDeadline = TimeSpan.FromSeconds(10);

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Exec_OneCall_OneExecSpanUnderToolsCallWithItsAttributes(string transport)
    {
        using var spans = new SpanCapture();
        await using var server = await McpServerHarness.StartAsync(configure: spans.Configure);
        var meters = server.Services.GetRequiredService<IMeterFactory>();
        using var active = new MetricCollector<long>(meters, SourceName, SessionsActive);
        using var count = new MetricCollector<long>(meters, SourceName, ExecCount);
        using var duration = new MetricCollector<double>(meters, SourceName, ExecDuration);
        using var output = new MetricCollector<long>(meters, SourceName, OutputBytes);

        using var root = SpanCapture.StartRoot(nameof(Exec_OneCall_OneExecSpanUnderToolsCallWithItsAttributes));
        var before = Sum(active);
        var session = (await server.OpenAsync(sshd, transport)).SessionId;
        var during = Sum(active);
        var result = await server.ExecAsync(session, "printf hello; printf oops >&2; false");
        await server.CloseAsync(session);
        var after = Sum(active);
        root.Stop();

        Assert.Equal((0, 1, 0), (before, during, after));
        Assert.Equal(1, result.ExitCode);
        var execSpan = Assert.Single(spans.Trace(root.TraceId), s => s.OperationName == ExecSpan);
        Assert.Equal(SourceName, execSpan.Source.Name);
        Assert.Equal(ActivityStatusCode.Unset, execSpan.Status);
        Assert.Equal(session[..9] + "…", execSpan.GetTagItem(SessionId));
        Assert.DoesNotContain(execSpan.TagObjects, t => t.Value is string v && v.Contains(session, StringComparison.Ordinal));
        Assert.Equal(sshd.Host, execSpan.GetTagItem(ServerAddress));
        Assert.Equal(sshd.Port, execSpan.GetTagItem(ServerPort));
        Assert.Equal(sshd.Username, execSpan.GetTagItem(User));
        Assert.Equal(1, execSpan.GetTagItem(ExitCode));
        Assert.Equal(false, execSpan.GetTagItem(TimedOut));
        Assert.Equal(5L, execSpan.GetTagItem(StdoutBytes));
        Assert.Equal(4L, execSpan.GetTagItem(StderrBytes));
        Assert.Equal(OutcomeNonZero, execSpan.GetTagItem(Outcome));
        Assert.IsType<long>(execSpan.GetTagItem(DurationMs));
        Assert.Null(execSpan.GetTagItem(Command));

        // The SDK's server span for the call ends just after its response is sent: wait for its export.
        Activity? parent = null;
        Assert.True(
            await Poll.UntilAsync(_ => Task.FromResult((parent = spans.Trace(root.TraceId).FirstOrDefault(s => s.SpanId == execSpan.ParentSpanId)) is not null), ExportDeadline, default),
            "The parent of ssh.exec was never exported.");
        Assert.Equal(ServiceDefaultsExtensions.McpSdkSourceName, parent!.Source.Name);
        Assert.Equal(ActivityKind.Server, parent.Kind);
        Assert.Equal("tools/call ssh_exec", parent.DisplayName);

        Assert.Single(spans.Trace(root.TraceId), s => s.OperationName == OpenSpan && (string?)s.GetTagItem(SessionId) == session[..9] + "…");
        Assert.Single(spans.Trace(root.TraceId), s => s.OperationName == CloseSpan && (string?)s.GetTagItem(SessionId) == session[..9] + "…");

        var counted = Assert.Single(count.GetMeasurementSnapshot());
        Assert.Equal((1L, OutcomeNonZero), (counted.Value, counted.Tags[Outcome]));
        var timed = Assert.Single(duration.GetMeasurementSnapshot());
        Assert.Equal(OutcomeNonZero, timed.Tags[Outcome]);
        Assert.InRange(timed.Value, 0, 60);
        Assert.Equal(5, output.GetMeasurementSnapshot().Where(m => (string?)m.Tags[OutputStream] == StreamStdout).Sum(m => m.Value));
        Assert.Equal(4, output.GetMeasurementSnapshot().Where(m => (string?)m.Tags[OutputStream] == StreamStderr).Sum(m => m.Value));
    }

    [Theory]
    [MemberData(nameof(TransportNames.Both), MemberType = typeof(TransportNames))]
    public async Task Open_WithPassword_PasswordInNoSpanAttribute(string transport)
    {
        using var spans = new SpanCapture();
        await using var server = await McpServerHarness.StartAsync(configure: spans.Configure);

        using var root = SpanCapture.StartRoot(nameof(Open_WithPassword_PasswordInNoSpanAttribute));
        var session = (await server.OpenAsync(sshd, transport)).SessionId;
        await server.ExecAsync(session, "echo hi");
        await server.CloseAsync(session);
        root.Stop();

        Assert.Contains(spans.Trace(root.TraceId), s => s.OperationName == OpenSpan);
        var leaks = spans.All
            .SelectMany(s => s.TagObjects.Concat(s.Events.SelectMany(e => e.Tags)).Select(t => $"{s.DisplayName} {t.Key}={t.Value}"))
            .Append(string.Join(' ', spans.All.Select(s => s.StatusDescription)))
            .Where(text => text.Contains(sshd.Password, StringComparison.Ordinal))
            .ToList();
        Assert.Empty(leaks);
    }

    private static long Sum(MetricCollector<long> collector) => collector.GetMeasurementSnapshot().Sum(m => m.Value);
}
