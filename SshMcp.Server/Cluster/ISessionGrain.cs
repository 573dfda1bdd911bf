using Orleans;
using SshMcp.Server.Files;
using SshMcp.Server.Runs;
using SshMcp.Server.Sessions;

namespace SshMcp.Server.Cluster;

/// <summary>
/// One SSH session in a cluster, keyed by <see cref="SessionIds.ClusterKey"/>: activated on the replica that opened
/// it, which holds the session in its <see cref="SessionRegistry"/>. Every call names the caller's principal, as the
/// receiving replica authenticated it; the registry checks it as in one process. A progress observer, when given, is
/// on the receiving replica (see <see cref="RemoteProgress"/>).
/// </summary>
[Alias("SshMcp.Session")]
internal interface ISessionGrain : IGrainWithStringKey
{
    /// <summary>Binds this activation to the session just opened in this replica's registry.</summary>
    [Alias("Adopt")]
    Task AdoptAsync(string sessionId);

    [Alias("Exec")]
    Task<ExecOutcome> ExecAsync(string owner, ExecRequest request, IProgressObserver? progress, CancellationToken cancellationToken);

    [Alias("ReadOutput")]
    Task<OutputChunk> ReadOutputAsync(string owner, OutputRequest request, IProgressObserver? progress, CancellationToken cancellationToken);

    [Alias("StopRun")]
    Task<StopOutcome> StopRunAsync(string owner, string runId, CancellationToken cancellationToken);

    /// <summary>The owner's background runs on this session's host.</summary>
    [Alias("ListRuns")]
    Task<IReadOnlyList<HostRunListing>> ListRunsAsync(string owner, CancellationToken cancellationToken);

    [Alias("ReadFile")]
    Task<ReadFileOutcome> ReadFileAsync(string owner, ReadFileRequest request, IProgressObserver? progress, CancellationToken cancellationToken);

    [Alias("WriteFile")]
    Task<WriteFileOutcome> WriteFileAsync(string owner, WriteFileRequest request, IProgressObserver? progress, CancellationToken cancellationToken);

    /// <summary>The session as <c>ssh_list</c> shows it; null when it is not the owner's or is gone.</summary>
    [Alias("Describe")]
    Task<SessionSnapshot?> DescribeAsync(string owner);

    [Alias("Close")]
    Task<bool> CloseAsync(string owner);

    /// <summary>The registry removed the session: this activation lets go and deactivates.</summary>
    [Alias("Release")]
    Task ReleaseAsync();
}
