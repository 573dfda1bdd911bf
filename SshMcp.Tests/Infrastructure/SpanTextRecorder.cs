using System.Collections.Concurrent;
using System.Diagnostics;

namespace SshMcp.Tests.Infrastructure;

/// <summary>
/// Every span any source in this process stops while it lives (ASP.NET Core's and the SDK's included), as text: name,
/// tags, events and baggage, so a test can search them for a secret. Listeners are process-wide; search for values
/// no other test uses.
/// </summary>
public sealed class SpanTextRecorder : IDisposable
{
    private readonly ConcurrentQueue<string> _spans = new();
    private readonly ActivityListener _listener;

    public SpanTextRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => _spans.Enqueue(Describe(activity)),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyCollection<string> Spans => _spans;

    public void Dispose() => _listener.Dispose();

    private static string Describe(Activity activity) =>
        string.Join(" | ", new[] { activity.Source.Name, activity.DisplayName, activity.StatusDescription ?? "" }
            .Concat(activity.TagObjects.Select(t => $"{t.Key}={t.Value}"))
            .Concat(activity.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name}:{t.Key}={t.Value}").Prepend(e.Name)))
            .Concat(activity.Baggage.Select(b => $"{b.Key}={b.Value}")));
}
