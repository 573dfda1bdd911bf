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
    /// Runs the stop script and returns its verdict. A host that refuses the channel throws a
    /// <see cref="Ssh.SshFailureKind.ChannelRefused"/> failure.
    /// </summary>
    public static async Task<StopVerdict> StopAsync(ISshConnection connection, int shellPid, string tag, StopScope scope, int maxAgeSeconds, TimeSpan bound)
    {
        var result = await connection.RunAsync(ShellScripts.StopCommandLine(shellPid, tag, scope, maxAgeSeconds), Script, bound, CancellationToken.None);
        return StopVerdict.Parse(result.Stdout);
    }
}
