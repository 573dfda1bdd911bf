using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SshMcp.Tests.Ssh.HostKeys;

/// <summary>Keeps every log entry (all levels) so tests can assert on event ids and texts.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    public ConcurrentQueue<(LogLevel Level, EventId EventId, string Message)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((logLevel, eventId, formatter(state, exception)));

    public int Count(int eventId) => Entries.Count(e => e.EventId.Id == eventId);
}
