using System.Globalization;
using System.Text;
using SshMcp.Server.Shell;
using SshMcp.Server.Transports;

namespace SshMcp.Server.Sessions;

/// <summary>
/// Stops processes on the host through a short-lived second channel (the session's shell is busy waiting for the
/// command, so it cannot do it). See <see cref="ShellScripts.Stop"/> for what is stopped and how.
/// </summary>
internal static class ProcessStopper
{
    private static readonly byte[] Script = Encoding.UTF8.GetBytes(ShellScripts.Stop);

    /// <summary>
    /// Returns the script's verdict: <c>none</c> (nothing was running), <c>stopped</c> (all gone),
    /// or <c>unconfirmed PIDS</c>. A host that refuses the channel throws a <see cref="Ssh.SshFailureKind.ChannelRefused"/> failure.
    /// </summary>
    public static async Task<string> StopAsync(ISshConnection connection, int shellPid, string tag, StopScope scope, int maxAgeSeconds, TimeSpan bound)
    {
        var commandLine = string.Create(
            CultureInfo.InvariantCulture,
            $"exec /bin/sh -s {shellPid} {tag} {(scope == StopScope.Session ? "all" : "run")} {maxAgeSeconds}");
        var result = await connection.RunAsync(commandLine, Script, bound, CancellationToken.None);
        return result.Stdout.Trim();
    }
}
