using SshMcp.Server.Shell;
using SshMcp.Server.Ssh;

namespace SshMcp.Server.Runs;

/// <summary>Says, for an id a host does not know or no longer keeps, what is known about it.</summary>
internal sealed class RunMissing(string runId, string target, int retentionHours, TimeProvider time)
{
    public SshFailureException NotFound() =>
        Failures.RunNotFound(runId, target, time.GetUtcNow() - RunIds.StartedAt(runId), retentionHours);

    public SshFailureException Removed(HostRunLine line) =>
        Failures.RunRemoved(runId, line.EndedSecondsAgo is { } ago ? TimeSpan.FromSeconds(ago) : null, line.ExitCode, retentionHours);
}
