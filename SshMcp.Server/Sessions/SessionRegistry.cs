using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SshMcp.Server.Diagnostics;
using SshMcp.Server.Files;
using SshMcp.Server.Options;
using SshMcp.Server.Principals;
using SshMcp.Server.Runs;
using SshMcp.Server.Ssh;
using SshMcp.Server.Ssh.HostKeys;
using SshMcp.Server.Ssh.Routes;
using SshMcp.Server.Transports;

namespace SshMcp.Server.Sessions;

/// <summary>
/// Owns every open session. A session belongs to the <see cref="Principal"/> that opened it and is invisible to every
/// other: an id that is not yours reads exactly like an id that never existed. Nothing here depends on an MCP session,
/// so a principal may use its sessions from any connection, request or protocol revision.
/// </summary>
internal sealed class SessionRegistry(
    TransportSelector transports,
    RoutePlanner routes,
    SpoolRoot spools,
    IOptions<SshMcpOptions> options,
    TimeProvider time,
    ILoggerFactory loggerFactory,
    SshMcpTelemetry telemetry,
    FileTransfers files,
    IEnumerable<ISessionRemovalListener> removalListeners) : IAsyncDisposable
{
    /// <summary>The reason given to sessions that end because this server stops.</summary>
    public const string StoppingReason = "server stopping";

    private readonly ISessionRemovalListener[] _removalListeners = [.. removalListeners];
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
            request = await RouteAsync(request, owner, deadline.Token, cancellationToken);
            var connected = await transport.ConnectAsync(request, deadline.Token, cancellationToken);
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

            var target = request.Target;
            var endpoint = new SessionEndpoint(target.HostName, target.Port, target.User, connected.Connection.Transport, connected.HostKeyFingerprint, connected.HostKeyStatus);
            var session = new SshSession(SessionIds.New(), tag, endpoint, connected.Connection, shell, spools.CreateSessionSpool(), _options, time, loggerFactory.CreateLogger<SshSession>()) { Owner = owner };
            _sessions[session.Id] = session;
            opened = true;
            telemetry.SessionStarted();
            Log.SessionOpened(_logger, session.LogRef, endpoint.Username, endpoint.Host, endpoint.Port, (long)time.GetElapsedTime(started).TotalMilliseconds, endpoint.Transport, connected.HostKeyStatus.ToWireString());
            return session;
        }
        catch (SshFailureException failure)
        {
            Log.SessionOpenFailed(_logger, request.Route?.Target.Config.HostName ?? request.Host, request.Route?.Target.Config.Port ?? request.Port ?? 22, failure.Kind.ToString());
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

    /// <summary>
    /// The request with its route: ssh_config resolves the host once per open, and each hop is approved before any is
    /// connected. Bounded by the open's deadline, which fires as a timeout; the caller's cancellation propagates.
    /// </summary>
    private async Task<OpenRequest> RouteAsync(OpenRequest request, Principal owner, CancellationToken deadline, CancellationToken cancellationToken)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline);
        try
        {
            var route = await routes.PlanAsync(request, owner, either.Token);
            return request with { Route = route, Identities = ConfiguredIdentities.From(route.Target.Config) };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failures.ConnectTimeout(request.Host, request.Port ?? 22, request.ConnectTimeout);
        }
    }

    /// <summary>The caller's session, or a "not found" failure that says the same for unknown and foreign ids.</summary>
    public SshSession Get(string sessionId, Principal owner)
    {
        if (_sessions.TryGetValue(sessionId, out var session) && session.Owner == owner && !session.IsClosed)
        {
            return session;
        }

        throw Failures.SessionNotFound(sessionId);
    }

    /// <summary>The open session with this id, whoever owns it; null when there is none.</summary>
    public SshSession? Find(string sessionId) =>
        _sessions.TryGetValue(sessionId, out var session) && !session.IsClosed ? session : null;

    public async Task<ExecOutcome> ExecAsync(string sessionId, Principal owner, ExecRequest request, IProgress<RunProgress>? progress, CancellationToken cancellationToken)
    {
        using var activity = telemetry.StartExec(sessionId, request.Command);
        var started = time.GetTimestamp();
        try
        {
            var outcome = await ExecCoreAsync(sessionId, owner, request, progress, activity, cancellationToken);
            telemetry.ExecCompleted(activity, outcome);
            return outcome;
        }
        catch (Exception ex)
        {
            telemetry.ExecFailed(activity, ex, time.GetElapsedTime(started));
            throw;
        }
    }

    private async Task<ExecOutcome> ExecCoreAsync(string sessionId, Principal owner, ExecRequest request, IProgress<RunProgress>? progress, Activity? activity, CancellationToken cancellationToken)
    {
        var session = Get(sessionId, owner);
        SshMcpTelemetry.ExecTarget(activity, session.Endpoint);
        try
        {
            var outcome = await session.ExecAsync(request, progress, cancellationToken);
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

    /// <summary>Reads a file of the caller's session's host, beside whatever its shell runs.</summary>
    public Task<ReadFileOutcome> ReadFileAsync(string sessionId, Principal owner, ReadFileRequest request, IProgress<TransferStatus>? progress, CancellationToken cancellationToken) =>
        TransferAsync(TelemetryNames.ReadFileSpan, sessionId, owner, session => files.ReadAsync(session, request, progress, cancellationToken), o => o.Bytes, o => o.Via);

    /// <summary>Writes a file on the caller's session's host, beside whatever its shell runs.</summary>
    public Task<WriteFileOutcome> WriteFileAsync(string sessionId, Principal owner, WriteFileRequest request, IProgress<TransferStatus>? progress, CancellationToken cancellationToken) =>
        TransferAsync(TelemetryNames.WriteFileSpan, sessionId, owner, session => files.WriteAsync(session, request, progress, cancellationToken), o => o.BytesWritten, o => o.Via);

    private async Task<T> TransferAsync<T>(string span, string sessionId, Principal owner, Func<SshSession, Task<T>> transfer, Func<T, long> bytes, Func<T, string> via)
    {
        using var activity = telemetry.StartTransfer(span, sessionId);
        try
        {
            var session = Get(sessionId, owner);
            SshMcpTelemetry.ExecTarget(activity, session.Endpoint);
            try
            {
                using var _ = session.BeginTransfer();
                var outcome = await transfer(session);
                SshMcpTelemetry.TransferCompleted(activity, bytes(outcome), via(outcome));
                return outcome;
            }
            catch (SshFailureException failure) when (failure.Kind is SshFailureKind.ConnectionLost or SshFailureKind.ShellEnded)
            {
                await RemoveAsync(session, failure.Kind == SshFailureKind.ConnectionLost ? "connection lost" : "shell ended");
                throw;
            }
        }
        catch (Exception ex)
        {
            SshMcpTelemetry.TransferFailed(activity, ex);
            throw;
        }
    }

    /// <summary>A piece of a run's output (see <see cref="SshSession.ReadOutputAsync"/>).</summary>
    public Task<OutputChunk> ReadOutputAsync(string sessionId, Principal owner, OutputRequest request, IProgress<RunProgress>? progress, CancellationToken cancellationToken) =>
        Get(sessionId, owner).ReadOutputAsync(request, progress, cancellationToken);

    /// <summary>Stops a background run (see <see cref="SshSession.StopRunAsync"/>).</summary>
    public async Task<StopOutcome> StopRunAsync(string sessionId, Principal owner, string runId, CancellationToken cancellationToken)
    {
        var session = Get(sessionId, owner);
        var outcome = await session.StopRunAsync(runId, cancellationToken);
        Log.RunStopped(_logger, RunIds.LogRef(runId), session.Endpoint.Host, outcome.Result.ToString());
        return outcome;
    }

    /// <summary>
    /// The owner's background runs on the hosts of its open sessions (see <see cref="RunListings"/>); a host that cannot
    /// answer is named in <see cref="RunListing.Unreachable"/>.
    /// </summary>
    public Task<RunListing> ListRunsAsync(Principal owner, CancellationToken cancellationToken) =>
        RunListings.GatherAsync(
            [.. List(owner).Select(SessionSnapshot.Of)],
            (session, token) => ListRunsAsync(session.Id, owner, token),
            _logger,
            cancellationToken);

    /// <summary>The owner's background runs on the host of one of its sessions.</summary>
    public Task<IReadOnlyList<HostRunListing>> ListRunsAsync(string sessionId, Principal owner, CancellationToken cancellationToken) =>
        Get(sessionId, owner).ListRunsAsync(cancellationToken);

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
        foreach (var listener in _removalListeners)
        {
            await listener.SessionRemovedAsync(session, reason);
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_sessions.Values.Select(s => RemoveAsync(s, StoppingReason)));
    }

}
