using Microsoft.Extensions.Logging;
using SshMcp.Server.Diagnostics;
using SshMcp.Server.Files;
using SshMcp.Server.Options;
using SshMcp.Server.Principals;
using SshMcp.Server.Ssh;
using SshMcp.Server.Transports;

namespace SshMcp.Server.Sessions;

/// <summary>
/// One SSH connection and its one shell, and the session's state: whose it is, its cwd and last exit code, whether it
/// is busy or idle. Commands take turns (a second call waits, bounded by its own timeout); each runs as a
/// <see cref="CommandRun"/>, which stops it on the host when it overruns its timeout or is cancelled.
/// </summary>
internal sealed class SshSession : IAsyncDisposable
{
    private static readonly TimeSpan ShellEndGrace = TimeSpan.FromSeconds(3);

    private readonly ISshConnection _connection;
    private readonly RemoteShell _shell;
    private readonly SessionHealth _health;
    private readonly CommandStopper _stopper;
    private readonly CommandRun _runner;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _turn = new(1, 1);
    private long _lastActivity;
    private int _runs;
    private int _lastExitCode;
    private int _closed;
    private int _transfers;

    public SshSession(string id, string tag, SessionEndpoint endpoint, ISshConnection connection, RemoteShell shell, SshMcpOptions options, TimeProvider time, ILogger logger)
    {
        Id = id;
        LogRef = SessionIds.LogRef(id);
        Endpoint = endpoint;
        _connection = connection;
        _shell = shell;
        _time = time;
        _logger = logger;
        Cwd = shell.InitialCwd;
        _health = new SessionHealth(LogRef, shell, logger);
        _stopper = new CommandStopper(connection, shell, _health, tag, options.StopTimeout, LogRef, logger);
        _runner = new CommandRun(connection, shell, _health, _stopper, endpoint, TimeSpan.FromSeconds(options.LivenessCheckSeconds), time, LogRef, logger);
        _lastActivity = time.GetTimestamp();
        OpenedAt = time.GetUtcNow();
        Files = new SessionFiles(new FileContext(connection, endpoint.Username, endpoint.ToString(), options.Files), LogRef, logger);
    }

    public string Id { get; }

    /// <summary>The id as logs and spans show it (see <see cref="SessionIds.LogRef"/>).</summary>
    public string LogRef { get; }

    /// <summary>Who opened it: the only principal that may see, use or close it.</summary>
    public required Principal Owner { get; init; }

    public SessionEndpoint Endpoint { get; }

    public DateTimeOffset OpenedAt { get; }

    public string Cwd { get; private set; }

    /// <summary>The session's way to its host's files (an SFTP channel beside the shell, opened on first use).</summary>
    public SessionFiles Files { get; }

    public bool IsBusy => _turn.CurrentCount == 0;

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>True once the shell is gone (it exited, was killed, or the connection dropped or froze).</summary>
    public bool HasEnded => _health.HasEnded;

    /// <summary>Time since the last command or transfer ended; zero while a file transfer runs.</summary>
    public TimeSpan IdleTime => Volatile.Read(ref _transfers) > 0 ? TimeSpan.Zero : _time.GetElapsedTime(Interlocked.Read(ref _lastActivity));

    /// <summary>
    /// Marks a file transfer running until disposed. Transfers run beside commands, on channels of their own: they do
    /// not wait for the shell's turn, and a command does not wait for them.
    /// </summary>
    public IDisposable BeginTransfer()
    {
        ThrowIfUnusable();
        Interlocked.Increment(ref _transfers);
        Touch();
        return new TransferMark(this);
    }

    public async Task<ExecOutcome> ExecAsync(string command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        ThrowIfUnusable();
        if (!await _turn.WaitAsync(timeout, cancellationToken))
        {
            throw Failures.SessionBusy(Id, timeout);
        }

        try
        {
            Touch();
            ThrowIfUnusable();
            var outcome = await _runner.ExecuteAsync(command, ++_runs, _lastExitCode, Cwd, started, timeout, cancellationToken);
            if (!outcome.ShellEnded && outcome.ExitCode is { } exitCode)
            {
                _lastExitCode = exitCode;
                Cwd = outcome.Cwd;
            }

            return outcome;
        }
        finally
        {
            Touch();
            _turn.Release();
        }
    }

    /// <summary>Ends the shell and every process the session started, then the connection. Idempotent; never throws.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        try
        {
            if (!HasEnded)
            {
                await _stopper.StopSessionAsync();
                await Waits.CompletesWithinAsync(_shell.Ended, ShellEndGrace);
            }

            _shell.Dispose();
            Files.Dispose();
            await _connection.DisposeAsync();
        }
        catch (Exception ex)
        {
            Log.CloseIncomplete(_logger, LogRef, ex.Message);
        }
    }

    private void ThrowIfUnusable()
    {
        if (IsClosed)
        {
            throw Failures.SessionClosed(Id);
        }

        if (_shell.HasEnded || _health.IsConnectionLost)
        {
            throw _health.IsConnectionLost || _shell.Execution.IsFaulted
                ? Failures.ConnectionLost(Endpoint.ToString())
                : Failures.ShellHasEnded(Id);
        }
    }

    private void Touch() => Interlocked.Exchange(ref _lastActivity, _time.GetTimestamp());

    private sealed class TransferMark(SshSession session) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                session.Touch();
                Interlocked.Decrement(ref session._transfers);
            }
        }
    }
}
