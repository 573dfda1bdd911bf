using System.Globalization;

namespace SshMcp.Server.Ssh.Config;

/// <summary>One hop of a ProxyJump chain, <c>[user@]host[:port]</c> or <c>ssh://[user@]host[:port]</c>.</summary>
internal sealed record JumpHost(string Host, string? User, int? Port)
{
    private const string UriScheme = "ssh://";

    /// <summary>
    /// Parses a ProxyJump value as OpenSSH does: hops separated by commas, a <c>#</c> ends the value, <c>none</c>
    /// means no jump host (an empty list).
    /// </summary>
    public static bool TryParseChain(string value, out IReadOnlyList<JumpHost> hops)
    {
        hops = [];
        var text = value;
        var comment = text.IndexOf('#', StringComparison.Ordinal);
        if (comment >= 0)
        {
            text = text[..comment];
        }

        text = text.TrimEnd();
        if (value.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var parsed = new List<JumpHost>();
        foreach (var hop in text.Split(','))
        {
            if (!TryParseHop(hop, out var jump))
            {
                return false;
            }

            parsed.Add(jump);
        }

        hops = parsed;
        return true;
    }

    /// <summary>The hop as ssh prints it: brackets around an address with a colon.</summary>
    public override string ToString()
    {
        var host = Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host;
        var user = User is null ? "" : User + "@";
        var port = Port is null ? "" : ":" + Port.Value.ToString(CultureInfo.InvariantCulture);
        return user + host + port;
    }

    private static bool TryParseHop(string hop, out JumpHost jump)
    {
        jump = null!;
        var isUri = hop.StartsWith(UriScheme, StringComparison.Ordinal);
        var rest = isUri ? hop[UriScheme.Length..] : hop;
        string? user = null;
        var at = isUri ? rest.IndexOf('@', StringComparison.Ordinal) : rest.LastIndexOf('@');
        if (at >= 0)
        {
            user = rest[..at];
            if (isUri && user.IndexOf(';', StringComparison.Ordinal) is var semicolon and >= 0)
            {
                user = user[..semicolon]; // ssh ignores URI connection parameters
            }

            if (user.Length == 0)
            {
                return false;
            }

            rest = rest[(at + 1)..];
        }

        if (isUri && rest.EndsWith('/'))
        {
            rest = rest[..^1]; // an empty path is allowed, a path is not
        }

        if (!TrySplitHostPort(rest, out var host, out var port))
        {
            return false;
        }

        jump = new JumpHost(host, user, port);
        return true;
    }

    // OpenSSH's hpdelim and cleanhostname: "[host]:port", "[host]", "host:port" or "host".
    private static bool TrySplitHostPort(string text, out string host, out int? port)
    {
        host = text;
        port = null;
        string? portText = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || (close + 1 < text.Length && text[close + 1] != ':'))
            {
                return false;
            }

            host = text[1..close];
            portText = close + 1 < text.Length ? text[(close + 2)..] : null;
        }
        else if (text.IndexOfAny([':', '/']) is var delimiter and >= 0)
        {
            if (text[delimiter] == '/')
            {
                return false;
            }

            host = text[..delimiter];
            portText = text[(delimiter + 1)..];
        }

        if (host.Length == 0)
        {
            return false;
        }

        if (string.IsNullOrEmpty(portText))
        {
            return true;
        }

        if (!PortNumber.TryParse(portText, out var number))
        {
            return false;
        }

        port = number;
        return true;
    }
}
