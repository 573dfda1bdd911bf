using SshMcp.Server.Shell;

namespace SshMcp.Server.Sessions;

/// <summary>One command in flight in a session's shell: its markers, both streams' parsers and captures.</summary>
internal sealed class ShellRun : IDisposable
{
    public ShellRun(FrameMarkers markers, int maxOutputBytes)
    {
        StdoutCapture = new BoundedCapture(maxOutputBytes);
        StderrCapture = new BoundedCapture(maxOutputBytes);
        Stdout = new FramedStream(markers.StdoutBegin, markers.StdoutEnd, markers.TrailerEnd, StdoutCapture);
        Stderr = new FramedStream(markers.StderrBegin, markers.StderrEnd, trailerEnd: null, StderrCapture);
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
