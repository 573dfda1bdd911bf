using System.Net;

namespace SshMcp.Server.Targets;

/// <summary>
/// One TCP connection the server is about to make: the host as the user named it, the host name it resolved to (the
/// same unless ssh_config's HostName changed it), the port and every address DNS gave. A ProxyJump chain is one hop
/// per jump host plus the target, each checked on its own.
/// </summary>
internal sealed record TargetHop(string Host, string HostName, int Port, IReadOnlyList<IPAddress> Addresses)
{
    public TargetHop(string host, int port, IReadOnlyList<IPAddress> addresses)
        : this(host, host, port, addresses)
    {
    }
}
