using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using SshMcp.Server.Files;
using SshMcp.Server.Options;
using SshMcp.Server.Principals;
using SshMcp.Server.Runs;
using SshMcp.Server.Sessions;
using SshMcp.Server.Ssh;
using StackExchange.Redis;

namespace SshMcp.Server.Cluster;

/// <summary>
/// Sessions across replicas. <c>ssh_open</c> opens in this replica's registry (the same code as one process) and
/// activates the session's grain here; every other call goes to the grain, wherever it lives. A grain with nothing
/// behind it, or a replica that no longer answers, becomes "lost" for the session's owner and "no open session" for
/// everyone else, as the <see cref="SessionIndex"/> says.
/// </summary>
internal sealed class ClusterSessionService(
    SessionRegistry registry,
    IGrainFactory grains,
    SessionIndex index,
    IClusterMembershipService membership,
    ILocalSiloDetails silo,
    IOptions<SshMcpOptions> options,
    ILogger<ClusterSessionService> logger) : ISessionService
{
    private readonly string _replica = silo.SiloAddress.ToParsableString();

    public async Task<SessionSnapshot> OpenAsync(OpenRequest request, Principal owner, CancellationToken cancellationToken)
    {
        // This replica's own quota counts its sessions; the per-principal limit holds across the cluster.
        var owned = await Redis(() => index.CountAsync(owner), "count your sessions");
        if (owned >= options.Value.MaxSessionsPerPrincipal)
        {
            throw SessionQuota.OwnerLimitReached(owned);
        }

        var session = await registry.OpenAsync(request, owner, cancellationToken);
        try
        {
            var key = SessionIds.ClusterKey(session.Id);
            await grains.GetGrain<ISessionGrain>(key).AdoptAsync(session.Id);
            await index.AddAsync(key, owner, _replica);
            return SessionSnapshot.Of(session);
        }
        catch (Exception ex)
        {
            await registry.RemoveAsync(session, "could not be registered in the cluster");
            throw ex is SshFailureException { Kind: SshFailureKind.ClusterUnavailable } failure
                ? failure
                : Failures.ClusterUnavailable("register the new session", ex);
        }
    }

    public Task<ExecOutcome> ExecAsync(string sessionId, Principal owner, ExecRequest request, IProgress<RunProgress>? progress, CancellationToken cancellationToken) =>
        RemoteProgress.ObserveAsync(grains, progress, null, observer =>
            RouteAsync(sessionId, owner, grain => grain.ExecAsync(owner.Id, request, observer, cancellationToken)));

    public async Task<OutputChunk> ReadOutputAsync(string sessionId, Principal owner, OutputRequest request, IProgress<RunProgress>? progress, CancellationToken cancellationToken)
    {
        await RequireLocalPathHereAsync(sessionId, owner, request.LocalPath);
        return await RemoteProgress.ObserveAsync(grains, progress, null, observer =>
            RouteAsync(sessionId, owner, grain => grain.ReadOutputAsync(owner.Id, request, observer, cancellationToken)));
    }

    public Task<StopOutcome> StopRunAsync(string sessionId, Principal owner, string runId, CancellationToken cancellationToken) =>
        RouteAsync(sessionId, owner, grain => grain.StopRunAsync(owner.Id, runId, cancellationToken));

    public async Task<RunListing> ListRunsAsync(Principal owner, CancellationToken cancellationToken) =>
        await RunListings.GatherAsync(
            await ListAsync(owner, cancellationToken),
            (session, token) => RouteAsync(session.Id, owner, grain => grain.ListRunsAsync(owner.Id, token)),
            logger,
            cancellationToken);

    public async Task<ReadFileOutcome> ReadFileAsync(string sessionId, Principal owner, ReadFileRequest request, IProgress<TransferStatus>? progress, CancellationToken cancellationToken)
    {
        await RequireLocalPathHereAsync(sessionId, owner, request.LocalPath);
        return await RemoteProgress.ObserveAsync(grains, null, progress, observer =>
            RouteAsync(sessionId, owner, grain => grain.ReadFileAsync(owner.Id, request, observer, cancellationToken)));
    }

    public async Task<WriteFileOutcome> WriteFileAsync(string sessionId, Principal owner, WriteFileRequest request, IProgress<TransferStatus>? progress, CancellationToken cancellationToken)
    {
        await RequireLocalPathHereAsync(sessionId, owner, request.LocalPath);
        return await RemoteProgress.ObserveAsync(grains, null, progress, observer =>
            RouteAsync(sessionId, owner, grain => grain.WriteFileAsync(owner.Id, request, observer, cancellationToken)));
    }

    public async Task<bool> CloseAsync(string sessionId, Principal owner, CancellationToken cancellationToken)
    {
        try
        {
            return await RouteAsync(sessionId, owner, grain => grain.CloseAsync(owner.Id));
        }
        catch (SshFailureException failure) when (failure.Kind is SshFailureKind.SessionLost or SshFailureKind.SessionNotFound)
        {
            // Closing what is gone harms nothing; a lost session is forgotten.
            await index.ForgetLostAsync(SessionIds.ClusterKey(sessionId), owner);
            return false;
        }
    }

    public async Task<IReadOnlyList<SessionSnapshot>> ListAsync(Principal owner, CancellationToken cancellationToken)
    {
        var entries = await Redis(() => index.ListAsync(owner), "list your sessions");
        var snapshot = membership.CurrentSnapshot;
        var sessions = await Task.WhenAll(entries.Select(entry => DescribeAsync(entry.Key, entry.Replica, owner, snapshot)));
        return [.. sessions.OfType<SessionSnapshot>().OrderBy(s => s.OpenedAt)];
    }

    private async Task<SessionSnapshot?> DescribeAsync(string key, string replica, Principal owner, ClusterMembershipSnapshot snapshot)
    {
        if (snapshot.GetSiloStatus(SiloAddress.FromParsableString(replica)) == SiloStatus.Dead)
        {
            await index.MarkLostAsync(key, owner, replica);
            return null;
        }

        try
        {
            var session = await grains.GetGrain<ISessionGrain>(key).DescribeAsync(owner.Id);
            if (session is null)
            {
                await index.RemoveAsync(key, owner, replica); // an entry whose removal was missed: heal it
            }

            return session;
        }
        catch (Exception ex) when (IsReplicaLoss(ex))
        {
            return null;
        }
    }

    /// <summary>
    /// A local path is on the disk of the replica that runs the transfer, which is the one holding the session; when the
    /// call reached another replica, that disk is not the one the caller meant, so the transfer is refused.
    /// </summary>
    private async Task RequireLocalPathHereAsync(string sessionId, Principal owner, string? localPath)
    {
        if (localPath is null || registry.Find(sessionId) is not null)
        {
            return;
        }

        var session = await RouteAsync(sessionId, owner, grain => grain.DescribeAsync(owner.Id));
        throw session is null ? Failures.SessionNotFound(sessionId) : Failures.LocalPathOnOtherReplica(sessionId);
    }

    private async Task<T> RouteAsync<T>(string sessionId, Principal owner, Func<ISessionGrain, Task<T>> call)
    {
        var key = SessionIds.ClusterKey(sessionId);
        try
        {
            return await call(grains.GetGrain<ISessionGrain>(key));
        }
        catch (Exception ex) when (ex is SshFailureException { Kind: SshFailureKind.SessionNotHeld } || IsReplicaLoss(ex))
        {
            throw await Redis(() => index.WasLostAsync(key, owner), "look the session up")
                ? Failures.SessionLost(sessionId)
                : Failures.SessionNotFound(sessionId);
        }
    }

    /// <summary>The replica holding the grain died or cannot be reached: what it held is gone.</summary>
    private static bool IsReplicaLoss(Exception exception) =>
        exception is SiloUnavailableException or ConnectionFailedException or OrleansMessageRejectionException;

    private static async Task<T> Redis<T>(Func<Task<T>> action, string what)
    {
        try
        {
            return await action();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            throw Failures.ClusterUnavailable(what, ex);
        }
    }
}
