using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using SshMcp.Server.Ssh.HostKeys;

namespace SshMcp.Server.Targets;

/// <summary>
/// One entry of an allow list: a host name pattern (<c>*</c> matches any run of characters, <c>?</c> one, case ignored) or an
/// address range (<c>10.0.0.0/8</c>, <c>fd00::/8</c>, a single address), with an optional list of ports. Written
/// <c>db-*.example.com</c>, <c>db-*.example.com:22</c>, <c>10.0.0.0/8:22,2222</c>; an IPv6 range with ports in
/// brackets: <c>[fd00::/8]:22</c>. Without ports every port matches.
/// </summary>
internal sealed class TargetPattern
{
    private readonly string? _name;
    private readonly IPNetwork? _network;
    private readonly int[]? _ports;

    private TargetPattern(string text, string? name, IPNetwork? network, int[]? ports)
    {
        Text = text;
        _name = name;
        _network = network;
        _ports = ports;
    }

    public string Text { get; }

    public bool IsAddressRange => _network is not null;

    public bool AllowsPort(int port) => _ports is null || _ports.Contains(port);

    /// <summary>True when this is a name pattern that matches <paramref name="name"/> (a trailing dot ignored).</summary>
    public bool MatchesName(string name) => _name is not null && HostPatternList.GlobMatches(_name, name.TrimEnd('.').ToLowerInvariant());

    public bool Contains(IPAddress address) => _network is { } network && network.Contains(Normalize(address));

    /// <summary>An IPv4 address written as IPv4-mapped IPv6 (<c>::ffff:10.0.0.1</c>) is the IPv4 address.</summary>
    public static IPAddress Normalize(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }

    public static bool TryParse(string text, [NotNullWhen(true)] out TargetPattern? pattern, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        pattern = null;
        var entry = text.Trim();
        if (!TrySplitPorts(entry, out var host, out var portText))
        {
            error = $"'{entry}' has an unclosed '[': write an IPv6 range with ports as [fd00::/8]:22.";
            return false;
        }

        int[]? ports = null;
        if (portText is not null && !TryParsePorts(portText, out ports))
        {
            error = $"'{entry}' has a bad port list '{portText}': write ports as 22 or 22,2222.";
            return false;
        }

        if (host.Length == 0)
        {
            error = $"'{entry}' names no host.";
            return false;
        }

        if (host.Contains('/', StringComparison.Ordinal) || IPAddress.TryParse(host, out _))
        {
            var range = host.Contains('/', StringComparison.Ordinal) ? host : host + (host.Contains(':', StringComparison.Ordinal) ? "/128" : "/32");
            // A range with host bits after the prefix (10.1.0.0/8) is a typo for a narrower or a wider one: refuse it.
            if (!IPNetwork.TryParse(range, out var network) || !network.BaseAddress.Equals(IPAddress.Parse(range[..range.IndexOf('/', StringComparison.Ordinal)])))
            {
                error = $"'{entry}' is not an address range: write it as 10.0.0.0/8 or fd00::/8 (no host bits set after the prefix).";
                return false;
            }

            pattern = new TargetPattern(entry, null, network, ports);
            error = null;
            return true;
        }

        if (!host.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '*' or '?'))
        {
            error = $"'{entry}' is not a host name pattern: use letters, digits, '-', '.', '_', '*' and '?' only.";
            return false;
        }

        pattern = new TargetPattern(entry, host.TrimEnd('.').ToLowerInvariant(), null, ports);
        error = null;
        return true;
    }

    private static bool TrySplitPorts(string entry, out string host, out string? ports)
    {
        ports = null;
        if (entry.StartsWith('['))
        {
            var close = entry.IndexOf(']', StringComparison.Ordinal);
            host = close < 0 ? "" : entry[1..close];
            if (close >= 0 && close + 1 < entry.Length)
            {
                ports = entry[(close + 1)..].StartsWith(':') ? entry[(close + 2)..] : entry[(close + 1)..];
            }

            return close >= 0;
        }

        // Two colons or more: an IPv6 address or range without ports.
        var colon = entry.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || entry.IndexOf(':', colon + 1) >= 0)
        {
            host = entry;
            return true;
        }

        host = entry[..colon];
        ports = entry[(colon + 1)..];
        return true;
    }

    private static bool TryParsePorts(string text, [NotNullWhen(true)] out int[]? ports)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        ports = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out ports[i]) || ports[i] is < 1 or > 65535)
            {
                ports = null;
                return false;
            }
        }

        return parts.Length > 0;
    }
}
