using Orleans;
using SshMcp.Server.Elicitation;

namespace SshMcp.Server.Cluster;

/// <summary>
/// An interactive <c>ssh_open</c> in a cluster, keyed by <see cref="Sessions.SessionIds.ClusterKey"/> of its attempt
/// id: activated on the replica that holds the attempt when its first question is reported, so that the client's
/// retry, on whatever replica it lands, continues it there.
/// </summary>
[Alias("SshMcp.OpenAttempt")]
internal interface IOpenAttemptGrain : IGrainWithStringKey
{
    /// <summary>Activates the grain here, beside the attempt.</summary>
    [Alias("Hold")]
    Task HoldAsync();

    [Alias("Continue")]
    Task<OpenStep> ContinueAsync(string attemptId, string owner, int round, string action, CancellationToken cancellationToken);
}
