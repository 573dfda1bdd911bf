using SshMcp.Server.Principals;

namespace SshMcp.Server.Ssh.Routes;

/// <summary>The gate when no allow list is configured: every hop connects to its HostName.</summary>
internal sealed class AllowAllHops : IHopGate
{
    public ValueTask<string> ApproveAsync(Principal owner, RouteHop hop, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hop);
        return ValueTask.FromResult(hop.Config.HostName);
    }
}
