using System.Buffers;
using System.Globalization;

namespace SshMcp.Server.Ssh.HostKeys;

/// <summary>How OpenSSH names a host and port in known_hosts, and how messages name them.</summary>
internal static class KnownHostName
{
    private const int DefaultSshPort = 22;

    /// <summary>
    /// Characters that have a meaning in a known_hosts host field (separators, patterns, markers, hashing, the
    /// port brackets) or that end a field. A host name holding one could widen a pattern we write, so such a
    /// name is refused before it can be trusted or remembered. Real host names and IP literals never hold them.
    /// </summary>
    private static readonly SearchValues<char> ForbiddenHostChars = SearchValues.Create(",*?!][|#@\"'\\");

    /// <summary>The name OpenSSH looks up and writes: <c>host</c> for port 22, <c>[host]:port</c> otherwise; lower case.</summary>
    public static string LookupName(string host, int port)
    {
        var name = host.ToLowerInvariant();
        return port == DefaultSshPort ? name : string.Create(CultureInfo.InvariantCulture, $"[{name}]:{port}");
    }

    /// <summary>The reverse of <see cref="LookupName"/>: <c>[host]:port</c> or a bare <c>host</c> (port 22).</summary>
    public static bool TryParseLookupName(string name, out string host, out int port)
    {
        host = name;
        port = DefaultSshPort;
        if (!name.StartsWith('['))
        {
            return name.Length > 0;
        }

        var close = name.LastIndexOf("]:", StringComparison.Ordinal);
        if (close < 2 || !int.TryParse(name.AsSpan(close + 2), NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
        {
            return false;
        }

        host = name[1..close];
        return true;
    }

    /// <summary><c>host:port</c> for messages; an IPv6 literal is bracketed so the port stays readable.</summary>
    public static string Display(string host, int port) => host.Contains(':', StringComparison.Ordinal)
        ? string.Create(CultureInfo.InvariantCulture, $"[{host}]:{port}")
        : string.Create(CultureInfo.InvariantCulture, $"{host}:{port}");

    public static bool IsValidHost(string host)
    {
        if (host.Length == 0 || host.Length > 255 || host.AsSpan().ContainsAny(ForbiddenHostChars))
        {
            return false;
        }

        foreach (var c in host)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }
}
