namespace SshMcp.Server.Options;

/// <summary>Settings of <c>ssh_read_file</c> and <c>ssh_write_file</c>, under <c>SshMcp:Files</c>.</summary>
public sealed class FilesOptions
{
    public const string Disabled = "none";

    /// <summary>
    /// The directory of this server's machine that <c>localPath</c> may read and write, symbolic links resolved.
    /// Empty: the working directory over stdio, nothing over HTTP; <c>none</c> turns <c>localPath</c> off.
    /// </summary>
    public string? LocalRoot { get; set; }

    /// <summary>The most bytes one call may carry inline, read or written (the default read returns MaxOutputBytes).</summary>
    public int MaxInlineBytes { get; set; } = 1024 * 1024;

    /// <summary><c>auto</c>: SFTP where the host has it, shell tools otherwise; <c>exec</c>: always shell tools.</summary>
    public string Sftp { get; set; } = "auto";

    /// <summary>How long one SFTP request, or one step of a write on the host, may go unanswered before the host counts as gone.</summary>
    public int RequestTimeoutMs { get; set; } = 30_000;

    public TimeSpan RequestTimeout => TimeSpan.FromMilliseconds(RequestTimeoutMs);
}
