namespace SshMcp.Server.Ssh.Routes;

/// <summary>
/// How an <c>ssh_open</c> reaches its target, resolved once per open and handed to whichever transport connects:
/// every hop in connect order, the jump hosts first and the target last. Holds no secret.
/// </summary>
internal sealed record SshRoute
{
    public SshRoute(IReadOnlyList<RouteHop> hops)
    {
        ArgumentNullException.ThrowIfNull(hops);
        ArgumentOutOfRangeException.ThrowIfZero(hops.Count);
        Hops = hops;
    }

    public IReadOnlyList<RouteHop> Hops { get; }

    public RouteHop Target => Hops[^1];

    /// <summary>The jump hosts in connect order; empty for a direct connection.</summary>
    public IEnumerable<RouteHop> Jumps => Hops.Take(Hops.Count - 1);

    /// <summary>The first hop's ProxyCommand (how its TCP connection would be made), or null for none.</summary>
    public string? ProxyCommand => Hops[0].Config.ProxyCommand;

    /// <summary><c>alice@bastion:22 -> deploy@10.0.0.5:22</c>.</summary>
    public override string ToString() => string.Join(" -> ", Hops);
}
