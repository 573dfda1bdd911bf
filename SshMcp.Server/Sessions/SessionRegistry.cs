using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SshMcp.Server.Diagnostics;
using SshMcp.Server.Options;
using SshMcp.Server.Principals;
using SshMcp.Server.Ssh;
using SshMcp.Server.Ssh.HostKeys;
using SshMcp.Server.Targets;
using SshMcp.Server.Transports;

namespace SshMcp.Server.Sessions;

/// <summary>
/// Owns every open session. A session belongs to the <see cref="Principal"/> that opened it and is invisible to every
/// other: an id that is not yours reads exactly like an id that never existed. Nothing here depends on an MCP session,
/// so a principal may use its sessions from any connection, request or protocol revision.
/// </summary>
internal sealed class SessionRegistry(
    TransportSelector transports,
    TargetGate targets,
    IOptions<SshMcpOptions> options,
    TimeProvider time,
    ILoggerFactory loggerFactory,
    SshMcpTelemetry telemetry) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, SshSession> _sessions = new(StringComparer.Ordinal);
    private readonly ILogger _logger = loggerFactory.CreateLogger<SessionRegistry>();
    private readonly SshMcpOptions _options = options.Value;
    private readonly SessionQuota _quota = new(options.Value.MaxSessions, options.Value.MaxSessionsPerPrincipal);

    public int Count => _sessions.Count;

    public async Task<SshSession> OpenAsync(OpenRequest request, Principal owner, CancellationToken cancellationToken)
    {
        using var activity = telemetry.StartOpen(request);
        try
        {
            var session = await OpenCoreAsync(request, owner, cancellationToken);
            SshMcpTelemetry.OpenSucceeded(activity, session);
            return session;
        }
        catch (Exception ex)
        {
            telemetry.OpenFailed(activity, ex);
            throw;
        }
    }

    private async Task<SshSession> OpenCoreAsync(OpenRequest request, Principal owner, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var transport = transports.Select(request.Transport);
        using var deadline = new ConnectDeadline(request.ConnectTimeout, time);
        request = request with { Prompter = deadline.PausingAround(request.Prompter) };
        _quota.Take(owner);
        var opened = false;
        try
        {
            var connected = await transport.ConnectAsync(await targets.ResolveAsync(owner, request, deadline.Token, cancellationToken), deadline.Token, cancellationToken);
            RemoteShell shell;
            var tag = SessionIds.NewTag();
            try
            {
                using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
                shell = await RemoteShell.StartAsync(connected.Connection, tag, _options.MaxOutputBytes, either.Token);
            }
            catch (Exception ex)
            {
                await connected.Connection.DisposeAsync();
                cancellationToken.ThrowIfCancellationRequested();
                throw ex switch
                {
                    OperationCanceledException or TimeoutException => Failures.ShellNotReady(request.ToString(), request.ConnectTimeout, ex),
                    SshFailureException { Kind: SshFailureKind.ChannelRefused } => Failures.SessionChannelRefused(request.ToString(), ex),
                    _ => Failures.ShellFailed(request.ToString(), ex.Message, ex),
                };
            }

            var endpoint = new SessionEndpoint(request.Host, request.Port, request.Username, connected.Connection.Transport, connected.HostKeyFingerprint, connected.HostKeyStatus);
            var session = new SshSession(SessionIds.New(), tag, endpoint, connected.Connection, shell, _options, time, loggerFactory.CreateLogger<SshSession>()) { Owner = owner };
            _sessions[session.Id] = session;
            opened = true;
            telemetry.SessionStarted();
            Log.SessionOpened(_logger, session.LogRef, request.Username, request.Host, request.Port, (long)time.GetElapsedTime(started).TotalMilliseconds, endpoint.Transport, connected.HostKeyStatus.ToWireString());
            return session;
        }
        catch (SshFailureException failure)
        {
            Log.SessionOpenFailed(_logger, request.Host, request.Port, failure.Kind.ToString());
            throw;
        }
        finally
        {
            if (!opened)
            {
                _quota.Return(owner);
            }
        }
    }

    /// <summary>The caller's session, or a "not found" failure that says the same for unknown and foreign ids.</summary>
    public SshSession Get(string sessionId, Principal owner)
    {
        if (_sessions.TryGetValue(sessionId, out var session) && session.Owner == owner && !session.IsClosed)
        {
            return session;
        }

        throw new SshFailureException(SshFailureKind.SessionNotFound, $"No open session '{sessionId}'. It may have been closed, timed out after being idle, or never existed. Open one with ssh_open.");
    }

    public async Task<ExecOutcome> ExecAsync(string sessionId, Principal owner, string command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var activity = telemetry.StartExec(sessionId, command);
        var started = time.GetTimestamp();
        try
        {
            var outcome = await ExecCoreAsync(sessionId, owner, command, timeout, activity, cancellationToken);
            telemetry.ExecCompleted(activity, outcome);
            return outcome;
        }
        catch (Exception ex)
        {
            telemetry.ExecFailed(activity, ex, time.GetElapsedTime(started));
            throw;
        }
    }

    private async Task<ExecOutcome> ExecCoreAsync(string sessionId, Principal owner, string command, TimeSpan timeout, Activity? activity, CancellationToken cancellationToken)
    {
        var session = Get(sessionId, owner);
        SshMcpTelemetry.ExecTarget(activity, session.Endpoint);
        try
        {
            var outcome = await session.ExecAsync(command, timeout, cancellationToken);
            if (outcome.ShellEnded)
            {
                await RemoveAsync(session, "shell ended");
            }

            return outcome;
        }
        catch (SshFailureException failure) when (failure.Kind is SshFailureKind.ConnectionLost or SshFailureKind.ShellEnded)
        {
            await RemoveAsync(session, failure.Kind == SshFailureKind.ConnectionLost ? "connection lost" : "shell ended");
            throw;
        }
    }

    /// <summary>Closes the caller's session; false when there was none (closing twice harms nothing).</summary>
    public async Task<bool> CloseAsync(string sessionId, Principal owner)
    {
        if (!_sessions.TryGetValue(sessionId, out var session) || session.Owner != owner)
        {
            return false;
        }

        return await RemoveAsync(session, "closed by the client");
    }

    public IReadOnlyList<SshSession> List(Principal owner) => [.. _sessions.Values.Where(s => s.Owner == owner && !s.IsClosed)];

    /// <summary>Every session, whoever owns it (for the idle reaper and shutdown).</summary>
    public IReadOnlyList<SshSession> All() => [.. _sessions.Values];

    public async Task<bool> RemoveAsync(SshSession session, string reason)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (!_sessions.TryRemove(new KeyValuePair<string, SshSession>(session.Id, session)))
        {
            return false;
        }

        _quota.Return(session.Owner);
        telemetry.SessionEnded();
        using var activity = telemetry.StartClose(session, reason);
        await session.DisposeAsync();
        Log.SessionClosed(_logger, session.LogRef, reason);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_sessions.Values.Select(s => RemoveAsync(s, "server stopping")));
    }

}
