using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using SshMcp.Server.Sessions;

namespace SshMcp.Server.Cluster;

/// <summary>
/// Keeps the cluster in step with this replica's registry: a removed session leaves the index (or, when this replica
/// stops, is remembered as lost) and its grain deactivates.
/// </summary>
internal sealed class ClusterRemovalListener(SessionIndex index, IGrainFactory grains, ILocalSiloDetails silo, ILogger<ClusterRemovalListener> logger) : ISessionRemovalListener
{
    public async ValueTask SessionRemovedAsync(SshSession session, string reason)
    {
        var key = SessionIds.ClusterKey(session.Id);
        var replica = silo.SiloAddress.ToParsableString();
        try
        {
            if (reason == SessionRegistry.StoppingReason)
            {
                await index.MarkLostAsync(key, session.Owner, replica);
            }
            else
            {
                await index.RemoveAsync(key, session.Owner, replica);
                await grains.GetGrain<ISessionGrain>(key).ReleaseAsync();
            }
        }
        catch (Exception ex)
        {
            ClusterLog.IndexUpdateFailed(logger, session.LogRef, ex.GetType().Name);
        }
    }
}
