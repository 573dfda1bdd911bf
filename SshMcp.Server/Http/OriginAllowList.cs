namespace SshMcp.Server.Http;

/// <summary>
/// The browser origins allowed to call the server. A server bound to loopback accepts pages served from loopback
/// (<c>localhost</c>, <c>127.0.0.1</c>, <c>[::1]</c>, any port, its own origin included), as a local tool's web UI
/// such as the MCP Inspector is; a page from any other origin, possibly one that rebound its DNS name to this
/// machine, is refused. The configured list adds origins; beyond loopback only the list applies. <c>*</c> allows
/// every origin.
/// </summary>
internal sealed class OriginAllowList
{
    private static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    private readonly HashSet<string> _origins = new(StringComparer.Ordinal);
    private readonly bool _any;
    private readonly bool _loopback;

    public OriginAllowList(string? configured, bool allowLoopback)
    {
        _loopback = allowLoopback;
        foreach (var entry in AllowList.Split(configured))
        {
            if (entry == "*")
            {
                _any = true;
            }
            else if (TryNormalize(entry, out var origin))
            {
                _origins.Add(origin);
            }
        }
    }

    public bool Allows(string origin)
    {
        if (_any)
        {
            return true;
        }

        if (!TryNormalize(origin, out var normalized))
        {
            return false;
        }

        return _origins.Contains(normalized) || (_loopback && IsLoopback(normalized));
    }

    private static bool IsLoopback(string normalized)
    {
        var host = new Uri(normalized).Host;
        return LoopbackHosts.Contains(host, StringComparer.Ordinal);
    }

    /// <summary>Lower-case <c>scheme://host:port</c> of an http(s) origin without path, query or user info.</summary>
    public static bool TryNormalize(string value, out string origin)
    {
        origin = "";
        if (!Uri.TryCreate(value.Trim().TrimEnd('/'), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            return false;
        }

        origin = uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
        if (uri.IsDefaultPort)
        {
            origin += ":" + uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return true;
    }
}
