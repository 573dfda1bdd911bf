using Orleans;
using SshMcp.Server.Sessions;

namespace SshMcp.Server.Cluster;

/// <summary>
/// One SSH session in a cluster, keyed by <see cref="SessionIds.ClusterKey"/>: activated on the replica that opened
/// it, which holds the session in its <see cref="SessionRegistry"/>. Every call names the caller's principal, as the
/// receiving replica authenticated it; the registry checks it as in one process.
/// </summary>
[Alias("SshMcp.Session")]
internal interface ISessionGrain : IGrainWithStringKey
{
    /// <summary>Binds this activation to the session just opened in this replica's registry.</summary>
    [Alias("Adopt")]
    Task AdoptAsync(string sessionId);

    [Alias("Exec")]
    Task<ExecOutcome> ExecAsync(string owner, string command, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>The session as <c>ssh_list</c> shows it; null when it is not the owner's or is gone.</summary>
    [Alias("Describe")]
    Task<SessionSnapshot?> DescribeAsync(string owner);

    [Alias("Close")]
    Task<bool> CloseAsync(string owner);

    /// <summary>The registry removed the session: this activation lets go and deactivates.</summary>
    [Alias("Release")]
    Task ReleaseAsync();
}
