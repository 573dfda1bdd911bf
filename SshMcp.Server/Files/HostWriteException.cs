namespace SshMcp.Server.Files;

/// <summary>The host's side of a write found a fault: <see cref="What"/> is its word for it (create, write, size N, mode, owner, rename, ended).</summary>
internal sealed class HostWriteException(string what, string stderr) : Exception($"the host's write step failed: {what}")
{
    public string What { get; } = what;

    /// <summary>What the host printed on stderr, such as "Permission denied" or "No space left on device".</summary>
    public string Stderr { get; } = stderr;
}
