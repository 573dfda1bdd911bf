using Renci.SshNet;

namespace SshMcp.Server.Ssh;

/// <summary>An authenticated connection and what was learned about the host's key while making it.</summary>
internal sealed record ConnectedClient(SshClient Client, string HostKeyFingerprint, string HostKeyStatus);
