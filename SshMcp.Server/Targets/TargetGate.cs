using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using SshMcp.Server.Principals;
using SshMcp.Server.Ssh;
using SshMcp.Server.Ssh.Routes;

namespace SshMcp.Server.Targets;

/// <summary>
/// Applies the allow list to every hop of a route before any TCP connect (the <see cref="IHopGate"/>). With a list
/// configured, a hop this machine connects to is resolved here, every address checked, and the first of them handed
/// back for the connection, so the address checked is the address connected to (no second lookup that DNS could
/// answer differently). A hop reached through a jump host is resolved by that jump host, not here: it is checked by
/// its names, or by its address when its HostName is one. Without a list it changes nothing.
/// </summary>
internal sealed class TargetGate(TargetAllowList allowList, ILogger<TargetGate> logger) : IHopGate
{
    public bool IsEnforced => allowList.IsEnforced;

    /// <summary>The host the hop's TCP connection goes to: an address the list allows, or the HostName when no list is configured.</summary>
    /// <exception cref="SshFailureException">The hop is refused, or its name does not resolve.</exception>
    public async ValueTask<string> ApproveAsync(Principal owner, RouteHop hop, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hop);
        var (hostName, port) = (hop.Config.HostName, hop.Config.Port);
        if (!allowList.IsEnforced)
        {
            return hostName;
        }

        if (hop.ThroughJump)
        {
            Check(owner, new TargetHop(hop.Alias, hostName, port, IPAddress.TryParse(hostName, out var given) ? [given] : []));
            return hostName;
        }

        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(hostName, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(hostName, cancellationToken);
        }
        catch (SocketException ex)
        {
            throw Failures.HostNotFound(hop.Alias, hostName, ex);
        }

        if (addresses.Length == 0)
        {
            throw Failures.HostNotFound(hop.Alias, hostName);
        }

        Check(owner, new TargetHop(hop.Alias, hostName, port, addresses));
        return TargetPattern.Normalize(addresses[0]).ToString();
    }

    /// <summary>Checks one hop (a ProxyJump host, or the target) whose addresses the caller resolved and will connect to.</summary>
    /// <exception cref="SshFailureException">The hop is not allowed for <paramref name="owner"/>.</exception>
    public void Check(Principal owner, TargetHop hop)
    {
        ArgumentNullException.ThrowIfNull(hop);
        var verdict = allowList.Check(owner, hop);
        if (!verdict.Allowed)
        {
            TargetLog.Refused(logger, owner.Id, hop.Host, hop.Port);
            throw new SshFailureException(SshFailureKind.TargetRefused, verdict.Message!);
        }
    }
}
