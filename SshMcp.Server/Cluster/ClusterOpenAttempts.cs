using Orleans;
using SshMcp.Server.Elicitation;
using SshMcp.Server.Sessions;

namespace SshMcp.Server.Cluster;

/// <summary>Interactive opens across replicas: each attempt's grain, on the replica that holds it.</summary>
internal sealed class ClusterOpenAttempts(IGrainFactory grains) : IOpenAttemptRouter
{
    public Task AnnounceAsync(string attemptId, CancellationToken cancellationToken) =>
        Grain(attemptId).HoldAsync();

    public Task<OpenStep> ContinueAsync(string attemptId, string owner, int round, string action, CancellationToken cancellationToken) =>
        Grain(attemptId).ContinueAsync(attemptId, owner, round, action, cancellationToken);

    private IOpenAttemptGrain Grain(string attemptId) => grains.GetGrain<IOpenAttemptGrain>(SessionIds.ClusterKey(attemptId));
}
