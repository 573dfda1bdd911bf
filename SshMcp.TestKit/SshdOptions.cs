namespace SshMcp.TestKit;

/// <summary>How a <see cref="TestSshd"/> configures its sshd.</summary>
public sealed record SshdOptions
{
    /// <summary>
    /// The Unix user the tests log in as: one per test run (the process id is in the name), created on first use,
    /// shared by that run's fixtures and deleted by the last of them, so parallel runs on one machine never share one.
    /// </summary>
    public static string DefaultUserName { get; } = TestUsers.RunUserName;

    public SshdVariant Variant { get; init; } = SshdVariant.Default;

    public string UserName { get; init; } = DefaultUserName;

    /// <summary>sshd's ClientAliveInterval; null leaves it off, so a silent client is never dropped.</summary>
    public TimeSpan? ClientAliveInterval { get; init; }

    /// <summary>
    /// sshd's MaxStartups. Tests connect in parallel, and sshd's default (10:30:100) starts refusing unauthenticated
    /// connections at 10; null keeps that default.
    /// </summary>
    public string? MaxStartups { get; init; } = "100:30:200";

    /// <summary>sshd's MaxSessions (channels per connection); null keeps sshd's default of 10.</summary>
    public int? MaxSessions { get; init; }

    /// <summary>The login shell the session sees in SHELL (null: the user's, bash); e.g. /bin/dash for a POSIX-only host.</summary>
    public string? LoginShell { get; init; }

    /// <summary>sshd's TrustedUserCAKeys: a CA's public key file whose user certificates sshd accepts; null for none.</summary>
    public string? TrustedUserCAKeys { get; init; }

    /// <summary>sshd's LogLevel; DEBUG1 adds a line per forwarded connection (<c>server_request_direct_tcpip</c>), as a bastion's log shows them.</summary>
    public string LogLevel { get; init; } = "VERBOSE";

    /// <summary>sshd's AllowTcpForwarding; false makes a jump host that refuses to forward.</summary>
    public bool AllowTcpForwarding { get; init; } = true;

    /// <summary>Whether the fixture's own client key is in authorized_keys; false leaves it empty (certificates only).</summary>
    public bool AuthorizeFixtureKey { get; init; } = true;

    /// <summary>
    /// sshd's <c>Subsystem sftp</c> command (<c>internal-sftp</c> or the sftp-server program); null declares no SFTP
    /// subsystem, as on a host without one.
    /// </summary>
    public string? SftpSubsystem { get; init; } = "internal-sftp";

    /// <summary>How long sshd may take to serve its banner after it is started.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
