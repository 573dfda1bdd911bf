using SshMcp.Server.Shell;
using SshMcp.Server.Ssh;

namespace SshMcp.Server.Runs;

/// <summary>
/// A session's runs as <c>ssh_output</c>, <c>ssh_stop</c> and <c>ssh_list</c> see them: its foreground runs in its
/// spool, and the caller's background runs on its host. None of it takes the session's turn: the spool is read as it
/// is written, and the host is asked on channels of their own.
/// </summary>
internal sealed class SessionRuns(RunSpool spool, HostRuns host, string target, int retentionHours, TimeProvider time)
{
    private const int StartingLooks = 20;
    private static readonly TimeSpan StartingPoll = TimeSpan.FromMilliseconds(100);

    public RunSpool Spool => spool;

    public HostRuns Host => host;

    public async Task<OutputChunk> ReadAsync(OutputRequest request, IProgress<RunProgress>? progress, CancellationToken cancellationToken)
    {
        if (spool.Find(request.RunId) is { } entry)
        {
            return request.LocalPath is null
                ? await SpoolOutputReader.ReadAsync(spool, entry, request, progress, time, cancellationToken)
                : await SpoolOutputReader.SaveAsync(spool, entry, request, progress, time, cancellationToken);
        }

        if (spool.WasDropped(request.RunId))
        {
            throw Failures.RunDropped(request.RunId, spool.BudgetBytes);
        }

        return await AskAsync(() => request.LocalPath is null
            ? HostOutputReader.ReadAsync(host, request, Missing(request.RunId), progress, time, cancellationToken)
            : HostOutputReader.SaveAsync(host, request, Missing(request.RunId), progress, time, cancellationToken));
    }

    public async Task<StopOutcome> StopAsync(string runId, CancellationToken cancellationToken)
    {
        if (spool.Find(runId) is { } entry)
        {
            return entry.Running
                ? throw Failures.StopForegroundRun(runId)
                : new StopOutcome(runId, RunStopResult.AlreadyEnded, entry.ExitCode, $"Run {runId} had already ended{Failures.ExitText(entry.ExitCode)}.");
        }

        return await AskAsync(() => StopOnHostAsync(runId, cancellationToken));
    }

    /// <summary>The caller's background runs on this host, after the retention rule ran.</summary>
    public Task<IReadOnlyList<HostRunListing>> ListAsync(CancellationToken cancellationToken) =>
        AskAsync(() => host.ListAsync(retentionHours * 60, cancellationToken));

    private async Task<StopOutcome> StopOnHostAsync(string runId, CancellationToken cancellationToken)
    {
        var missing = Missing(runId);
        var line = await host.StatusAsync(runId, cancellationToken) ?? throw missing.NotFound();
        for (var look = 0; line.State == HostRunState.Starting && look < StartingLooks; look++)
        {
            // Not yet tagged, so not yet findable: wait (briefly) for the wrapper to start.
            await Task.Delay(StartingPoll, time, cancellationToken);
            line = await host.StatusAsync(runId, cancellationToken) ?? throw missing.NotFound();
        }

        if (!line.IsRunning)
        {
            var when = line.EndedSecondsAgo is { } ago ? $" {Failures.Ago(TimeSpan.FromSeconds(ago))} ago" : "";
            return new StopOutcome(runId, RunStopResult.AlreadyEnded, line.ExitCode, $"Run {runId} had already ended{when}{Failures.ExitText(line.ExitCode)}; nothing was signalled.");
        }

        var verdict = await host.StopAsync(runId, line.Pid);
        if (verdict is StopVerdict.None && await host.StatusAsync(runId, cancellationToken) is { IsRunning: false } ended)
        {
            return new StopOutcome(runId, RunStopResult.AlreadyEnded, ended.ExitCode, $"Run {runId} ended by itself just now{Failures.ExitText(ended.ExitCode)}; nothing was signalled.");
        }

        if (verdict is StopVerdict.Unconfirmed unconfirmed)
        {
            var pids = unconfirmed.Pids.Count == 0 ? "" : $" (PIDs {string.Join(' ', unconfirmed.Pids)})";
            return new StopOutcome(runId, RunStopResult.Unconfirmed, null, $"Run {runId} was signalled INT, TERM and KILL, but processes of it are still running{pids}. Check with ssh_exec (ps), or try again.");
        }

        // Its wrapper wrote the exit status when the command died of INT or TERM; when KILL was needed, nobody did.
        var after = await host.MarkAsync(runId, 128 + 9, cancellationToken) ?? line;
        return new StopOutcome(runId, RunStopResult.Stopped, after.ExitCode, $"Run {runId} was stopped{Failures.ExitText(after.ExitCode)}; no process of it is left.");
    }

    private RunMissing Missing(string runId) => new(runId, target, retentionHours, time);

    /// <summary>A host that cannot be asked becomes one clear failure; the run's own failures pass through.</summary>
    private async Task<T> AskAsync<T>(Func<Task<T>> question)
    {
        try
        {
            return await question();
        }
        catch (TimeoutException ex)
        {
            throw Failures.RunQuestionFailed(target, ex.Message, ex);
        }
        catch (SshFailureException failure) when (failure.Kind == SshFailureKind.ChannelRefused)
        {
            throw Failures.RunQuestionFailed(target, "the host refused a second channel (sshd's MaxSessions limit)", failure);
        }
        catch (SshFailureException failure) when (failure.Kind == SshFailureKind.ConnectionLost)
        {
            throw Failures.RunQuestionFailed(target, failure.Message, failure);
        }
    }
}
