namespace SshMcp.Server.Ssh;

/// <summary>The outcome of a host key check; <see cref="Status"/> is shown to the agent (known, new, pinned, unchecked).</summary>
internal sealed record HostKeyVerdict(bool Trusted, string Status, string Fingerprint, string? RefusalMessage, byte[] KeyBlob);
