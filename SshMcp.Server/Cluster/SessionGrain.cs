using Orleans;
using Orleans.Concurrency;
using Orleans.GrainDirectory;
using Orleans.Placement;
using SshMcp.Server.Files;
using SshMcp.Server.Principals;
using SshMcp.Server.Runs;
using SshMcp.Server.Sessions;
using SshMcp.Server.Ssh;

namespace SshMcp.Server.Cluster;

/// <summary>
/// Where a session lives in the cluster: a thin host around the <see cref="SshSession"/> that this replica's
/// <see cref="SessionRegistry"/> opened, so exec, stop, framing and results are the one implementation.
/// <list type="bullet">
/// <item>Placed on the replica that received <c>ssh_open</c> (prefer-local) and kept alive while the session is;
/// its directory entry is in Redis, so it survives the loss of any other replica.</item>
/// <item><see cref="ReentrantAttribute">Reentrant</see>: "one command at a time" is the session's own turn, which
/// this activation hosts. A call queued by Orleans would wait outside anyone's reach (behind a 10-minute command,
/// whatever its own timeoutMs); the session's turn bounds the wait by the call's timeout and lets the caller cancel
/// it, exactly as in one process. So <c>ssh_list</c> and <c>ssh_close</c> never wait behind a running command.</item>
/// <item>An activation with no session behind it (the replica that held it died, or the session ended) answers
/// <see cref="Failures.SessionNotHeld"/> and deactivates: it never pretends to be the session.</item>
/// </list>
/// </summary>
[Reentrant]
[KeepAlive]
[PreferLocalPlacement]
[GrainDirectory(ClusterHosting.SessionDirectory)]
internal sealed class SessionGrain(SessionRegistry registry) : Grain, ISessionGrain
{
    private SshSession? _session;

    public Task AdoptAsync(string sessionId)
    {
        var session = registry.Find(sessionId);
        if (session is null || SessionIds.ClusterKey(sessionId) != this.GetPrimaryKeyString())
        {
            DeactivateOnIdle();
            throw Failures.SessionNotHeld();
        }

        _session = session;
        return Task.CompletedTask;
    }

    public Task<ExecOutcome> ExecAsync(string owner, ExecRequest request, IProgressObserver? progress, CancellationToken cancellationToken) =>
        registry.ExecAsync(Held().Id, Parse(owner), request, RemoteProgress.Runs(progress), cancellationToken);

    public Task<OutputChunk> ReadOutputAsync(string owner, OutputRequest request, IProgressObserver? progress, CancellationToken cancellationToken) =>
        registry.ReadOutputAsync(Held().Id, Parse(owner), request, RemoteProgress.Runs(progress), cancellationToken);

    public Task<StopOutcome> StopRunAsync(string owner, string runId, CancellationToken cancellationToken) =>
        registry.StopRunAsync(Held().Id, Parse(owner), runId, cancellationToken);

    public Task<IReadOnlyList<HostRunListing>> ListRunsAsync(string owner, CancellationToken cancellationToken) =>
        registry.ListRunsAsync(Held().Id, Parse(owner), cancellationToken);

    public Task<ReadFileOutcome> ReadFileAsync(string owner, ReadFileRequest request, IProgressObserver? progress, CancellationToken cancellationToken) =>
        registry.ReadFileAsync(Held().Id, Parse(owner), request, RemoteProgress.Transfers(progress), cancellationToken);

    public Task<WriteFileOutcome> WriteFileAsync(string owner, WriteFileRequest request, IProgressObserver? progress, CancellationToken cancellationToken) =>
        registry.WriteFileAsync(Held().Id, Parse(owner), request, RemoteProgress.Transfers(progress), cancellationToken);

    public Task<SessionSnapshot?> DescribeAsync(string owner) =>
        Task.FromResult(_session is { IsClosed: false } session && session.Owner.Id == owner ? SessionSnapshot.Of(session) : null);

    public Task<bool> CloseAsync(string owner) => registry.CloseAsync(Held().Id, Parse(owner));

    public Task ReleaseAsync()
    {
        _session = null;
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    private SshSession Held()
    {
        if (_session is { } session)
        {
            return session;
        }

        DeactivateOnIdle();
        throw Failures.SessionNotHeld();
    }

    private static Principal Parse(string owner) =>
        Principal.Parse(owner) ?? throw new ArgumentException("Not a principal.", nameof(owner));
}
