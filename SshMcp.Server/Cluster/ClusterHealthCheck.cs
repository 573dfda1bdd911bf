using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace SshMcp.Server.Cluster;

/// <summary>Healthy once this replica is an active member of the cluster: before that it cannot route a call.</summary>
internal sealed class ClusterHealthCheck(IClusterMembershipService membership, ILocalSiloDetails silo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"This replica is {status} in the cluster, not yet active."));
    }
}
