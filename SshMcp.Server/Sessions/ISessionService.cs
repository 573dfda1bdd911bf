using SshMcp.Server.Principals;
using SshMcp.Server.Ssh;

namespace SshMcp.Server.Sessions;

/// <summary>
/// What the tools ask of wherever sessions live, in plain serializable records. One process:
/// <see cref="LocalSessionService"/> over the <see cref="SessionRegistry"/>. Several replicas (cluster mode): the same
/// registry in each replica, reached through the grain that routes a session's calls to the replica holding it.
/// Every call names the caller's principal; a session that is not the caller's reads like one that never existed.
/// </summary>
internal interface ISessionService
{
    /// <summary>Connects, logs in and starts the session's shell in this process.</summary>
    Task<SessionSnapshot> OpenAsync(OpenRequest request, Principal owner, CancellationToken cancellationToken);

    /// <summary>Runs one command in the session's shell, in turn with the session's other commands.</summary>
    Task<ExecOutcome> ExecAsync(string sessionId, Principal owner, string command, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Closes the session; false when the caller has no such session (closing twice harms nothing).</summary>
    Task<bool> CloseAsync(string sessionId, Principal owner, CancellationToken cancellationToken);

    /// <summary>The caller's open sessions, oldest first.</summary>
    Task<IReadOnlyList<SessionSnapshot>> ListAsync(Principal owner, CancellationToken cancellationToken);
}
