namespace SshMcp.Server.Http;

/// <summary>
/// The browser origins allowed to call the server. Empty by default: a request with any <c>Origin</c> (a web page,
/// possibly one that rebound its DNS name to this machine) is refused. <c>*</c> allows every origin.
/// </summary>
internal sealed class OriginAllowList
{
    private readonly HashSet<string> _origins = new(StringComparer.Ordinal);
    private readonly bool _any;

    public OriginAllowList(string? configured)
    {
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

    public bool Allows(string origin) => _any || (TryNormalize(origin, out var normalized) && _origins.Contains(normalized));

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
