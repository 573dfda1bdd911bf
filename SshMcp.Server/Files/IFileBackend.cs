namespace SshMcp.Server.Files;

/// <summary>
/// How a session reaches files on its host: SFTP (<see cref="SftpBackend"/>) or, where the host has no SFTP server,
/// shell tools on exec channels (<see cref="ExecBackend"/>). Paths are absolute, or relative to the login directory.
/// Failures come as <see cref="Ssh.SshFailureException"/> that name the path and the next step.
/// </summary>
internal interface IFileBackend
{
    /// <summary><c>sftp</c> or <c>exec</c>.</summary>
    string Via { get; }

    /// <summary>The regular file at <paramref name="path"/>, to read.</summary>
    Task<RemoteFile> FindFileAsync(string path, CancellationToken cancellationToken);

    /// <summary>Where a write to <paramref name="path"/> goes (a link's target), creating missing directories when asked.</summary>
    Task<WriteTarget> FindTargetAsync(string path, bool createDirs, CancellationToken cancellationToken);

    /// <summary>Pushes <paramref name="count"/> bytes from <paramref name="offset"/> to <paramref name="sink"/> in order; fewer when the file shrank.</summary>
    Task ReadAsync(RemoteFile file, long offset, long count, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> sink, CancellationToken cancellationToken);

    /// <summary>
    /// Writes exactly <see cref="WriteSpec.Length"/> bytes of <paramref name="source"/>, each passed through
    /// <paramref name="meter"/>, atomically (or appended); the host checks size and sha256 before the write counts.
    /// On any failure or cancellation the target is left as it was and no temp file remains.
    /// </summary>
    Task<WrittenFile> WriteAsync(WriteTarget target, WriteSpec spec, Stream source, TransferMeter meter, CancellationToken cancellationToken);
}
