using Microsoft.Extensions.Logging;
using SshMcp.Server.Ssh;

namespace SshMcp.Server.Transports.OpenSsh;

/// <summary>
/// A session's connection through the system ssh: one master holding it and running the session's shell on its own
/// session channel (the first start of the command it was started with), and one short ssh per further channel, which
/// the master serves over the control socket in the session's private directory. Disposing ends the master and
/// removes the directory (socket, config, helper) with it.
/// </summary>
internal sealed class OpenSshConnection : ISshConnection
{
    private static readonly TimeSpan MasterExitBound = TimeSpan.FromSeconds(3);

    private readonly OpenSshMaster _master;
    private readonly SessionDirectory _directory;
    private readonly OpenSshLaunch _launch;
    private readonly ILogger _logger;
    private int _disposed;

    public OpenSshConnection(OpenSshMaster master, SessionDirectory directory, OpenSshLaunch launch, ILogger logger)
    {
        _master = master;
        _directory = directory;
        _launch = launch;
        _logger = logger;
    }

    public string Transport => OpenSshTransport.TransportName;

    public bool IsConnected => Volatile.Read(ref _disposed) == 0 && _master.IsRunning;

    public async Task<IRemoteProcess> StartAsync(string commandLine, IRemoteOutput output, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfGone();
        // The session's shell is the master's own command; a later one starts one exec shorter (its launcher's own
        // /bin/sh is the wrapper's).
        var loginShell = commandLine == Shell.ShellScripts.Launcher;
        if (loginShell && _master.TakeCommand(output, cancellationToken) is { } own)
        {
            return await own;
        }

        var wrapped = loginShell ? ExitWrapper.WrapLoginShell() : ExitWrapper.Wrap(commandLine);
        var arguments = OpenSshCommandLine.Channel(_directory, _launch.Host, wrapped, userConfig: true);
        var child = SshChild.Start(_launch.SshPath, arguments, _launch.Environment);
        return await OpenSshProcess.StartAsync(child, _master, output, loginShell, cancellationToken);
    }

    /// <summary>
    /// The host's sftp-server program as a command, as on sshnet (see the script): a channel through the master that
    /// keeps the exit wrapper's start marker, so the file layer reads both transports the same way.
    /// </summary>
    public Task<IRemoteProcess> StartSftpAsync(IRemoteOutput output, CancellationToken cancellationToken) =>
        StartAsync(Shell.ShellScripts.SftpServer, output, cancellationToken);

    public async Task<RemoteResult> RunAsync(string commandLine, ReadOnlyMemory<byte> input, TimeSpan bound, CancellationToken cancellationToken)
    {
        ThrowIfGone();
        using var child = SshChild.Start(_launch.SshPath, OpenSshCommandLine.Channel(_directory, _launch.Host, commandLine, userConfig: false), _launch.Environment);
        var stdout = StreamTail.Start(child.Stdout);
        var stderr = StreamTail.Start(child.Stderr);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(bound);
        try
        {
            try
            {
                await child.Stdin.WriteAsync(input, deadline.Token);
            }
            catch (IOException)
            {
                // It ended before taking its input (the master refused the channel, say): its exit says why.
            }

            child.CloseStdin();
            await child.Exited.WaitAsync(deadline.Token);
            await Task.WhenAll(stdout.Completion, stderr.Completion).WaitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"the command did not finish within {bound.TotalSeconds:0.#} s");
        }
        finally
        {
            child.Kill();
        }

        if (child.ExitCode == OpenSshErrors.SshFailed && OpenSshErrors.ChannelFailure(stderr.Text, _master.IsRunning) is { } failure)
        {
            throw failure;
        }

        return new RemoteResult(child.ExitCode, stdout.Text, stderr.Text);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_master.EndedOnItsOwn && _logger.IsEnabled(LogLevel.Debug))
        {
            // It ended before the session closed (its shell ended, the connection dropped, or someone killed it). What
            // ssh said then went to the shell's stderr, which is the command's output, never logged.
            OpenSshLog.MasterEnded(_logger, _launch.Host, _master.Id, _master.ExitCode);
        }

        _master.Kill();
        await Sessions.Waits.CompletesWithinAsync(_master.Exited, MasterExitBound);
        _master.Dispose();
        _directory.Dispose();
    }

    private void ThrowIfGone()
    {
        if (!IsConnected)
        {
            throw Failures.ChannelLost();
        }
    }
}
