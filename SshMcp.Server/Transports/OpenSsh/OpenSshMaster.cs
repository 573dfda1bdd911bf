namespace SshMcp.Server.Transports.OpenSsh;

/// <summary>
/// The session's master ssh: holds the one connection, serves channels on the control socket, runs nothing itself.
/// Ready once it printed <see cref="OpenSshCommandLine.ReadyLine"/>; gone when its process exits (the connection
/// dropped, or it was killed), which every channel of the session then learns through <see cref="Exited"/>.
/// </summary>
internal sealed class OpenSshMaster : IDisposable
{
    private readonly SshChild _child;
    private readonly StreamTail _stderr;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly StreamTail _stdout;

    private OpenSshMaster(SshChild child)
    {
        _child = child;
        _stderr = StreamTail.Start(child.Stderr);
        _stdout = StreamTail.Start(child.Stdout, OnStdout);
        Exited = WaitExitAsync();
        child.CloseStdin();
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

    public static OpenSshMaster Start(string sshPath, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment) =>
        new(SshChild.Start(sshPath, arguments, environment));

    /// <summary>Ends the connection now (the master and whatever it started); harmless once it has exited.</summary>
    public void Kill() => _child.Kill();

    public void Dispose() => _child.Dispose();

    private void OnStdout(string text)
    {
        if (text.Contains(OpenSshCommandLine.ReadyLine, StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }

    private async Task WaitExitAsync()
    {
        await _child.Exited;
        await Task.WhenAll(_stderr.Completion, _stdout.Completion);
    }
}
