using Orleans;
using Orleans.Concurrency;
using Orleans.Placement;
using SshMcp.Server.Elicitation;
using SshMcp.Server.Principals;
using SshMcp.Server.Sessions;
using SshMcp.Server.Ssh;

namespace SshMcp.Server.Cluster;

/// <summary>
/// Where an interactive <c>ssh_open</c> lives in the cluster: placed on the replica that started it (prefer-local)
/// and holding nothing but that place; it hands each round trip to this replica's <see cref="InteractiveOpens"/>.
/// Reentrant, because a round trip waits (within the question's bound) for the person. An activation elsewhere (the
/// replica that held the attempt died, or the grain was collected) finds no attempt and says the login is no longer
/// waiting.
/// </summary>
[Reentrant]
[PreferLocalPlacement]
internal sealed class OpenAttemptGrain(InteractiveOpens opens) : Grain, IOpenAttemptGrain
{
    public Task HoldAsync() => Task.CompletedTask;

    public Task<OpenStep> ContinueAsync(string attemptId, string owner, int round, string action, CancellationToken cancellationToken)
    {
        if (SessionIds.ClusterKey(attemptId) != this.GetPrimaryKeyString() || Principal.Parse(owner) is not { } principal)
        {
            throw Failures.LoginNoLongerWaiting();
        }

        return opens.ContinueAsync(attemptId, principal, round, action, cancellationToken);
    }
}
