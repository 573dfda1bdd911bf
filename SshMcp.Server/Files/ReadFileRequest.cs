using Orleans;

namespace SshMcp.Server.Files;

/// <summary>What <c>ssh_read_file</c> asks for, validated by the tool.</summary>
/// <param name="Path">The host's path, as the caller gave it (relative to the session's cwd).</param>
/// <param name="MaxBytes">The most bytes to read; null: the inline default, or the whole rest with a local path.</param>
/// <param name="Text">Cut the bytes returned inline at a UTF-8 character boundary.</param>
/// <param name="LocalPath">Copy to this path on the server's machine instead of returning the bytes.</param>
[GenerateSerializer]
internal sealed record ReadFileRequest(string Path, long Offset, long? MaxBytes, bool Text, string? LocalPath);
