using SshMcp.Server.Principals;

namespace SshMcp.Server.Ssh.Routes;

/// <summary>
/// The one place where each hop of a route is approved before any TCP connection of the route is made: the
/// <see cref="RoutePlanner"/> calls it for every hop in connect order (jump hosts, then the target), whatever the
/// transport. An allow list plugs in here.
/// </summary>
internal interface IHopGate
{
    /// <summary>
    /// Approves one hop for <paramref name="owner"/> and returns the host its TCP connection goes to: the hop's
    /// HostName, or an address the gate resolved and checked (so that the address checked is the address connected
    /// to). A hop with <see cref="RouteHop.ThroughJump"/> is connected by the jump host before it, which resolves the
    /// name itself: return the name. Throws <see cref="SshFailureException"/> to refuse.
    /// </summary>
    ValueTask<string> ApproveAsync(Principal owner, RouteHop hop, CancellationToken cancellationToken);
}
