using System.Collections.ObjectModel;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;

namespace SshMcp.Tests.Infrastructure;

/// <summary>
/// Spans a test's server exports, through the real ServiceDefaults wiring and OpenTelemetry's in-memory exporter.
/// ActivityListeners are process-wide, so spans of tests running in parallel arrive too: a test starts
/// <see cref="StartRoot"/> and reads only the spans of that trace.
/// </summary>
public sealed class SpanCapture : IDisposable
{
    private static readonly ActivitySource TestSource = new("SshMcp.Tests");
    private readonly LockedList _spans = new();

    /// <summary>Adds ServiceDefaults and the in-memory exporter to a test host.</summary>
    public void Configure(HostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddServiceDefaults();
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing
            .AddSource(TestSource.Name)
            .AddInMemoryExporter(_spans));
    }

    /// <summary>The test's own root span; every MCP call made while it is current joins its trace.</summary>
    public static Activity StartRoot(string name) =>
        TestSource.StartActivity(name) ?? throw new InvalidOperationException("Nothing listens to the test's ActivitySource: call Configure first.");

    /// <summary>Every span exported so far, from any test.</summary>
    public IReadOnlyList<Activity> All => _spans.Snapshot();

    /// <summary>The spans of one trace exported so far.</summary>
    public IReadOnlyList<Activity> Trace(ActivityTraceId traceId) => [.. _spans.Snapshot().Where(s => s.TraceId == traceId)];

    public void Dispose() => _spans.Clear();

    /// <summary>The exporter adds from whichever thread stops a span.</summary>
    private sealed class LockedList : Collection<Activity>
    {
        private readonly Lock _gate = new();

        public IReadOnlyList<Activity> Snapshot()
        {
            lock (_gate)
            {
                return [.. Items];
            }
        }

        protected override void InsertItem(int index, Activity item)
        {
            lock (_gate)
            {
                base.InsertItem(index, item);
            }
        }

        protected override void ClearItems()
        {
            lock (_gate)
            {
                base.ClearItems();
            }
        }
    }
}
