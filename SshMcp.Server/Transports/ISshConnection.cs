namespace SshMcp.Server.Transports;

/// <summary>
/// One authenticated SSH connection to one host, whichever client carries it (SSH.NET in-process, or the system
/// OpenSSH client). Everything above it (the shell, framing, stopping, liveness, results) is written once against this.
/// Implementations report failures as <see cref="Ssh.SshFailureException"/> of a transport-neutral kind
/// (<see cref="Ssh.SshFailureKind.ChannelRefused"/>, <see cref="Ssh.SshFailureKind.ConnectionLost"/>), never as a
/// library's own exception.
/// </summary>
internal interface ISshConnection : IAsyncDisposable
{
    /// <summary><c>sshnet</c> or <c>openssh</c>, as <c>ssh_list</c> shows it.</summary>
    string Transport { get; }

    /// <summary>False once the connection is known to be gone.</summary>
    bool IsConnected { get; }

    /// <summary>
    /// Starts <paramref name="commandLine"/> on a channel of its own, without a PTY. stdout and stderr are pushed to
    /// <paramref name="output"/> separately as they arrive, from a reader the transport owns.
    /// </summary>
    Task<IRemoteProcess> StartAsync(string commandLine, IRemoteOutput output, CancellationToken cancellationToken);

    /// <summary>
    /// Starts the host's SFTP server on a channel of its own, its output pushed to <paramref name="output"/> like a
    /// command's: the <c>sftp</c> subsystem where the client can request one, else the host's sftp-server program run as
    /// a command. A host without an SFTP server shows as a process that ends before writing to stdout.
    /// </summary>
    Task<IRemoteProcess> StartSftpAsync(IRemoteOutput output, CancellationToken cancellationToken);

    /// <summary>
    /// Runs a short command on a channel of its own to its end, with <paramref name="input"/> as its whole stdin, and
    /// returns what it printed (bounded). Throws <see cref="TimeoutException"/> past <paramref name="bound"/>.
    /// </summary>
    Task<RemoteResult> RunAsync(string commandLine, ReadOnlyMemory<byte> input, TimeSpan bound, CancellationToken cancellationToken);
}
