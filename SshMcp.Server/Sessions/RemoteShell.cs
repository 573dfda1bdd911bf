using System.Globalization;
using System.Text;
using SshMcp.Server.Shell;
using SshMcp.Server.Transports;

namespace SshMcp.Server.Sessions;

/// <summary>
/// The session's one long-lived shell: a command without a PTY running the user's login shell, commands written to its
/// stdin, stdout and stderr fed by the transport's reader to the command in flight.
/// </summary>
internal sealed class RemoteShell : IRemoteOutput, IDisposable
{
    private readonly int _maxOutputBytes;
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IRemoteProcess _process = null!;
    private ShellRun? _current;
    private int _openStreams = 2;

    private RemoteShell(int maxOutputBytes)
    {
        _maxOutputBytes = maxOutputBytes;
    }

    public int ShellPid { get; private set; }

    /// <summary>The shell's working directory after the profile ran.</summary>
    public string InitialCwd { get; private set; } = "";

    public ShellFlavor Flavor { get; private set; } = ShellFlavor.Posix;

    /// <summary>Completes when both of the shell's output streams have closed.</summary>
    public Task Ended => _ended.Task;

    public bool HasEnded => _ended.Task.IsCompleted;

    /// <summary>The channel's end: faulted when the connection dropped, otherwise the shell exited.</summary>
    public Task Execution => _process.Exited;

    public int? ExitStatus => _process.ExitStatus;

    public string? ExitSignal => _process.ExitSignal;

    /// <summary>
    /// Starts the login shell, discards what its profile printed and learns its PID. <paramref name="tag"/> marks the
    /// environment of every process the shell starts, so that they can be found and stopped later.
    /// </summary>
    public static async Task<RemoteShell> StartAsync(ISshConnection connection, string tag, int maxOutputBytes, CancellationToken cancellationToken)
    {
        var shell = new RemoteShell(maxOutputBytes);
        shell._process = await connection.StartAsync(ShellScripts.Launcher, shell, cancellationToken);
        try
        {
            await shell._process.WriteAsync(Encoding.UTF8.GetBytes(ShellScripts.Setup(tag)), cancellationToken);
            using var probe = await shell.BeginAsync(ShellScripts.Probe, 0, 0, ShellFlavor.Zsh, cancellationToken);
            var end = await probe.Completion.Task.WaitAsync(cancellationToken);
            if (end != ShellRunEnd.Framed)
            {
                throw new InvalidOperationException($"the shell ended while starting (exit status {shell.ExitStatus?.ToString(CultureInfo.InvariantCulture) ?? "none"})");
            }

            if (!ShellProbe.TryParse(probe.StdoutCapture.ToText().Text, out var identity))
            {
                throw new InvalidOperationException("the shell's first reply was not its PID (a profile that ends the shell or replaces stdout?)");
            }

            shell.ShellPid = identity.Pid;
            shell.Flavor = identity.Flavor;
            shell.InitialCwd = Trailer.TryParse(probe.Stdout.Trailer, out var trailer) ? trailer.Cwd : "";
            return shell;
        }
        catch
        {
            shell.Dispose();
            throw;
        }
    }

    /// <summary>Sends one command. The returned run completes when its output is complete.</summary>
    public Task<ShellRun> BeginAsync(string commandText, int runNumber, int previousExitCode, ShellFlavor flavor, CancellationToken cancellationToken) =>
        BeginAsync(commandText, runNumber, previousExitCode, flavor, new RunCapture(_maxOutputBytes, null, null), cancellationToken);

    /// <summary>Sends one command, its output kept as <paramref name="capture"/> says.</summary>
    public async Task<ShellRun> BeginAsync(string commandText, int runNumber, int previousExitCode, ShellFlavor flavor, RunCapture capture, CancellationToken cancellationToken)
    {
        var markers = FrameMarkers.CreateRandom();
        var run = new ShellRun(markers, capture.MaxOutputBytes, capture.StdoutCopy, capture.StderrCopy);
        lock (_gate)
        {
            if (_ended.Task.IsCompleted)
            {
                run.Dispose();
                throw new InvalidOperationException("the shell has ended");
            }

            if (_current is not null)
            {
                run.Dispose();
                throw new InvalidOperationException("a command is already running in this shell");
            }

            _current = run;
        }

        var frame = Encoding.UTF8.GetBytes(CommandFrame.Build(commandText, markers, flavor, runNumber, previousExitCode));
        try
        {
            await _process.WriteAsync(frame, cancellationToken);
        }
        catch (Exception) when (HasEnded || _process.Exited.IsCompleted)
        {
            // The channel closed under us; the run completes through the readers' end-of-stream path.
        }

        return run;
    }

    /// <summary>Stops waiting for a run that will never complete (its shell is about to be ended).</summary>
    public void Abandon(ShellRun run)
    {
        lock (_gate)
        {
            if (ReferenceEquals(_current, run))
            {
                _current = null;
            }
        }

        run.Completion.TrySetResult(ShellRunEnd.ShellEnded);
    }

    public void Dispose() => _process?.Dispose();

    void IRemoteOutput.OnData(RemoteStream stream, ReadOnlySpan<byte> data)
    {
        ShellRun? framed = null;
        lock (_gate)
        {
            var run = _current;
            if (run is null)
            {
                return; // output between commands (a background job): nobody's
            }

            (stream == RemoteStream.Stdout ? run.Stdout : run.Stderr).Feed(data);
            if (run.IsFramed)
            {
                _current = null;
                framed = run;
            }
        }

        framed?.Completion.TrySetResult(ShellRunEnd.Framed);
    }

    void IRemoteOutput.OnClosed(RemoteStream stream)
    {
        ShellRun? orphan = null;
        var ended = false;
        lock (_gate)
        {
            if (_current is { } run)
            {
                (stream == RemoteStream.Stdout ? run.Stdout : run.Stderr).Flush();
            }

            if (--_openStreams == 0)
            {
                orphan = _current;
                _current = null;
                ended = true;
            }
        }

        if (ended)
        {
            _ended.TrySetResult();
            orphan?.Completion.TrySetResult(ShellRunEnd.ShellEnded);
        }
    }
}
