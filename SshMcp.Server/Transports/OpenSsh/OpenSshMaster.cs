namespace SshMcp.Server.Transports.OpenSsh;

/// <summary>
/// The session's master ssh: holds the one connection, serves channels on the control socket, runs nothing itself.
/// Ready once its control socket appears: ssh binds it under a temporary name after the login and links it into place
/// already listening, so the link is the event (an inotify watch on the private directory: no polling, and no process
/// of its own, which a LocalCommand would cost on the open's path). Gone when its process exits (the connection
/// dropped, or it was killed), which every channel of the session then learns through <see cref="Exited"/>.
/// </summary>
internal sealed class OpenSshMaster : IDisposable
{
    private readonly SshChild _child;
    private readonly StreamTail _stderr;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly StreamTail _stdout;
    private readonly FileSystemWatcher _socketWatch;

    private OpenSshMaster(SshChild child, FileSystemWatcher socketWatch, string controlSocket)
    {
        _child = child;
        _socketWatch = socketWatch;
        _stderr = StreamTail.Start(child.Stderr);
        _stdout = StreamTail.Start(child.Stdout);
        Exited = WaitExitAsync();
        child.CloseStdin();
        if (File.Exists(controlSocket))
        {
            SetReady();
        }
    }

    public int Id => _child.Id;

    /// <summary>Completes when the master is logged in and its control socket accepts clients.</summary>
    public Task Ready => _ready.Task;

    /// <summary>Completes when the master has exited and its messages are all read.</summary>
    public Task Exited { get; }

    public bool IsRunning => !Exited.IsCompleted;

    public int ExitCode => _child.ExitCode;

    /// <summary>The last part of what ssh printed on stderr (its own errors and those of ProxyCommand and jump hosts).</summary>
    public string Messages => _stderr.Text;

    /// <summary>Starts the master, watching for <paramref name="controlSocket"/> (its ControlPath) from before it can appear.</summary>
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
        await Task.WhenAll(_stderr.Completion, _stdout.Completion);
    }
}
