namespace SshMcp.Server.Options;

/// <summary>Settings under the <c>SshMcp</c> configuration section. Every default is listed in the README.</summary>
public sealed class SshMcpOptions
{
    public const string SectionName = "SshMcp";

    /// <summary>
    /// The SSH client: <c>auto</c> (the system OpenSSH client where one is installed, else SSH.NET), <c>openssh</c> or
    /// <c>sshnet</c>. A call's <c>transport</c> argument wins.
    /// </summary>
    public string Transport { get; set; } = "auto";

    /// <summary>Timeout of an <c>ssh_exec</c> call that names none.</summary>
    public int DefaultTimeoutMs { get; set; } = 60_000;

    /// <summary>The largest <c>timeoutMs</c> a call may ask for.</summary>
    public int MaxTimeoutMs { get; set; } = 600_000;

    /// <summary>
    /// Bytes an <c>ssh_exec</c> result shows per stream when the call names no <c>maxOutputBytes</c>: the first half
    /// and the last half; the middle is counted, and readable with <c>ssh_output</c> while the spool keeps it.
    /// </summary>
    public int MaxOutputBytes { get; set; } = 32 * 1024;

    /// <summary>The largest <c>maxOutputBytes</c> (and <c>ssh_output</c> <c>maxBytes</c>) a call may ask for.</summary>
    public int MaxOutputBytesLimit { get; set; } = 1024 * 1024;

    /// <summary>Where the full output of recent runs is kept (<c>SshMcp:Output</c>).</summary>
    public OutputOptions Output { get; set; } = new();

    /// <summary>Background runs (<c>SshMcp:Runs</c>).</summary>
    public RunsOptions Runs { get; set; } = new();

    /// <summary>The longest command text accepted, in UTF-8 bytes.</summary>
    public int MaxCommandBytes { get; set; } = 1024 * 1024;

    /// <summary>One deadline for DNS, TCP connect, key exchange, authentication and the shell's start.</summary>
    public int ConnectTimeoutMs { get; set; } = 15_000;

    /// <summary>Sessions unused for this long are closed.</summary>
    public int IdleTimeoutMinutes { get; set; } = 30;

    /// <summary>Interval of SSH keepalive messages.</summary>
    public int KeepAliveSeconds { get; set; } = 15;

    /// <summary>How long stopping a timed-out or cancelled command may take before the session's shell is ended.</summary>
    public int StopTimeoutMs { get; set; } = 5_000;

    /// <summary>
    /// While a command runs, the connection is checked this often (a tiny command on a second channel); a check that
    /// gets no answer within the same time again marks the connection lost. A frozen network is so noticed within
    /// about twice this value.
    /// </summary>
    public int LivenessCheckSeconds { get; set; } = 8;

    /// <summary>Most SSH sessions open at once in this server.</summary>
    public int MaxSessions { get; set; } = 64;

    /// <summary>Most SSH sessions open at once for one principal (a token's name, the local user, an OAuth subject).</summary>
    public int MaxSessionsPerPrincipal { get; set; } = 16;

    /// <summary>Where default identity files (id_ed25519, id_ecdsa, id_rsa) are looked for; empty means ~/.ssh.</summary>
    public string? KeyDirectory { get; set; }

    /// <summary>
    /// The ssh-agent socket used when a call passes no credential: empty means <c>SSH_AUTH_SOCK</c>, <c>none</c>
    /// turns the agent off. A host's IdentityAgent in ssh_config comes first.
    /// </summary>
    public string? AgentSocket { get; set; }

    /// <summary>How long one request to the ssh-agent (listing keys, one signature) may take.</summary>
    public int AgentTimeoutMs { get; set; } = 10_000;

    /// <summary><c>accept-new</c> (trust a host seen for the first time and remember it), <c>strict</c> (known hosts only) or <c>off</c>.</summary>
    public string HostKeyPolicy { get; set; } = "accept-new";

    /// <summary>The user's OpenSSH known_hosts, read only; empty means do not read one. Default <c>~/.ssh/known_hosts</c>.</summary>
    public string? KnownHostsPath { get; set; }

    /// <summary>The server's own known_hosts, where hosts trusted on first use are recorded. Default <c>~/.config/sshmcp/known_hosts</c>.</summary>
    public string? HostKeyStorePath { get; set; }

    /// <summary>
    /// How a host alias is resolved through ssh_config: <c>auto</c> (the ssh program's <c>ssh -G</c> when one is on
    /// PATH, else the built-in parser), <c>ssh</c> or <c>builtin</c>.
    /// </summary>
    public string SshConfigResolver { get; set; } = "auto";

    /// <summary>
    /// One ssh_config file read instead of ~/.ssh/config and /etc/ssh/ssh_config, like <c>ssh -F</c>; <c>none</c>
    /// for no file. Empty means ssh's own files.
    /// </summary>
    public string? SshConfigPath { get; set; }

    /// <summary>The file tools: where <c>localPath</c> may go, inline limits, SFTP or shell tools.</summary>
    public FilesOptions Files { get; set; } = new();

    public TimeSpan DefaultTimeout => TimeSpan.FromMilliseconds(DefaultTimeoutMs);

    public TimeSpan MaxTimeout => TimeSpan.FromMilliseconds(MaxTimeoutMs);

    public TimeSpan ConnectTimeout => TimeSpan.FromMilliseconds(ConnectTimeoutMs);

    public TimeSpan IdleTimeout => TimeSpan.FromMinutes(IdleTimeoutMinutes);

    public TimeSpan AgentTimeout => TimeSpan.FromMilliseconds(AgentTimeoutMs);

    public TimeSpan StopTimeout => TimeSpan.FromMilliseconds(StopTimeoutMs);
}
