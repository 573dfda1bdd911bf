using System.Globalization;
using SshMcp.Server.Ssh.Config;
using SshMcp.Server.Ssh.Routes;

namespace SshMcp.Server.Ssh;

/// <summary>
/// What <c>ssh_open</c> was given, and (once the registry planned it) the <see cref="Route"/> to connect. Holds
/// secrets: never log it, never put it in an exception message.
/// </summary>
/// <param name="Host">The name the call gave: an ssh_config alias, a host name or an address.</param>
/// <param name="Port">The call's port, or null: the config's Port, then 22 (as <c>ssh -p</c>).</param>
/// <param name="Username">The call's user, or null: the config's User, then the local user name (as <c>ssh -l</c>).</param>
internal sealed record OpenRequest(
    string Host,
    int? Port,
    string? Username,
    string? Password,
    string? PrivateKey,
    string? PrivateKeyPath,
    string? Passphrase,
    string? HostKeyFingerprint,
    TimeSpan ConnectTimeout,
    string? Transport = null)
{
    /// <summary>What the target's ssh_config says about identities; none by default.</summary>
    public ConfiguredIdentities Identities { get; init; } = ConfiguredIdentities.None;

    /// <summary>The hops to connect, as ssh_config resolved them; set before a transport connects.</summary>
    public SshRoute? Route { get; init; }

    /// <summary>The target as resolved: the HostName, User and Port a transport logs in to.</summary>
    public ResolvedTarget Target => Route?.Target.Config ?? throw new InvalidOperationException("The request is routed before a transport connects.");

    /// <summary>A request for a jump host: its own config and credentials, nothing of the call's (as ssh passes none to its ProxyJump).</summary>
    public static OpenRequest ForJump(RouteHop hop, TimeSpan connectTimeout)
    {
        ArgumentNullException.ThrowIfNull(hop);
        return new OpenRequest(hop.Alias, hop.Config.Port, hop.Config.User, null, null, null, null, null, connectTimeout)
        {
            Identities = ConfiguredIdentities.From(hop.Config),
            Route = new SshRoute([hop]),
        };
    }

    /// <summary>Who to ask for a secret the call did not give; null when nobody can be asked (the errors of old).</summary>
    public ISecretPrompter? Prompter { get; init; }

    // Keep secrets out of any accidental ToString (records print every property by default).
    public override string ToString() => Route is { } route
        ? route.Target.Endpoint
        : $"{(Username is null ? "" : Username + "@")}{Host}{(Port is { } port ? ":" + port.ToString(CultureInfo.InvariantCulture) : "")}";
}
