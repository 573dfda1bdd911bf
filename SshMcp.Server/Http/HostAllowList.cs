namespace SshMcp.Server.Http;

/// <summary>
/// The host names a request's <c>Host</c> header may carry (DNS-rebinding guard): exact names, <c>*.suffix</c> for
/// subdomains, or <c>*</c> for any. Compared without the port and ignoring case; IPv6 literals keep their brackets.
/// </summary>
internal sealed class HostAllowList
{
    private readonly HashSet<string> _exact = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _suffixes = [];
    private readonly bool _any;

    public HostAllowList(string? configured)
    {
        foreach (var entry in AllowList.Split(configured))
        {
            if (entry == "*")
            {
                _any = true;
            }
            else if (entry.StartsWith("*.", StringComparison.Ordinal))
            {
                _suffixes.Add(entry[1..]);
            }
            else
            {
                _exact.Add(entry.TrimEnd('.'));
            }
        }
    }

    /// <param name="host">The host part of the Host header (no port); empty when the header is missing.</param>
    public bool Allows(string host)
    {
        if (_any)
        {
            return true;
        }

        if (host.Length == 0)
        {
            return false;
        }

        host = host.TrimEnd('.');
        return _exact.Contains(host) || _suffixes.Any(s => host.Length > s.Length && host.EndsWith(s, StringComparison.OrdinalIgnoreCase));
    }
}
