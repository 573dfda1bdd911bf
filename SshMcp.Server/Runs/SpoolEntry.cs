using SshMcp.Server.Shell;
using SshMcp.Server.Transports;

namespace SshMcp.Server.Runs;

/// <summary>
/// One foreground run in its session's <see cref="RunSpool"/>: where its output starts in the two logs, how much it
/// printed, its last lines, and how it ended. <see cref="Stdout"/> and <see cref="Stderr"/> are the sinks the shell's
/// framing writes into. Mutable state is guarded by the spool's lock.
/// </summary>
internal sealed class SpoolEntry
{
    private readonly RunSpool _spool;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SpoolEntry(RunSpool spool, string runId, long sequence, long stdoutStart, long stderrStart)
    {
        _spool = spool;
        RunId = runId;
        Sequence = sequence;
        StdoutStart = stdoutStart;
        StderrStart = stderrStart;
        Stdout = new Sink(this, RemoteStream.Stdout);
        Stderr = new Sink(this, RemoteStream.Stderr);
    }

    public string RunId { get; }

    /// <summary>The run's place in its session: later runs have larger numbers.</summary>
    public long Sequence { get; }

    public long StdoutStart { get; }

    public long StderrStart { get; }

    public long StdoutBytes { get; private set; }

    public long StderrBytes { get; private set; }

    public bool Running { get; private set; } = true;

    public int? ExitCode { get; private set; }

    /// <summary>Bytes of earlier runs' output dropped to make room for this one's.</summary>
    public long DroppedOthersBytes { get; set; }

    public IByteSink Stdout { get; }

    public IByteSink Stderr { get; }

    internal LastLine StdoutLine { get; } = new();

    internal LastLine StderrLine { get; } = new();

    internal RemoteStream LastWritten { get; private set; } = RemoteStream.Stdout;

    /// <summary>Completes at the next write, or when the run ends; a fresh task each time it fires.</summary>
    public Task Changed => Volatile.Read(ref _changed).Task;

    public long BytesOf(RemoteStream stream) => stream == RemoteStream.Stdout ? StdoutBytes : StderrBytes;

    public long StartOf(RemoteStream stream) => stream == RemoteStream.Stdout ? StdoutStart : StderrStart;

    internal void Count(RemoteStream stream, ReadOnlySpan<byte> data)
    {
        if (stream == RemoteStream.Stdout)
        {
            StdoutBytes += data.Length;
            StdoutLine.Feed(data);
        }
        else
        {
            StderrBytes += data.Length;
            StderrLine.Feed(data);
        }

        LastWritten = stream;
    }

    internal void Complete(int? exitCode)
    {
        ExitCode = exitCode;
        Running = false;
        Pulse();
    }

    internal void Pulse() => Interlocked.Exchange(ref _changed, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    private sealed class Sink(SpoolEntry entry, RemoteStream stream) : IByteSink
    {
        public void Write(ReadOnlySpan<byte> data) => entry._spool.Append(entry, stream, data);
    }
}
