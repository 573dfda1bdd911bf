using System.Net;
using SshMcp.Server.Principals;

namespace SshMcp.Server.Targets;

/// <summary>
/// Which hosts and ports each principal may connect to (pure: no DNS, no I/O). A principal with a list of its own in
/// <c>SshMcp:AllowedTargetsByPrincipal</c> uses that list instead of <c>SshMcp:AllowedTargets</c>. A hop is allowed
/// when a name pattern with its port matches the host as given or as resolved (the operator trusts DNS for names it
/// lists), or else when every resolved address lies in an address range with its port (so a name that resolves to
/// any address outside the ranges is refused). Nothing configured at all allows everything.
/// </summary>
internal sealed class TargetAllowList
{
    public const string GlobalSetting = "SshMcp:AllowedTargets";
    public const string PerPrincipalSetting = "SshMcp:AllowedTargetsByPrincipal";

    private readonly IReadOnlyList<TargetPattern>? _global;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<TargetPattern>> _byPrincipal;

    public TargetAllowList(IReadOnlyList<TargetPattern>? global, IReadOnlyDictionary<string, IReadOnlyList<TargetPattern>>? byPrincipal = null)
    {
        _global = global;
        _byPrincipal = byPrincipal ?? new Dictionary<string, IReadOnlyList<TargetPattern>>();
    }

    /// <summary>True when any list is configured, so targets are checked (and DNS resolved before connecting).</summary>
    public bool IsEnforced => _global is not null || _byPrincipal.Count > 0;

    public TargetVerdict Check(Principal principal, string host, int port, IReadOnlyList<IPAddress> addresses) =>
        Check(principal, new TargetHop(host, port, addresses));

    public TargetVerdict Check(Principal principal, TargetHop hop)
    {
        ArgumentNullException.ThrowIfNull(hop);
        if (!IsEnforced)
        {
            return TargetVerdict.Allow;
        }

        var (patterns, setting) = _byPrincipal.TryGetValue(principal.Id, out var own)
            ? (own, $"{PerPrincipalSetting}:{principal.Id}")
            : (_global ?? [], GlobalSetting);

        var byName = patterns.Any(p => p.AllowsPort(hop.Port) && (p.MatchesName(hop.Host) || p.MatchesName(hop.HostName)));
        var byAddress = hop.Addresses.Count > 0
            && hop.Addresses.All(a => patterns.Any(p => p.IsAddressRange && p.AllowsPort(hop.Port) && p.Contains(a)));
        return byName || byAddress
            ? TargetVerdict.Allow
            : TargetVerdict.Refuse($"host {Describe(hop)} port {hop.Port} is not in {setting}; ask the operator to add it.");
    }

    private static string Describe(TargetHop hop)
    {
        var details = new List<string>(2);
        if (!string.Equals(hop.HostName, hop.Host, StringComparison.OrdinalIgnoreCase))
        {
            details.Add("HostName " + hop.HostName);
        }

        var addresses = hop.Addresses.Select(a => TargetPattern.Normalize(a).ToString()).Where(a => a != hop.HostName).ToList();
        if (addresses.Count > 0)
        {
            details.Add(string.Join(", ", addresses));
        }

        return details.Count == 0 ? hop.Host : $"{hop.Host} ({string.Join(", ", details)})";
    }
}
