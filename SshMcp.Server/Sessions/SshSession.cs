using Microsoft.Extensions.Logging;
using SshMcp.Server.Diagnostics;
using SshMcp.Server.Files;
using SshMcp.Server.Options;
using SshMcp.Server.Principals;
using SshMcp.Server.Runs;
using SshMcp.Server.Shell;
using SshMcp.Server.Ssh;
using SshMcp.Server.Transports;

namespace SshMcp.Server.Sessions;

/// <summary>
/// One SSH connection and its one shell, and the session's state: whose it is, its cwd and last exit code, whether it
/// is busy or idle. Commands take turns (a second call waits, bounded by its own timeout); each runs as a
/// <see cref="CommandRun"/>, which stops it on the host when it overruns its timeout or is cancelled. Every command is
/// a run with an id: a foreground run's output goes to the session's spool as it arrives, a background run is started
/// through the same shell and lives on the host; <see cref="SessionRuns"/> answers about both.
/// </summary>
internal sealed class SshSession : IAsyncDisposable
{
    private static readonly TimeSpan ShellEndGrace = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan HostAnswerBound = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan ShellEndBound = TimeSpan.FromSeconds(2);
    private const int LaunchOutputBytes = 4 * 1024;

    private readonly ISshConnection _connection;
    private readonly RemoteShell _shell;
    private readonly SessionHealth _health;
    private readonly CommandStopper _stopper;
    private readonly CommandRun _runner;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly RunSpool _spool;
    private readonly Lazy<SessionRuns> _runs;
    private readonly int _retentionHours;
    private long _lastActivity;
    private int _runNumber;
    private int _lastExitCode;
    private bool _runStartDefined;
    private int _closed;
    private int _transfers;

    public SshSession(string id, string tag, SessionEndpoint endpoint, ISshConnection connection, RemoteShell shell, RunSpool spool, SshMcpOptions options, TimeProvider time, ILogger logger)
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
        _spool = spool;
        _retentionHours = options.Runs.RetentionHours;
        _runs = new(() => new SessionRuns(_spool, new HostRuns(_connection, RunOwner.Of(Owner), HostAnswerBound), Endpoint.ToString(), _retentionHours, _time));
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

    /// <param name="progress">Told, while a foreground run goes on, how much it printed and its last line.</param>
    public async Task<ExecOutcome> ExecAsync(ExecRequest request, IProgress<RunProgress>? progress, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        await ThrowIfUnusableAsync();
        if (!await _turn.WaitAsync(request.Timeout, cancellationToken))
        {
            throw Failures.SessionBusy(Id, request.Timeout);
        }

        try
        {
            Touch();
            await ThrowIfUnusableAsync();
            var runId = RunIds.New(_time.GetUtcNow());
            var outcome = request.Background
                ? await StartBackgroundAsync(runId, request, started, cancellationToken)
                : await RunForegroundAsync(runId, request, started, progress, cancellationToken);
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

    /// <summary>A piece of a run's output: a foreground run of this session, or a background run on its host.</summary>
    public Task<OutputChunk> ReadOutputAsync(OutputRequest request, IProgress<RunProgress>? progress, CancellationToken cancellationToken)
    {
        ThrowIfClosed();
        Touch();
        return _runs.Value.ReadAsync(request, progress, cancellationToken);
    }

    /// <summary>Stops a background run on this session's host, or says how it had ended.</summary>
    public Task<StopOutcome> StopRunAsync(string runId, CancellationToken cancellationToken)
    {
        ThrowIfClosed();
        Touch();
        return _runs.Value.StopAsync(runId, cancellationToken);
    }

    /// <summary>The owner's background runs on this session's host (the retention rule runs first).</summary>
    public Task<IReadOnlyList<HostRunListing>> ListRunsAsync(CancellationToken cancellationToken)
    {
        ThrowIfClosed();
        return _runs.Value.ListAsync(cancellationToken);
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
        finally
        {
            _spool.Dispose();
        }
    }

    private async Task<ExecOutcome> RunForegroundAsync(string runId, ExecRequest request, long started, IProgress<RunProgress>? progress, CancellationToken cancellationToken)
    {
        var entry = _spool.Begin(runId);
        ExecOutcome? outcome = null;
        try
        {
            await using (ProgressTicker.Start(() => _spool.Progress(entry), progress, _time))
            {
                var capture = new RunCapture(request.MaxOutputBytes, entry.Stdout, entry.Stderr);
                outcome = await _runner.ExecuteAsync(request.Command, ++_runNumber, _lastExitCode, Cwd, started, request.Timeout, capture, cancellationToken);
            }
        }
        finally
        {
            _spool.Complete(entry, outcome?.ExitCode);
        }

        return outcome! with { RunId = runId, Notice = RunNotices.Join(outcome.Notice, RunNotices.ForForeground(_spool, entry, outcome)) };
    }

    /// <summary>
    /// Starts a background run from the session's shell, through the frame like any command (so it inherits cwd and
    /// environment); the shell function that does it is sent with the session's first one.
    /// </summary>
    private async Task<ExecOutcome> StartBackgroundAsync(string runId, ExecRequest request, long started, CancellationToken cancellationToken)
    {
        var call = ShellScripts.RunStartCall(runId, RunOwner.Of(Owner), _retentionHours * 60, request.Command);
        var text = _runStartDefined ? call : ShellScripts.RunStartDefinition + "\n" + call;
        var capture = new RunCapture(LaunchOutputBytes, null, null);
        var outcome = await _runner.ExecuteAsync(text, ++_runNumber, _lastExitCode, Cwd, started, request.Timeout, capture, cancellationToken);
        if (outcome.ShellEnded || outcome.TimedOut || outcome.Cancelled)
        {
            return outcome with { RunId = runId };
        }

        _runStartDefined = true;
        _lastExitCode = outcome.ExitCode ?? _lastExitCode;
        var notice = RunStartReplies.Parse(outcome.Stdout.Text) switch
        {
            RunStartReply.Started => RunNotices.BackgroundStarted,
            RunStartReply.StartedWithoutSetsid => RunNotices.BackgroundStarted + " " + Failures.BackgroundWithoutSetsidNotice,
            RunStartReply.Refused => throw Failures.BackgroundRefused(Endpoint.ToString()),
            _ => throw Failures.BackgroundUnreadable(Endpoint.ToString()),
        };
        Log.BackgroundStarted(_logger, LogRef, RunIds.LogRef(runId));
        var empty = new CapturedText("", 0, 0);
        return outcome with { Stdout = empty, Stderr = empty, BinaryOutput = false, ExitCode = null, RunId = runId, Running = true, Notice = notice };
    }

    private void ThrowIfClosed()
    {
        if (IsClosed)
        {
            throw Failures.SessionClosed(Id);
        }
    }

    /// <summary>
    /// As <see cref="ThrowIfUnusable"/>, but a shell whose output just closed is given a moment to say why (its channel
    /// may still be learning whether the connection went with it), so the error names the right cause.
    /// </summary>
    private async Task ThrowIfUnusableAsync()
    {
        if (_shell.HasEnded && !_shell.Execution.IsCompleted)
        {
            await Waits.CompletesWithinAsync(_shell.Execution, ShellEndBound);
        }

        ThrowIfUnusable();
    }

    private void ThrowIfUnusable()
    {
        if (IsClosed)
        {
            throw Failures.SessionClosed(Id);
        }

        if (_shell.HasEnded || _health.IsConnectionLost)
        {
            // A shell that ended with its connection (openssh: its master gone) reads as the connection lost, even
            // before the shell's end has been classified.
            throw _health.IsConnectionLost || _shell.Execution.IsFaulted || !_connection.IsConnected
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
