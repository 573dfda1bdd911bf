namespace SshMcp.Server.Files;

/// <summary>Where a write goes: the absolute path (a link's target) and the file there now, if any.</summary>
internal sealed record WriteTarget(string Path, RemoteFile? Existing);
