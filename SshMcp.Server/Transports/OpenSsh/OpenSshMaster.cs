namespace SshMcp.Server.Transports.OpenSsh;

/// <summary>
/// The session's master ssh: holds the one connection, serves channels on the control socket, and runs one command on
/// its own session channel (the session's shell), so an idle session is one ssh process. Ready once its control socket
/// appears: ssh binds it under a temporary name after the login and links it into place already listening, before it
/// opens its own session channel, so the link is the "logged in" event (an inotify watch on the private directory: no
/// polling, and no process of its own, which a LocalCommand would cost on the open's path). Until its command starts,
/// its stderr is ssh's own (what a failed login is diagnosed from); after, it is the command's. Gone when its process
/// exits (its command ended, the connection dropped, or it was killed), which every channel of the session then learns
/// through <see cref="Exited"/>.
/// </summary>
internal sealed class OpenSshMaster : IDisposable
{
    private const int PipeBytes = 1024 * 1024;

    private readonly SshChild _child;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly FileSystemWatcher _socketWatch;
    private readonly string _controlSocket;
    private int _commandTaken;

    private OpenSshMaster(SshChild child, FileSystemWatcher socketWatch, string controlSocket)
    {
        _child = child;
        _socketWatch = socketWatch;
        _controlSocket = controlSocket;
        // Room for what ssh says while logging in, which nobody reads until it exits or its command starts.
        child.GrowOutputPipes(PipeBytes);
        Exited = WaitExitAsync();
        if (File.Exists(controlSocket))
        {
            SetReady();
        }
    }

    public int Id => _child.Id;

    /// <summary>Completes when the master is logged in and its control socket accepts clients.</summary>
    public Task Ready => _ready.Task;

    /// <summary>Completes when the master's process has exited.</summary>
    public Task Exited { get; }

    public bool IsRunning => !Exited.IsCompleted;

    public int ExitCode => _child.ExitCode;

    /// <summary>Whether it ended on its own: its command ended, the connection dropped, or someone else killed it.</summary>
    public bool EndedOnItsOwn => !IsRunning && !_child.Killed;

    /// <summary>
    /// Whether someone else killed it with a signal ssh cannot catch (it then leaves its control socket behind, which
    /// every exit of its own removes): the connection is lost, though its exit code reads as its command's (137).
    /// </summary>
    public bool Vanished { get; private set; }

    /// <summary>Whether its command was handed out (its stderr then carries the command's output, not ssh's words).</summary>
    public bool CommandTaken => Volatile.Read(ref _commandTaken) != 0;

    /// <summary>Starts the master (its arguments run the session's shell, see <see cref="OpenSshCommandLine.Master"/>), watching for <paramref name="controlSocket"/> (its ControlPath) from before it can appear.</summary>
    public static OpenSshMaster Start(string sshPath, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment, string controlSocket)
    {
        var watch = new FileSystemWatcher(Path.GetDirectoryName(controlSocket)!, Path.GetFileName(controlSocket)) { NotifyFilter = NotifyFilters.FileName };
        OpenSshMaster? master = null;
        watch.Created += (_, _) => master?.SetReady();
        watch.Renamed += (_, _) => master?.SetReady();
        try
        {
            watch.EnableRaisingEvents = true;
            master = new OpenSshMaster(SshChild.Start(sshPath, arguments, environment), watch, controlSocket);
            return master;
        }
        catch
        {
            watch.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Its command, the session's shell (<see cref="Shell.ShellScripts.Launcher"/>), as a process whose stdin, stdout and
    /// stderr are the master's own; once only (null after). Ending
    /// that process ends the master: they are one.
    /// </summary>
    public Task<OpenSshProcess>? TakeCommand(IRemoteOutput output, CancellationToken cancellationToken) =>
        Interlocked.Exchange(ref _commandTaken, 1) != 0 ? null : OpenSshProcess.StartAsync(_child, this, output, loginShell: true, cancellationToken);

    /// <summary>What ssh said on stderr, read to its end: only once the master has exited without its command starting.</summary>
    public async Task<string> ReadMessagesAsync()
    {
        if (CommandTaken)
        {
            return "";
        }

        var tail = StreamTail.Start(_child.Stderr);
        await tail.Completion;
        return tail.Text;
    }

    /// <summary>Ends the connection now (the master and whatever it started); harmless once it has exited.</summary>
    public void Kill() => _child.Kill();

    public void Dispose()
    {
        _socketWatch.Dispose();
        _child.Dispose();
    }

    private void SetReady()
    {
        if (_ready.TrySetResult())
        {
            _socketWatch.EnableRaisingEvents = false;
        }
    }

    private async Task WaitExitAsync()
    {
        await _child.Exited;
        _socketWatch.EnableRaisingEvents = false;
        Vanished = !_child.Killed && File.Exists(_controlSocket);
    }
}
