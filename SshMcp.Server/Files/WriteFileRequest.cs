using Orleans;

namespace SshMcp.Server.Files;

/// <summary>What <c>ssh_write_file</c> asks for, validated by the tool: exactly one of the content and a local path.</summary>
/// <param name="Path">The host's path, as the caller gave it (relative to the session's cwd).</param>
/// <param name="Mode">Permission bits to set; null keeps an existing file's (a new file gets the host's default).</param>
[GenerateSerializer]
internal sealed record WriteFileRequest(string Path, byte[]? Content, string? LocalPath, int? Mode, bool Append, bool CreateDirs);
