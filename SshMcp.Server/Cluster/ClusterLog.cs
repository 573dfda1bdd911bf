using Microsoft.Extensions.Logging;

namespace SshMcp.Server.Cluster;

/// <summary>Log messages of cluster mode; event ids 4000–4099. Sessions by their log reference, never their id.</summary>
internal static partial class ClusterLog
{
    [LoggerMessage(4000, LogLevel.Information, "Replica of cluster {ClusterId} at {Replica}, members in Redis; sessions are routed to the replica that opened them")]
    public static partial void Joined(ILogger logger, string clusterId, string replica);

    [LoggerMessage(4001, LogLevel.Warning, "Replica {Replica} was declared dead; {Count} of its sessions are now lost")]
    public static partial void ReplicaLost(ILogger logger, string replica, int count);

    [LoggerMessage(4002, LogLevel.Warning, "Could not mark the sessions of dead replica {Replica} lost ({Error}); will try again on the next membership change")]
    public static partial void SweepFailed(ILogger logger, string replica, string error);

    [LoggerMessage(4003, LogLevel.Warning, "Could not update the cluster's index for removed session {SessionId} ({Error}); ssh_list heals it on its next read")]
    public static partial void IndexUpdateFailed(ILogger logger, string sessionId, string error);
}
