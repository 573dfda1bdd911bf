using Microsoft.Extensions.Logging;
using SshMcp.Server.Diagnostics;
using SshMcp.Server.Shell;
using SshMcp.Server.Ssh;
using SshMcp.Server.Transports;

namespace SshMcp.Server.Sessions;

/// <summary>
/// Stops what a command started when it overran its timeout or was cancelled, and confirms it stopped. When signals
/// cannot end it (a loop inside the shell itself), or the host refuses the channel a stop needs, the shell is ended
/// or the session given up, and the result says so.
/// </summary>
internal sealed class CommandStopper(ISshConnection connection, RemoteShell shell, SessionHealth health, string tag, TimeSpan stopBound, string logRef, ILogger logger)
{
    private static readonly TimeSpan TrailerGrace = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan NoProcessGrace = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan ShellEndGrace = TimeSpan.FromSeconds(3);

    /// <summary>The tag shared by everything the session started (<c>TAG.</c>).</summary>
    public string SessionTag => tag + ".";

    public string RunTag(int runNumber) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{tag}.{runNumber}");

    public async Task<(string StopStatus, string? Notice)> StopRunAsync(ShellRun run, int runNumber, TimeSpan elapsed)
    {
        StopVerdict verdict = new StopVerdict.Unconfirmed([]);
        try
        {
            if (connection.IsConnected && !shell.HasEnded)
            {
                var age = (int)Math.Ceiling(elapsed.TotalSeconds) + 1;
                verdict = await ProcessStopper.StopAsync(connection, shell.ShellPid, RunTag(runNumber), StopScope.Command, age, stopBound);
            }
        }
        catch (SshFailureException ex) when (ex.Kind == SshFailureKind.ChannelRefused)
        {
            // Without a second channel nothing can be stopped; the shell stays busy with the command, so the session is
            // given up rather than left to run the next command whenever this one ends.
            Log.StopFailed(logger, logRef, ex.Message);
            health.MarkGivenUp();
            shell.Abandon(run);
            return ("stop-unconfirmed", Failures.StopChannelRefusedNotice);
        }
        catch (Exception ex) when (ex is SshFailureException or TimeoutException)
        {
            Log.StopFailed(logger, logRef, ex.Message);
        }

        // None: no process of the command exists, so it either just finished or runs inside the shell itself.
        if (await Waits.CompletesWithinAsync(run.Completion.Task, verdict is StopVerdict.None ? NoProcessGrace : TrailerGrace))
        {
            return (verdict is StopVerdict.Unconfirmed ? "stop-unconfirmed" : "stopped", null);
        }

        // The command runs inside the shell itself (a shell loop) or outlived every signal: end the shell.
        await StopSessionAsync();
        var ended = await Waits.CompletesWithinAsync(shell.Ended, ShellEndGrace);
        shell.Abandon(run);
        return (ended ? "stopped" : "stop-unconfirmed", Failures.ShellEndedToStopNotice);
    }

    /// <summary>Ends the shell and every process the session started; never throws.</summary>
    public async Task StopSessionAsync()
    {
        try
        {
            if (connection.IsConnected && !shell.HasEnded)
            {
                await ProcessStopper.StopAsync(connection, shell.ShellPid, SessionTag, StopScope.Session, 0, stopBound);
            }
        }
        catch (Exception ex) when (ex is SshFailureException or TimeoutException)
        {
            Log.StopFailed(logger, logRef, ex.Message);
        }
    }
}
