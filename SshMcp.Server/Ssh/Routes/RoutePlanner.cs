using SshMcp.Server.Principals;
using SshMcp.Server.Ssh.Config;

namespace SshMcp.Server.Ssh.Routes;

/// <summary>
/// Turns what <c>ssh_open</c> names into the route to connect, once per open: ssh_config resolves the host, its user
/// and port and its jump hosts (as <c>ssh host</c> would), then the <see cref="IHopGate"/> approves every hop, in
/// connect order, before any of them is connected.
/// </summary>
internal sealed class RoutePlanner(SshConfigResolverFactory configs, IHopGate gate)
{
    public async Task<SshRoute> PlanAsync(OpenRequest request, Principal owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var resolved = await configs.ResolveRouteAsync(new ResolveRequest(request.Host, request.Username, request.Port), cancellationToken);
        ResolvedTarget[] inOrder = [.. resolved.Jumps, resolved.Target];
        var hops = new List<RouteHop>(inOrder.Length);
        for (var i = 0; i < inOrder.Length; i++)
        {
            var hop = new RouteHop(i, inOrder.Length, inOrder[i]);
            hops.Add(hop with { ConnectHost = await gate.ApproveAsync(owner, hop, cancellationToken) });
        }

        return new SshRoute(hops);
    }
}
