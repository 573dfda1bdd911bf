using System.Text;
using Renci.SshNet;
using SshMcp.Server.Shell;

namespace SshMcp.Server.Sessions;

/// <summary>
/// Stops processes on the host through a short-lived second channel (the session's shell is busy waiting for the
/// command, so it cannot do it). See <see cref="ShellScripts.Stop"/> for what is stopped and how.
/// </summary>
internal static class ProcessStopper
{
    private static readonly byte[] Script = Encoding.UTF8.GetBytes(ShellScripts.Stop);

    /// <summary>True when the host refused to open the channel (SSH.NET gives up after its retries).</summary>
    public static bool IsChannelRefused(Exception exception) =>
        exception is Renci.SshNet.Common.SshException { Message: var message }
        && message.StartsWith("Failed to open a channel", StringComparison.Ordinal);

    /// <summary>Runs the stop script and returns its verdict.</summary>
    public static async Task<StopVerdict> StopAsync(SshClient client, int shellPid, string tag, StopScope scope, int maxAgeSeconds, TimeSpan bound)
    {
        using var command = client.CreateCommand(ShellScripts.StopCommandLine(shellPid, tag, scope, maxAgeSeconds));
        using var deadline = new CancellationTokenSource(bound);
        var exec = await Task.Factory.StartNew(
            () => command.ExecuteAsync(CancellationToken.None),
            deadline.Token,
            TaskCreationOptions.DenyChildAttach,
            TaskScheduler.Default).WaitAsync(deadline.Token);
        using (var stdin = command.CreateInputStream())
        {
            stdin.Write(Script);
        }

        await exec.WaitAsync(deadline.Token);
        return StopVerdict.Parse(command.Result);
    }
}
