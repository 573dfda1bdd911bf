using SshMcp.Server.Ssh.HostKeys;

namespace SshMcp.Server.Transports;

/// <summary>An authenticated connection and what was learned about the host's key while making it.</summary>
internal sealed record SshConnectResult(ISshConnection Connection, string HostKeyFingerprint, HostKeyStatus HostKeyStatus);
