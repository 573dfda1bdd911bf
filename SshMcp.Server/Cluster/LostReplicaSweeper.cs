using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace SshMcp.Server.Cluster;

/// <summary>
/// When the cluster declares a replica dead, every survivor marks that replica's sessions lost in the index (the
/// work is idempotent, so it does not matter who is first), so that <c>ssh_list</c> stops showing them and their
/// owners learn what happened.
/// </summary>
internal sealed class LostReplicaSweeper(IClusterMembershipService membership, SessionIndex index, ILogger<LostReplicaSweeper> logger) : BackgroundService
{
    private readonly HashSet<SiloAddress> _swept = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                foreach (var member in snapshot.Members.Values)
                {
                    if (member.Status == SiloStatus.Dead && _swept.Add(member.SiloAddress))
                    {
                        await SweepAsync(member.SiloAddress);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The replica is stopping.
        }
    }

    private async Task SweepAsync(SiloAddress replica)
    {
        try
        {
            var lost = await index.SweepReplicaAsync(replica.ToParsableString());
            if (lost > 0)
            {
                ClusterLog.ReplicaLost(logger, replica.ToString(), lost);
            }
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            _swept.Remove(replica); // the next membership change tries again
            ClusterLog.SweepFailed(logger, replica.ToString(), ex.GetType().Name);
        }
    }
}
