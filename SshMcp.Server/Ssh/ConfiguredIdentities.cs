using SshMcp.Server.Ssh.Config;

namespace SshMcp.Server.Ssh;

/// <summary>
/// What a host's ssh_config says about identities, as <c>ssh -G</c> resolves them. The default, <see cref="None"/>,
/// means nothing configured: the agent and the default identity files then apply as OpenSSH applies them.
/// </summary>
internal sealed record ConfiguredIdentities
{
    public static ConfiguredIdentities None { get; } = new();

    /// <summary>IdentityFile paths, in order. When any is given, the default identity files are not used (as in OpenSSH).</summary>
    public IReadOnlyList<string> IdentityFiles { get; init; } = [];

    /// <summary>CertificateFile paths; each is used with the identity (file or agent key) it certifies.</summary>
    public IReadOnlyList<string> CertificateFiles { get; init; } = [];

    /// <summary>IdentitiesOnly: agent keys are used only when they are the key of an identity file.</summary>
    public bool IdentitiesOnly { get; init; }

    /// <summary>IdentityAgent: <c>none</c>, <c>SSH_AUTH_SOCK</c>, <c>$VARIABLE</c> or a socket path; null when not configured.</summary>
    public string? IdentityAgent { get; init; }

    /// <summary>
    /// The identities of a resolved host. OpenSSH's default IdentityFile list counts as none configured: the server's
    /// own default identity files (<c>SshMcp:KeyDirectory</c>) then apply.
    /// </summary>
    public static ConfiguredIdentities From(ResolvedTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new ConfiguredIdentities
        {
            IdentityFiles = target.IdentityFilesSource == SettingSource.Default ? [] : target.IdentityFiles,
            CertificateFiles = target.CertificateFiles,
            IdentitiesOnly = target.IdentitiesOnly,
            IdentityAgent = target.IdentityAgent,
        };
    }
}
