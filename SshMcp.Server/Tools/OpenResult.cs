namespace SshMcp.Server.Tools;

/// <summary>The result of <c>ssh_open</c>.</summary>
/// <param name="SessionId">Pass to ssh_exec and ssh_close.</param>
/// <param name="Transport">The SSH client carrying the session: openssh (the system ssh) or sshnet (built in).</param>
/// <param name="HostKeyFingerprint">The host's key, SHA256:… as ssh-keygen -lf prints it.</param>
/// <param name="HostKeyStatus">known, new (trusted on first use and remembered), pinned, or unchecked.</param>
/// <param name="Cwd">The shell's working directory.</param>
public sealed record OpenResult(string SessionId, string Host, int Port, string Username, string Transport, string HostKeyFingerprint, string HostKeyStatus, string Cwd);
