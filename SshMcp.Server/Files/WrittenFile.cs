namespace SshMcp.Server.Files;

/// <summary>A finished write: the file now, and its sha256 as the host computed it (null when the host has no tool for it).</summary>
internal sealed record WrittenFile(RemoteFile File, string? HostSha256);
