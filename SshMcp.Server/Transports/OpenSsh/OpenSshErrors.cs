using System.Text.RegularExpressions;
using SshMcp.Server.Ssh;

namespace SshMcp.Server.Transports.OpenSsh;

/// <summary>
/// The one place where what ssh prints is classified; the messages themselves come from <see cref="Failures"/>, shared
/// with SSH.NET. ssh exits 255 for any failure of its own and says why in one or a few lines on stderr (its messages
/// are English whatever the locale, and have been stable across OpenSSH releases). A jump host's ssh writes there too,
/// before the master's own last words.
/// </summary>
internal static partial class OpenSshErrors
{
    /// <summary>ssh's exit code for its own failures (and for a remote command that exited 255).</summary>
    public const int SshFailed = 255;

    public static OpenSshDiagnosis Diagnose(string stderr)
    {
        var detail = FirstMessage(stderr);
        // A proxy (ProxyJump, ProxyCommand) that failed leaves the master a connection from nowhere: what the proxy
        // said before that is the reason.
        if (ProxyClosed().IsMatch(stderr))
        {
            return new(OpenSshProblem.JumpFailed, detail);
        }

        return stderr switch
        {
            _ when HostNotFound().IsMatch(stderr) => new(OpenSshProblem.HostNotFound, detail),
            _ when Refused().IsMatch(stderr) => new(OpenSshProblem.ConnectionRefused, detail),
            _ when Unreachable().Match(stderr) is { Success: true } unreachable => new(OpenSshProblem.Unreachable, unreachable.Groups[1].Value),
            _ when TimedOut().IsMatch(stderr) => new(OpenSshProblem.TimedOut, detail),
            _ when stderr.Contains("Host key verification failed", StringComparison.Ordinal) => new(OpenSshProblem.HostKeyRefused, detail),
            _ when PermissionDenied().Match(stderr) is { Success: true } denied => new(OpenSshProblem.AuthenticationFailed, denied.Value),
            _ when stderr.Contains("Too many authentication failures", StringComparison.Ordinal) => new(OpenSshProblem.AuthenticationFailed, "Too many authentication failures."),
            _ when NotSsh().IsMatch(stderr) => new(OpenSshProblem.NotSsh, detail),
            _ => new(OpenSshProblem.Other, detail),
        };
    }

    /// <summary>
    /// Why a channel's ssh failed (exit 255), or null when it did not fail itself (the remote command exited 255).
    /// </summary>
    public static SshFailureException? ChannelFailure(string stderr, bool masterRunning)
    {
        if (!masterRunning)
        {
            return Failures.ChannelLost();
        }

        if (ChannelRefused().IsMatch(stderr))
        {
            return Failures.ChannelRefused();
        }

        return ControlSocketFailed().IsMatch(stderr) ? Failures.ChannelLost() : null;
    }

    /// <summary>The first line that says something (ssh's "ssh: " prefix and a "user@host: " prefix removed).</summary>
    public static string FirstMessage(string stderr)
    {
        foreach (var raw in stderr.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('@') || line.StartsWith("Warning: Permanently", StringComparison.Ordinal))
            {
                continue;
            }

            line = line.StartsWith("ssh: ", StringComparison.Ordinal) ? line[5..] : line;
            return UserPrefix().Replace(line, "");
        }

        return "ssh exited without a message";
    }

    [GeneratedRegex(@"Could not resolve hostname|Name or service not known|nodename nor servname|Temporary failure in name resolution|No address associated with hostname")]
    private static partial Regex HostNotFound();

    [GeneratedRegex(@"connect to host .* port \d+: Connection refused")]
    private static partial Regex Refused();

    [GeneratedRegex(@"connect to host .* port \d+: (No route to host|Network is unreachable|Host is unreachable)")]
    private static partial Regex Unreachable();

    [GeneratedRegex(@"connect to host .* port \d+: (Connection|Operation) timed out|Connection timed out during banner exchange")]
    private static partial Regex TimedOut();

    [GeneratedRegex(@"Permission denied \([^)]*\)\.?")]
    private static partial Regex PermissionDenied();

    [GeneratedRegex(@"kex_exchange_identification|banner exchange|Bad packet length|invalid format|Protocol major versions differ")]
    private static partial Regex NotSsh();

    [GeneratedRegex(@"Connection closed by UNKNOWN port 65535|ssh_exchange_identification: Connection closed by remote host\s*$|stdio forwarding failed|proxy dialog failed")]
    private static partial Regex ProxyClosed();

    [GeneratedRegex(@"open failed|Session open refused|refused session|administratively prohibited")]
    private static partial Regex ChannelRefused();

    [GeneratedRegex(@"Control socket connect|mux_client|Control master terminated|ControlSocket .* already exists")]
    private static partial Regex ControlSocketFailed();

    [GeneratedRegex(@"^[^\s@:]+@[^\s:]+: ")]
    private static partial Regex UserPrefix();
}
