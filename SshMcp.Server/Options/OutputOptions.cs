namespace SshMcp.Server.Options;

/// <summary>Settings under <c>SshMcp:Output</c>: the server-side spool of recent runs' output.</summary>
public sealed class OutputOptions
{
    public const long MinimumSpoolBytes = 64 * 1024;

    /// <summary>
    /// The full stdout and stderr of a session's recent runs, kept on disk (in a private temporary directory) for
    /// <c>ssh_output</c>; past this many bytes the oldest runs' output is dropped first. 0 keeps none.
    /// </summary>
    public long SpoolBytesPerSession { get; set; } = 64L * 1024 * 1024;

    /// <summary>Where the spool's directory is made; empty means the system's temporary directory.</summary>
    public string? SpoolDirectory { get; set; }
}
