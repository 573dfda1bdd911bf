using ModelContextProtocol;

namespace SshMcp.Tests.Infrastructure;

/// <summary>Keeps every progress report, in order, as it arrives (no posting to the thread pool).</summary>
public sealed class ProgressRecorder : IProgress<ProgressNotificationValue>
{
    private readonly List<ProgressNotificationValue> _values = [];

    public IReadOnlyList<ProgressNotificationValue> Values
    {
        get
        {
            lock (_values)
            {
                return [.. _values];
            }
        }
    }

    public void Report(ProgressNotificationValue value)
    {
        lock (_values)
        {
            _values.Add(value);
        }
    }
}
