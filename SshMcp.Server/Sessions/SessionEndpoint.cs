namespace SshMcp.Server.Sessions;

/// <summary>Where a session is connected, as shown to the agent: <c>user@host:port</c>.</summary>
internal sealed record SessionEndpoint(string Host, int Port, string Username, string HostKeyFingerprint, string HostKeyStatus)
{
    public override string ToString() => $"{Username}@{Host}:{Port}";
}
