using Orleans;
using Orleans.Concurrency;
using SshMcp.Server.Files;
using SshMcp.Server.Runs;

namespace SshMcp.Server.Cluster;

/// <summary>
/// The caller's progress, reachable from the replica that holds the session: the replica that received the tool call
/// makes one for the call's duration, and the session's grain tells it what the run or the transfer reports. One-way,
/// so a slow or gone caller never holds the command up; the reports are already paced at their source.
/// </summary>
[Alias("SshMcp.Progress")]
internal interface IProgressObserver : IGrainObserver
{
    [OneWay]
    [Alias("Run")]
    Task RunAsync(RunProgress value);

    [OneWay]
    [Alias("Transfer")]
    Task TransferAsync(TransferStatus value);
}
