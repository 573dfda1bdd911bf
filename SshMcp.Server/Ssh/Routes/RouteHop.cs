using System.Globalization;
using SshMcp.Server.Ssh.Config;

namespace SshMcp.Server.Ssh.Routes;

/// <summary>
/// One SSH connection of a route: a jump host, or the target (the last hop). <see cref="Config"/> is what ssh_config
/// says for it; <see cref="ConnectHost"/> is where its TCP connection goes, as the <see cref="IHopGate"/> approved it
/// (the HostName, or an address the gate resolved and checked). A hop after the first is reached through the hop
/// before it, which opens the TCP connection itself.
/// </summary>
internal sealed record RouteHop(int Index, int Count, ResolvedTarget Config)
{
    public string ConnectHost { get; init; } = Config.HostName;

    public bool IsTarget => Index == Count - 1;

    /// <summary>True when the hop before this one opens its TCP connection (a <c>direct-tcpip</c> channel), not this machine.</summary>
    public bool ThroughJump => Index > 0;

    /// <summary>The name the config knows it by (ssh's <c>%n</c>).</summary>
    public string Alias => Config.Alias;

    /// <summary><c>user@hostname:port</c>, as ssh_open's result and messages show it.</summary>
    public string Endpoint => string.Create(CultureInfo.InvariantCulture, $"{Config.User}@{Config.HostName}:{Config.Port}");

    /// <summary>How messages name a jump host: <c>'bastion' (alice@10.0.0.1:22)</c>.</summary>
    public string Label => $"'{Alias}' ({Endpoint})";

    public override string ToString() => Endpoint;
}
