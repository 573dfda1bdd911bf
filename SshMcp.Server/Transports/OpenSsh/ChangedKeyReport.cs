using System.Text.RegularExpressions;

namespace SshMcp.Server.Transports.OpenSsh;

/// <summary>
/// Reads ssh's own refusal of a host key (its "REMOTE HOST IDENTIFICATION HAS CHANGED" block) into one sentence: which
/// name, the fingerprint presented, and the file and line of the key it knows. Needed only when ssh refused a key
/// the server's checks would have let through: one listed in a known_hosts file of the user's that the server does not read.
/// </summary>
internal static partial class ChangedKeyReport
{
    public static string? Describe(string stderr)
    {
        var changed = Changed().Match(stderr);
        if (!changed.Success)
        {
            return null;
        }

        var presented = Presented().Match(stderr);
        var offending = Offending().Match(stderr);
        var sentence = $"Host key for {changed.Groups[1].Value} has changed";
        if (offending.Success)
        {
            sentence += $": ssh knows another {offending.Groups[1].Value} key in {offending.Groups[2].Value} line {offending.Groups[3].Value}";
        }

        if (presented.Success)
        {
            sentence += $", presented {presented.Groups[2].Value} ({presented.Groups[1].Value})";
        }

        return sentence + ". This can mean someone is intercepting the connection";
    }

    [GeneratedRegex(@"Host key for (\S+) has changed")]
    private static partial Regex Changed();

    [GeneratedRegex(@"The fingerprint for the (\S+) key sent by the remote host is\s+(SHA256:[A-Za-z0-9+/]+)")]
    private static partial Regex Presented();

    [GeneratedRegex(@"Offending (\S+) key in (.+):(\d+)")]
    private static partial Regex Offending();
}
