namespace SshMcp.Server.Files;

/// <summary>How to write: exactly <paramref name="Length"/> bytes from the source, the mode to set (null: keep or default), and whether to append.</summary>
internal sealed record WriteSpec(long Length, int? Mode, bool Append);
