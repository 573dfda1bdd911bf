using Renci.SshNet;
using SshMcp.Server.Ssh.HostKeys;

namespace SshMcp.Server.Transports.SshNet;

/// <summary>A hop of a route, logged in: its client, and what was learned about its host key.</summary>
internal sealed record SshNetHop(SshClient Client, string HostKeyFingerprint, HostKeyStatus HostKeyStatus);
