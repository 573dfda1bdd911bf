using System.Globalization;
using Microsoft.Extensions.Logging;
using Renci.SshNet;
using SshMcp.Server.Diagnostics;
using SshMcp.Server.Options;
using SshMcp.Server.Principals;
using SshMcp.Server.Ssh;

namespace SshMcp.Server.Sessions;

/// <summary>
/// One SSH connection and its one shell. Commands take turns (a second call waits, bounded by its own timeout);
/// a command that overruns its timeout or is cancelled is stopped on the host and the shell goes on.
/// </summary>
internal sealed class SshSession : IAsyncDisposable
{
    private static readonly TimeSpan TrailerGrace = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan NoProcessGrace = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan ShellEndGrace = TimeSpan.FromSeconds(3);

    private readonly SshClient _client;
    private readonly RemoteShell _shell;
    private readonly SshMcpOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _turn = new(1, 1);
    private long _lastActivity;
    private int _runs;
    private int _lastExitCode;
    private int _closed;
    private int _connectionLost;
    private int _channelRefused;

    public SshSession(string id, SessionEndpoint endpoint, SshClient client, RemoteShell shell, string cwd, SshMcpOptions options, TimeProvider time, ILogger logger)
    {
        Id = id;
        LogRef = SessionIds.LogRef(id);
        Endpoint = endpoint;
        _client = client;
        _shell = shell;
        Cwd = cwd;
        _options = options;
        _time = time;
        _logger = logger;
        _lastActivity = time.GetTimestamp();
        OpenedAt = time.GetUtcNow();
    }

    public string Id { get; }

    /// <summary>The id as logs and spans show it (see <see cref="SessionIds.LogRef"/>).</summary>
    public string LogRef { get; }

    /// <summary>Who opened it: the only principal that may see, use or close it.</summary>
    public required Principal Owner { get; init; }

    public SessionEndpoint Endpoint { get; }

    public DateTimeOffset OpenedAt { get; }

    public string Cwd { get; private set; }

    public bool IsBusy => _turn.CurrentCount == 0;

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>True once the shell is gone (it exited, was killed, or the connection dropped or froze).</summary>
    public bool HasEnded => _shell.HasEnded || IsConnectionLost || IsGivenUp;

    private bool IsConnectionLost => Volatile.Read(ref _connectionLost) != 0;

    /// <summary>A command could not be stopped because the host refused a channel: the shell is still busy with it.</summary>
    private bool IsGivenUp => Volatile.Read(ref _channelRefused) != 0;

    public TimeSpan IdleTime => _time.GetElapsedTime(Interlocked.Read(ref _lastActivity));

    public async Task<ExecOutcome> ExecAsync(string command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        ThrowIfUnusable();
        if (!await _turn.WaitAsync(timeout, cancellationToken))
        {
            throw new SshFailureException(
                SshFailureKind.SessionBusy,
                $"Session {Id} is still running an earlier command; this call waited {timeout.TotalSeconds:0.#} s for its turn. Wait for that command, pass a longer timeoutMs, or open another session for parallel work.");
        }

        try
        {
            Touch();
            ThrowIfUnusable();
            var runNumber = ++_runs;
            var tag = string.Create(CultureInfo.InvariantCulture, $"{Id}.{runNumber}");
            var run = _shell.Begin(command, runNumber, _lastExitCode, _shell.Flavor);
            try
            {
                var remaining = timeout - _time.GetElapsedTime(started);
                var (timedOut, cancelled) = await WaitForRunAsync(run, remaining, cancellationToken);
                if (IsConnectionLost)
                {
                    throw new SshFailureException(
                        SshFailureKind.ConnectionLost,
                        $"The connection to {Endpoint} was lost while running the command (it stopped answering); whether the command finished is unknown. Open a new session with ssh_open.");
                }

                string? stopStatus = null;
                string? notice = null;
                if (timedOut || cancelled)
                {
                    (stopStatus, notice) = await StopCommandAsync(run, tag, _time.GetElapsedTime(started));
                    Log.ExecStopped(_logger, LogRef, (long)_time.GetElapsedTime(started).TotalMilliseconds, timedOut ? "timeout" : "cancelled", stopStatus);
                }

                var outcome = await ShapeAsync(run, started, timedOut, cancelled, stopStatus, notice);
                Log.ExecCompleted(_logger, LogRef, outcome.ExitCode, (long)outcome.Duration.TotalMilliseconds);
                return outcome;
            }
            finally
            {
                // The readers must never feed a run whose buffers went back to the pool.
                _shell.Abandon(run);
                run.Dispose();
            }
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
            if (!_shell.HasEnded && !IsConnectionLost && !IsGivenUp && _client.IsConnected)
            {
                await ProcessStopper.StopAsync(_client, _shell.ShellPid, Id + ".", StopScope.Session, 0, _options.StopTimeout);
                await _shell.Ended.WaitAsync(ShellEndGrace);
            }
        }
        catch (Exception ex)
        {
            Log.CloseIncomplete(_logger, LogRef, ex.Message);
        }

        try
        {
            _shell.Dispose();
            // Disconnect waits for the transport to wind down; keep it bounded.
            await Task.Run(_client.Dispose).WaitAsync(ShellEndGrace);
        }
        catch (Exception ex)
        {
            Log.CloseIncomplete(_logger, LogRef, ex.Message);
        }
    }

    private async Task<(bool TimedOut, bool Cancelled)> WaitForRunAsync(ShellRun run, TimeSpan remaining, CancellationToken cancellationToken)
    {
        // Wait in slices: between them, make sure the connection still answers. A frozen network (no RST, no FIN)
        // is otherwise invisible: SSH.NET's keepalives expect no reply and the socket has no TCP keepalive.
        var slice = TimeSpan.FromSeconds(_options.LivenessCheckSeconds);
        var deadline = _time.GetTimestamp() + (long)(Math.Max(0, remaining.TotalSeconds) * _time.TimestampFrequency);
        while (true)
        {
            var left = TimeSpan.FromSeconds((double)(deadline - _time.GetTimestamp()) / _time.TimestampFrequency);
            if (left <= TimeSpan.Zero && !run.Completion.Task.IsCompleted)
            {
                return (true, false);
            }

            try
            {
                await run.Completion.Task.WaitAsync(left < slice ? left : slice, _time, cancellationToken);
                return (false, false);
            }
            catch (TimeoutException)
            {
                if (left > slice && !await ConnectionAnswersAsync(slice))
                {
                    MarkConnectionLost("it stopped answering");
                    return (false, false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return (false, true);
            }
        }
    }

    private async Task<bool> ConnectionAnswersAsync(TimeSpan bound)
    {
        try
        {
            using var probe = _client.CreateCommand("true");
            var exec = await Task.Factory.StartNew(
                () => probe.ExecuteAsync(CancellationToken.None),
                CancellationToken.None,
                TaskCreationOptions.DenyChildAttach,
                TaskScheduler.Default).WaitAsync(bound);
            await exec.WaitAsync(bound);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (Exception)
        {
            // A refused or failed probe channel still proves the peer answers; a dropped connection ends the shell anyway.
            return !_shell.HasEnded;
        }
    }

    /// <summary>Gives up on the connection: the command in flight and every later call fail at once, and closing does not wait on the wire.</summary>
    private void MarkConnectionLost(string why)
    {
        if (Interlocked.Exchange(ref _connectionLost, 1) == 0)
        {
            Log.ConnectionLost(_logger, LogRef, why);
        }
    }

    private async Task<(string StopStatus, string? Notice)> StopCommandAsync(ShellRun run, string tag, TimeSpan elapsed)
    {
        var verdict = "unconfirmed";
        try
        {
            if (_client.IsConnected && !_shell.HasEnded)
            {
                var age = (int)Math.Ceiling(elapsed.TotalSeconds) + 1;
                verdict = await ProcessStopper.StopAsync(_client, _shell.ShellPid, tag, StopScope.Command, age, _options.StopTimeout);
            }
        }
        catch (Exception ex) when (ProcessStopper.IsChannelRefused(ex))
        {
            // Without a second channel nothing can be stopped; the shell stays busy with the command, so the session is
            // given up rather than left to run the next command whenever this one ends.
            Log.StopFailed(_logger, LogRef, ex.Message);
            Interlocked.Exchange(ref _channelRefused, 1);
            _shell.Abandon(run);
            return (
                "stop-unconfirmed",
                "The host refused a second SSH channel (sshd's MaxSessions limit), which stopping a command needs, so the command may still be running on the host. This session was closed; open a new one with ssh_open.");
        }
        catch (Exception ex)
        {
            Log.StopFailed(_logger, LogRef, ex.Message);
        }

        // "none": no process of the command exists, so it either just finished or runs inside the shell itself.
        if (await CompletesWithinAsync(run.Completion.Task, verdict == "none" ? NoProcessGrace : TrailerGrace))
        {
            return (verdict.StartsWith("unconfirmed", StringComparison.Ordinal) ? "stop-unconfirmed" : "stopped", null);
        }

        // The command runs inside the shell itself (a shell loop) or outlived every signal: end the shell.
        try
        {
            if (_client.IsConnected && !_shell.HasEnded)
            {
                await ProcessStopper.StopAsync(_client, _shell.ShellPid, Id + ".", StopScope.Session, 0, _options.StopTimeout);
            }
        }
        catch (Exception ex)
        {
            Log.StopFailed(_logger, LogRef, ex.Message);
        }

        var ended = await CompletesWithinAsync(_shell.Ended, ShellEndGrace);
        _shell.Abandon(run);
        return (
            ended ? "stopped" : "stop-unconfirmed",
            "The command did not end when its processes were signalled (it was running inside the shell itself, such as a shell loop), so the shell was ended. Open a new session with ssh_open.");
    }

    private async Task<ExecOutcome> ShapeAsync(ShellRun run, long started, bool timedOut, bool cancelled, string? stopStatus, string? notice)
    {
        var stdout = run.StdoutCapture.ToText();
        var stderr = run.StderrCapture.ToText();
        var binary = run.StdoutCapture.LooksBinary || run.StderrCapture.LooksBinary;
        int? exitCode;
        string? signal = null;
        var shellEnded = run.Completion.Task.Result == ShellRunEnd.ShellEnded;

        if (!shellEnded && Shell.Trailer.TryParse(run.Stdout.Trailer, out var trailer))
        {
            exitCode = trailer.ExitCode;
            _lastExitCode = trailer.ExitCode;
            Cwd = trailer.Cwd;
        }
        else
        {
            // The shell ended: wait (bounded) for the channel's exit status or learn that the connection dropped.
            if (!IsGivenUp)
            {
                await CompletesWithinAsync(_shell.Execution, ShellEndGrace);
            }

            if (_shell.Execution.IsFaulted)
            {
                Log.ConnectionLost(_logger, LogRef, _shell.Execution.Exception?.InnerException?.Message ?? "unknown");
                throw new SshFailureException(
                    SshFailureKind.ConnectionLost,
                    $"The connection to {Endpoint} was lost while running the command; its output so far is unknown. Open a new session with ssh_open.");
            }

            exitCode = _shell.ExitStatus;
            signal = _shell.ExitSignal;
            shellEnded = true;
            Log.ShellEnded(_logger, LogRef, exitCode, signal);
            notice ??= signal is null
                ? $"The shell ended (exit status {exitCode?.ToString(CultureInfo.InvariantCulture) ?? "unknown"}); this session is closed. Open a new session with ssh_open."
                : $"The shell was killed by signal {signal}; this session is closed. Open a new session with ssh_open.";
        }

        return new ExecOutcome(stdout, stderr, binary, exitCode, signal, Cwd, _time.GetElapsedTime(started), timedOut, cancelled, stopStatus, shellEnded, notice);
    }

    private void ThrowIfUnusable()
    {
        if (IsClosed)
        {
            throw new SshFailureException(SshFailureKind.SessionNotFound, $"Session {Id} was closed. Open a new session with ssh_open.");
        }

        if (_shell.HasEnded || IsConnectionLost)
        {
            var lost = IsConnectionLost || _shell.Execution.IsFaulted;
            throw new SshFailureException(
                lost ? SshFailureKind.ConnectionLost : SshFailureKind.ShellEnded,
                lost
                    ? $"The connection to {Endpoint} was lost. Open a new session with ssh_open."
                    : $"The shell of session {Id} has ended. Open a new session with ssh_open.");
        }
    }

    private void Touch() => Interlocked.Exchange(ref _lastActivity, _time.GetTimestamp());

    private static async Task<bool> CompletesWithinAsync(Task task, TimeSpan bound)
    {
        try
        {
            await task.WaitAsync(bound);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (Exception)
        {
            return task.IsCompleted;
        }
    }
}
