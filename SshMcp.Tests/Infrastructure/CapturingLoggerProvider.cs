using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SshMcp.Tests.Infrastructure;

/// <summary>Keeps every formatted log line (with its exception) so tests can search them, e.g. for secrets.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void AddFrom(CapturingLoggerProvider other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _lines = other._lines;
    }

    /// <summary>Forgets what was captured (long tests that measure memory would otherwise measure the log).</summary>
    public void Clear() => _lines.Clear();

    public void Dispose()
    {
    }

    private sealed class Logger(string category, CapturingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            owner._lines.Enqueue($"{logLevel} {category}[{eventId.Id}] {formatter(state, exception)} {exception}");
        }
    }
}
