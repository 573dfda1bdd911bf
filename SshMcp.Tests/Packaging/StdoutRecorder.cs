using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SshMcp.Tests.Packaging;

/// <summary>
/// A logger provider for the MCP client that keeps each line the client's transport read from the server's stdout
/// (its Trace event "transport received message", whose Message is the raw line) and each line it could not
/// parse. Blank lines are skipped by the transport and so are not seen here.
/// </summary>
internal sealed class StdoutRecorder : ILoggerProvider
{
    private const string ReceivedTemplate = "{EndpointName} transport received message. Message: '{Message}'.";
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<string> _rejected = new();

    /// <summary>Every non-blank stdout line, in order.</summary>
    public IReadOnlyCollection<string> Lines => _lines;

    /// <summary>Log events of the transport about stdout lines that were not JSON-RPC messages.</summary>
    public IReadOnlyCollection<string> Rejected => _rejected;

    public ILogger CreateLogger(string categoryName) => new Recorder(this);

    public void Dispose()
    {
    }

    private sealed class Recorder(StdoutRecorder owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (state is not IReadOnlyList<KeyValuePair<string, object?>> fields)
            {
                return;
            }

            var template = fields.FirstOrDefault(f => f.Key == "{OriginalFormat}").Value as string ?? "";
            if (template == ReceivedTemplate && fields.FirstOrDefault(f => f.Key == "Message").Value is string line)
            {
                owner._lines.Enqueue(line);
            }
            else if (template.Contains("parsing failed", StringComparison.Ordinal) || template.Contains("unexpected message", StringComparison.Ordinal))
            {
                owner._rejected.Enqueue(formatter(state, exception));
            }
        }
    }
}
