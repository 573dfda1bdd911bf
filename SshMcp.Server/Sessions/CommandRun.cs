using Microsoft.Extensions.Logging;
using SshMcp.Server.Diagnostics;
using SshMcp.Server.Shell;
using SshMcp.Server.Ssh;
using SshMcp.Server.Transports;

namespace SshMcp.Server.Sessions;

/// <summary>
/// One command's life in a session's shell, from the frame sent to the outcome: waiting (while checking that the
/// connection still answers), stopping it on timeout or cancellation, and reading exit code and cwd from the trailer
/// or, when the shell ended, from the channel.
/// </summary>
internal sealed class CommandRun(
    ISshConnection connection,
    RemoteShell shell,
    SessionHealth health,
    CommandStopper stopper,
    SessionEndpoint endpoint,
    TimeSpan livenessSlice,
    TimeProvider time,
    string logRef,
    ILogger logger)
{
    private static readonly TimeSpan ShellEndGrace = TimeSpan.FromSeconds(3);

    /// <param name="started">When the call began (its timeout counts from there, turn-taking included).</param>
    /// <param name="cwd">The working directory before the command, reported again if the shell ends.</param>
    public async Task<ExecOutcome> ExecuteAsync(string command, int runNumber, int previousExitCode, string cwd, long started, TimeSpan timeout, RunCapture capture, CancellationToken cancellationToken)
    {
        var run = await shell.BeginAsync(command, runNumber, previousExitCode, shell.Flavor, capture, cancellationToken);
        try
        {
            var remaining = timeout - time.GetElapsedTime(started);
            var (timedOut, cancelled) = await WaitAsync(run, remaining, cancellationToken);
            if (health.IsConnectionLost)
            {
                throw Failures.ConnectionLostDuringCommand(endpoint.ToString(), "it stopped answering");
            }

            string? stopStatus = null;
            string? notice = null;
            if (timedOut || cancelled)
            {
                (stopStatus, notice) = await stopper.StopRunAsync(run, runNumber, time.GetElapsedTime(started));
                Log.ExecStopped(logger, logRef, (long)time.GetElapsedTime(started).TotalMilliseconds, timedOut ? "timeout" : "cancelled", stopStatus);
            }

            var outcome = await ShapeAsync(run, cwd, started, timedOut, cancelled, stopStatus, notice);
            Log.ExecCompleted(logger, logRef, outcome.ExitCode, (long)outcome.Duration.TotalMilliseconds);
            return outcome;
        }
        finally
        {
            // The reader must never feed a run whose buffers went back to the pool.
            shell.Abandon(run);
            run.Dispose();
        }
    }

    private async Task<(bool TimedOut, bool Cancelled)> WaitAsync(ShellRun run, TimeSpan remaining, CancellationToken cancellationToken)
    {
        // Wait in slices: between them, make sure the connection still answers.
        var deadline = time.GetTimestamp() + (long)(Math.Max(0, remaining.TotalSeconds) * time.TimestampFrequency);
        while (true)
        {
            var left = TimeSpan.FromSeconds((double)(deadline - time.GetTimestamp()) / time.TimestampFrequency);
            if (left <= TimeSpan.Zero && !run.Completion.Task.IsCompleted)
            {
                return (true, false);
            }

            try
            {
                await run.Completion.Task.WaitAsync(left < livenessSlice ? left : livenessSlice, time, cancellationToken);
                return (false, false);
            }
            catch (TimeoutException)
            {
                if (left > livenessSlice && !await LivenessProbe.AnswersAsync(connection, livenessSlice))
                {
                    health.MarkConnectionLost("it stopped answering");
                    return (false, false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return (false, true);
            }
        }
    }

    private async Task<ExecOutcome> ShapeAsync(ShellRun run, string cwd, long started, bool timedOut, bool cancelled, string? stopStatus, string? notice)
    {
        var stdout = run.StdoutCapture.ToText();
        var stderr = run.StderrCapture.ToText();
        var binary = run.StdoutCapture.LooksBinary || run.StderrCapture.LooksBinary;
        var shellEnded = run.Completion.Task.Result == ShellRunEnd.ShellEnded;
        if (!shellEnded && Trailer.TryParse(run.Stdout.Trailer, out var trailer))
        {
            return new ExecOutcome(stdout, stderr, binary, trailer.ExitCode, null, trailer.Cwd, time.GetElapsedTime(started), timedOut, cancelled, stopStatus, false, notice);
        }

        // The shell ended: wait (bounded) for the channel's exit status or learn that the connection dropped.
        if (!health.IsGivenUp)
        {
            await Waits.CompletesWithinAsync(shell.Execution, ShellEndGrace);
        }

        if (shell.Execution.IsFaulted)
        {
            Log.ConnectionLost(logger, logRef, shell.Execution.Exception?.InnerException?.Message ?? "unknown");
            throw Failures.ConnectionLostDuringCommand(endpoint.ToString(), null);
        }

        // A shell killed by a signal has no exit status of its own: report what a shell would (137 for KILL).
        var signal = shell.ExitSignal;
        var exitCode = shell.ExitStatus ?? Signals.ExitCodeOf(signal);
        Log.ShellEnded(logger, logRef, exitCode, signal);
        notice ??= Failures.ShellEndedNotice(exitCode, signal);
        return new ExecOutcome(stdout, stderr, binary, exitCode, signal, cwd, time.GetElapsedTime(started), timedOut, cancelled, stopStatus, true, notice);
    }
}
