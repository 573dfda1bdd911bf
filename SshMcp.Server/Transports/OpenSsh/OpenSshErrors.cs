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

    /// <summary>
    /// What failed, and at which hop of the route. ssh reaches a hop after the first through a ProxyJump ssh of its
    /// own (<c>ssh -W</c>) whose stderr is the master's, so the failing ssh says why first, then each ssh whose
    /// connection ran through it says only that the connection closed before the SSH banner. Counting those closings
    /// from the target back gives the hop that failed, however many hosts share an address.
    /// </summary>
    /// <param name="hops">The route's hops (jump hosts and the target).</param>
    /// <param name="proxyCommand">The first hop is reached through a ProxyCommand, which can fail before it.</param>
    public static OpenSshDiagnosis Diagnose(string stderr, int hops = 1, bool proxyCommand = false)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        var lines = Lines(stderr).ToList();
        var closings = lines.Count(line => ProxyClosed().IsMatch(line));
        var reasons = lines.Where(line => !ProxyClosed().IsMatch(line) && !ClosedBy().IsMatch(line)).ToList();
        if (reasons.Count == 0)
        {
            if (closings == 0)
            {
                return new(OpenSshProblem.Other, "ssh exited without a message", Math.Max(0, hops - 1));
            }

            // Only closings: the ssh that printed the first met no SSH server. Reached through a jump host, that jump
            // host did not connect on; through a ProxyCommand, the command did not.
            var first = hops - closings;
            var closed = Strip(lines[0]);
            return first > 0 ? new(OpenSshProblem.ForwardFailed, closed, first - 1)
                : proxyCommand ? new(OpenSshProblem.ProxyFailed, closed)
                : new(OpenSshProblem.NotSsh, closed);
        }

        var hop = hops - 1 - closings;
        var why = string.Join('\n', reasons);
        var diagnosis = Classify(why, Strip(reasons[0]));
        return hop < 0 && proxyCommand ? new(OpenSshProblem.ProxyFailed, diagnosis.Detail, 0)
            : diagnosis with { Hop = Math.Max(0, hop) };
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
    public static string FirstMessage(string stderr) =>
        Lines(stderr).FirstOrDefault() is { } line ? Strip(line) : "ssh exited without a message";

    private static OpenSshDiagnosis Classify(string why, string detail) => why switch
    {
        // First: a jump host's words about the next hop ("open failed: connect failed: Name or service not known").
        _ when ForwardRefused().IsMatch(why) => new(OpenSshProblem.ForwardFailed, detail),
        _ when HostNotFound().IsMatch(why) => new(OpenSshProblem.HostNotFound, detail),
        _ when Refused().IsMatch(why) => new(OpenSshProblem.ConnectionRefused, detail),
        _ when Unreachable().Match(why) is { Success: true } unreachable => new(OpenSshProblem.Unreachable, unreachable.Groups[1].Value),
        _ when TimedOut().IsMatch(why) => new(OpenSshProblem.TimedOut, detail),
        _ when why.Contains("Host key verification failed", StringComparison.Ordinal) => new(OpenSshProblem.HostKeyRefused, detail),
        _ when PermissionDenied().Match(why) is { Success: true } denied => new(OpenSshProblem.AuthenticationFailed, denied.Value),
        _ when why.Contains("Too many authentication failures", StringComparison.Ordinal) => new(OpenSshProblem.AuthenticationFailed, "Too many authentication failures."),
        _ when NotSsh().IsMatch(why) => new(OpenSshProblem.NotSsh, detail),
        _ => new(OpenSshProblem.Other, detail),
    };

    /// <summary>The lines that say something: no blank lines, no changed-key banner, no notes about known_hosts, no debug output.</summary>
    private static IEnumerable<string> Lines(string stderr) => stderr.Split('\n')
        .Select(raw => raw.Trim())
        .Where(line => line.Length > 0 && !line.StartsWith('@')
            && !line.StartsWith("Warning: Permanently", StringComparison.Ordinal)
            && !line.StartsWith("debug", StringComparison.Ordinal));

    private static string Strip(string line) =>
        UserPrefix().Replace(line.StartsWith("ssh: ", StringComparison.Ordinal) ? line[5..] : line, "");

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

    /// <summary>An ssh whose connection (through a jump host or a ProxyCommand, or from a server that is not SSH) closed before the banner.</summary>
    [GeneratedRegex(@"^(kex|ssh)_exchange_identification: Connection closed by remote host$")]
    private static partial Regex ProxyClosed();

    /// <summary>What ssh logs (at INFO) as its connection ends, after the line that says why.</summary>
    [GeneratedRegex(@"^Connection (closed|reset) by \S+ port \d+")]
    private static partial Regex ClosedBy();

    /// <summary>A jump host did not open the connection on to the next hop (<c>ssh -W</c>), or a proxy gave up.</summary>
    [GeneratedRegex(@"^channel \d+: open failed|stdio forwarding failed|proxy dialog failed", RegexOptions.Multiline)]
    private static partial Regex ForwardRefused();

    [GeneratedRegex(@"open failed|Session open refused|refused session|administratively prohibited")]
    private static partial Regex ChannelRefused();

    [GeneratedRegex(@"Control socket connect|mux_client|Control master terminated|ControlSocket .* already exists")]
    private static partial Regex ControlSocketFailed();

    [GeneratedRegex(@"^[^\s@:]+@[^\s:]+: ")]
    private static partial Regex UserPrefix();
}
