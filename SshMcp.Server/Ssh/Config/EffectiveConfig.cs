namespace SshMcp.Server.Ssh.Config;

/// <summary>
/// The settings we use in the form <c>ssh -G</c> prints them: defaults filled in, HostName, UserKnownHostsFile and
/// IdentityAgent already expanded, IdentityFile and CertificateFile still as written. Both resolvers produce it;
/// <see cref="TargetBuilder"/> turns it into a <see cref="ResolvedTarget"/>.
/// </summary>
internal sealed record EffectiveConfig
{
    /// <summary>OpenSSH's default IdentityFile list (9.2), used when the config names none.</summary>
    public static readonly IReadOnlyList<string> DefaultIdentityFiles =
        ["~/.ssh/id_rsa", "~/.ssh/id_ecdsa", "~/.ssh/id_ecdsa_sk", "~/.ssh/id_ed25519", "~/.ssh/id_ed25519_sk", "~/.ssh/id_xmss", "~/.ssh/id_dsa"];

    /// <summary>OpenSSH's default UserKnownHostsFile list, before <c>~</c> is expanded.</summary>
    public static readonly IReadOnlyList<string> DefaultUserKnownHostsFiles = ["~/.ssh/known_hosts", "~/.ssh/known_hosts2"];

    public static readonly IReadOnlyList<string> DefaultGlobalKnownHostsFiles = ["/etc/ssh/ssh_known_hosts", "/etc/ssh/ssh_known_hosts2"];

    public const int DefaultPort = 22;

    public const int DefaultServerAliveCountMax = 3;

    public required string HostArg { get; init; }

    public required string User { get; init; }

    public required string HostName { get; init; }

    public required int Port { get; init; }

    public required IReadOnlyList<string> IdentityFiles { get; init; }

    public bool IdentitiesOnly { get; init; }

    public IReadOnlyList<string> CertificateFiles { get; init; } = [];

    public string? ProxyJump { get; init; }

    public string? ProxyCommand { get; init; }

    public IReadOnlyList<string> UserKnownHostsFiles { get; init; } = [];

    /// <summary>GlobalKnownHostsFile as ssh -G prints it; null when the resolver does not know it (the built-in one).</summary>
    public IReadOnlyList<string>? GlobalKnownHostsFiles { get; init; }

    public StrictHostKeyChecking StrictHostKeyChecking { get; init; }

    public int? ConnectTimeoutSeconds { get; init; }

    public int ServerAliveIntervalSeconds { get; init; }

    public int ServerAliveCountMax { get; init; } = DefaultServerAliveCountMax;

    /// <summary><c>NAME=value</c> entries.</summary>
    public IReadOnlyList<string> SetEnv { get; init; } = [];

    public IReadOnlyList<string> SendEnv { get; init; } = [];

    public string? IdentityAgent { get; init; }

    public string? HostKeyAlias { get; init; }
}
