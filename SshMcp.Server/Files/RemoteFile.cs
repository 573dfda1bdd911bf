namespace SshMcp.Server.Files;

/// <summary>A regular file on the host as a backend found it.</summary>
/// <param name="Path">Its absolute path, symbolic links resolved where the backend could.</param>
/// <param name="Mode">Its permission bits (07777).</param>
internal sealed record RemoteFile(string Path, long Size, int Mode, DateTimeOffset? Modified, uint? Uid, uint? Gid);
