using SshMcp.Server.Files;
using SshMcp.Server.Principals;
using SshMcp.Server.Runs;
using SshMcp.Server.Ssh;

namespace SshMcp.Server.Sessions;

/// <summary>
/// What the tools ask of wherever sessions live, in plain serializable records. One process:
/// <see cref="LocalSessionService"/> over the <see cref="SessionRegistry"/>. Several replicas (cluster mode): the same
/// registry in each replica, reached through the grain that routes a session's calls to the replica holding it.
/// Every call names the caller's principal; a session that is not the caller's reads like one that never existed.
/// A progress, when given, is told from wherever the session lives.
/// </summary>
internal interface ISessionService
{
    /// <summary>Connects, logs in and starts the session's shell in this process.</summary>
    Task<SessionSnapshot> OpenAsync(OpenRequest request, Principal owner, CancellationToken cancellationToken);

    /// <summary>Runs one command (a run) in the session's shell, in turn with the session's other commands.</summary>
    Task<ExecOutcome> ExecAsync(string sessionId, Principal owner, ExecRequest request, IProgress<RunProgress>? progress, CancellationToken cancellationToken);

    /// <summary>A piece of a run's output, from the session's spool or its host's files.</summary>
    Task<OutputChunk> ReadOutputAsync(string sessionId, Principal owner, OutputRequest request, IProgress<RunProgress>? progress, CancellationToken cancellationToken);

    /// <summary>Stops a background run on the session's host.</summary>
    Task<StopOutcome> StopRunAsync(string sessionId, Principal owner, string runId, CancellationToken cancellationToken);

    /// <summary>The caller's background runs on the hosts of all its sessions, wherever they live.</summary>
    Task<RunListing> ListRunsAsync(Principal owner, CancellationToken cancellationToken);

    /// <summary>Reads a file of the session's host.</summary>
    Task<ReadFileOutcome> ReadFileAsync(string sessionId, Principal owner, ReadFileRequest request, IProgress<TransferStatus>? progress, CancellationToken cancellationToken);

    /// <summary>Writes a file on the session's host.</summary>
    Task<WriteFileOutcome> WriteFileAsync(string sessionId, Principal owner, WriteFileRequest request, IProgress<TransferStatus>? progress, CancellationToken cancellationToken);

    /// <summary>Closes the session; false when the caller has no such session (closing twice harms nothing).</summary>
    Task<bool> CloseAsync(string sessionId, Principal owner, CancellationToken cancellationToken);

    /// <summary>The caller's open sessions, oldest first.</summary>
    Task<IReadOnlyList<SessionSnapshot>> ListAsync(Principal owner, CancellationToken cancellationToken);
}
