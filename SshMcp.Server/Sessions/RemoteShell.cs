using System.Text;
using Renci.SshNet;
using SshMcp.Server.Shell;

namespace SshMcp.Server.Sessions;

/// <summary>
/// The session's one long-lived shell: an exec channel without a PTY running the user's login shell, commands written
/// to its stdin, stdout and stderr read by two dedicated threads (SSH.NET's output streams only offer blocking reads)
/// and fed to the command in flight.
/// </summary>
internal sealed class RemoteShell : IDisposable
{
    private const int ReadBufferBytes = 16 * 1024;

    private readonly SshCommand _command;
    private readonly Stream _stdin;
    private readonly Task _exec;
    private readonly int _maxOutputBytes;
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ShellRun? _current;
    private int _openStreams = 2;

    private RemoteShell(SshCommand command, Task exec, Stream stdin, int maxOutputBytes)
    {
        _command = command;
        _exec = exec;
        _stdin = stdin;
        _maxOutputBytes = maxOutputBytes;
    }

    public int ShellPid { get; private set; }

    /// <summary>The shell's working directory after the profile ran.</summary>
    public string InitialCwd { get; private set; } = "";

    public ShellFlavor Flavor { get; private set; } = ShellFlavor.Posix;

    /// <summary>Completes when the shell's channel has closed.</summary>
    public Task Ended => _ended.Task;

    public bool HasEnded => _ended.Task.IsCompleted;

    /// <summary>The channel's end: faulted when the connection dropped, otherwise the shell exited.</summary>
    public Task Execution => _exec;

    public int? ExitStatus => _command.ExitStatus;

    public string? ExitSignal => _command.ExitSignal;

    /// <summary>Opens the channel, starts the login shell, discards what its profile printed and learns its PID.</summary>
    public static async Task<RemoteShell> StartAsync(SshClient client, string sessionId, int maxOutputBytes, CancellationToken cancellationToken)
    {
        var command = client.CreateCommand(ShellScripts.Launcher);

        // ExecuteAsync opens the channel synchronously and may wait for a free channel slot, ignoring its token:
        // run it on the pool so the caller's deadline still applies.
        var exec = await Task.Factory.StartNew(
            () => command.ExecuteAsync(CancellationToken.None),
            cancellationToken,
            TaskCreationOptions.DenyChildAttach,
            TaskScheduler.Default).WaitAsync(cancellationToken);

        var shell = new RemoteShell(command, exec, command.CreateInputStream(), maxOutputBytes);
        shell.StartReader(command.OutputStream, isStdout: true, sessionId);
        shell.StartReader(command.ExtendedOutputStream, isStdout: false, sessionId);

        var setup = Encoding.UTF8.GetBytes(ShellScripts.Setup(sessionId));
        shell._stdin.Write(setup);
        using var probe = shell.Begin(ShellScripts.Probe, 0, 0, ShellFlavor.Zsh);
        var end = await probe.Completion.Task.WaitAsync(cancellationToken);
        if (end != ShellRunEnd.Framed)
        {
            throw new InvalidOperationException($"the shell ended while starting (exit status {command.ExitStatus?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"})");
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

    /// <summary>Sends one command. The returned run completes when its output is complete.</summary>
    public ShellRun Begin(string commandText, int runNumber, int previousExitCode, ShellFlavor flavor)
    {
        var markers = FrameMarkers.CreateRandom();
        var run = new ShellRun(markers, _maxOutputBytes);
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
            _stdin.Write(frame);
        }
        catch (Exception) when (HasEnded || _exec.IsCompleted)
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

    public void Dispose()
    {
        _stdin.Dispose();
        _command.Dispose();
    }

    private void StartReader(Stream stream, bool isStdout, string name)
    {
        var thread = new Thread(() => ReadLoop(stream, isStdout), maxStackSize: 256 * 1024)
        {
            IsBackground = true,
            Name = $"sshmcp {name} {(isStdout ? "stdout" : "stderr")}",
        };
        thread.Start();
    }

    private void ReadLoop(Stream stream, bool isStdout)
    {
        var buffer = new byte[ReadBufferBytes];
        try
        {
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                Deliver(buffer.AsSpan(0, read), isStdout);
            }
        }
        catch (ObjectDisposedException)
        {
            // The command was disposed: same as end of stream.
        }
        finally
        {
            StreamClosed(isStdout);
        }
    }

    private void Deliver(ReadOnlySpan<byte> data, bool isStdout)
    {
        ShellRun? framed = null;
        lock (_gate)
        {
            var run = _current;
            if (run is null)
            {
                return; // output between commands (a background job): nobody's
            }

            (isStdout ? run.Stdout : run.Stderr).Feed(data);
            if (run.IsFramed)
            {
                _current = null;
                framed = run;
            }
        }

        framed?.Completion.TrySetResult(ShellRunEnd.Framed);
    }

    private void StreamClosed(bool isStdout)
    {
        ShellRun? orphan = null;
        lock (_gate)
        {
            if (_current is { } run)
            {
                (isStdout ? run.Stdout : run.Stderr).Flush();
            }

            if (--_openStreams == 0)
            {
                orphan = _current;
                _current = null;
            }
        }

        if (Volatile.Read(ref _openStreams) == 0)
        {
            _ended.TrySetResult();
            orphan?.Completion.TrySetResult(ShellRunEnd.ShellEnded);
        }
    }
}
