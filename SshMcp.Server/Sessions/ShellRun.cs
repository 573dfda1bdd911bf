using SshMcp.Server.Shell;

namespace SshMcp.Server.Sessions;

/// <summary>
/// One command in flight in a session's shell: its markers, both streams' parsers and captures, and optionally where
/// every byte goes besides (the session's spool).
/// </summary>
internal sealed class ShellRun : IDisposable
{
    public ShellRun(FrameMarkers markers, int maxOutputBytes, IByteSink? stdoutCopy = null, IByteSink? stderrCopy = null)
    {
        StdoutCapture = new BoundedCapture(maxOutputBytes);
        StderrCapture = new BoundedCapture(maxOutputBytes);
        Stdout = new FramedStream(markers.StdoutBegin, markers.StdoutEnd, markers.TrailerEnd, stdoutCopy is null ? StdoutCapture : new TeeSink(StdoutCapture, stdoutCopy));
        Stderr = new FramedStream(markers.StderrBegin, markers.StderrEnd, trailerEnd: null, stderrCopy is null ? StderrCapture : new TeeSink(StderrCapture, stderrCopy));
    }

    public FramedStream Stdout { get; }

    public FramedStream Stderr { get; }

    public BoundedCapture StdoutCapture { get; }

    public BoundedCapture StderrCapture { get; }

    /// <summary>Completes when both streams reached their end marker, or when the shell ended first.</summary>
    public TaskCompletionSource<ShellRunEnd> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsFramed => Stdout.IsDone && Stderr.IsDone;

    public void Dispose()
    {
        StdoutCapture.Dispose();
        StderrCapture.Dispose();
    }
}
