namespace SshMcp.Server.Elicitation;

/// <summary>
/// Reaches an interactive <c>ssh_open</c> held by another server replica. One process: <see cref="LocalOpenAttempts"/>,
/// where an attempt this process does not hold does not exist. Cluster mode: the attempt's grain, on the replica that
/// holds it.
/// </summary>
internal interface IOpenAttemptRouter
{
    /// <summary>Makes the attempt reachable from every replica, before its first question is reported.</summary>
    Task AnnounceAsync(string attemptId, CancellationToken cancellationToken);

    /// <summary>Continues an attempt this replica does not hold (see <see cref="InteractiveOpens.ContinueAsync"/>).</summary>
    Task<OpenStep> ContinueAsync(string attemptId, string owner, int round, string action, CancellationToken cancellationToken);
}
