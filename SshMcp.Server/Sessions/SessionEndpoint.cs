using SshMcp.Server.Ssh.HostKeys;

namespace SshMcp.Server.Sessions;

/// <summary>Where a session is connected and through which SSH client, as shown to the agent: <c>user@host:port</c>.</summary>
internal sealed record SessionEndpoint(string Host, int Port, string Username, string Transport, string HostKeyFingerprint, HostKeyStatus HostKeyStatus)
{
    public override string ToString() => $"{Username}@{Host}:{Port}";
}
