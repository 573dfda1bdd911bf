namespace SshMcp.Server.Ssh.Config;

/// <summary>
/// The settings read so far, like ssh's Options struct: for most keywords the first value wins (null means not
/// yet set); IdentityFile, CertificateFile and SendEnv add up. The request seeds it as ssh's command line does.
/// </summary>
internal sealed class ConfigState
{
    public const int MaxIdentityFiles = 100;
    public const int MaxCertificateFiles = 100;
    public const int MaxKnownHostsFiles = 16;

    public string? User { get; set; }

    public string? HostName { get; set; }

    /// <summary>Where HostName was set, for an error in its tokens.</summary>
    public string? HostNameOrigin { get; set; }

    public string? HostKeyAlias { get; set; }

    public int? Port { get; set; }

    /// <summary>Entries with whether a user config (rather than the system one) named them: ssh drops repeats of both alike.</summary>
    public List<(string Path, bool FromUserConfig)> IdentityFiles { get; } = [];

    public List<(string Path, bool FromUserConfig)> CertificateFiles { get; } = [];

    public bool? IdentitiesOnly { get; set; }

    public List<string>? UserKnownHostsFiles { get; set; }

    public StrictHostKeyChecking? StrictHostKeyChecking { get; set; }

    /// <summary>Seconds; <c>none</c> leaves it unset, as in ssh.</summary>
    public int? ConnectTimeout { get; set; }

    public int? ServerAliveInterval { get; set; }

    public int? ServerAliveCountMax { get; set; }

    /// <summary>Entries of the first SetEnv line that applied.</summary>
    public List<string>? SetEnv { get; set; }

    public List<string> SendEnv { get; } = [];

    public string? IdentityAgent { get; set; }

    /// <summary>ProxyCommand as written; <c>none</c> (also set by a ProxyJump) blocks later ProxyCommand and ProxyJump lines.</summary>
    public string? ProxyCommand { get; set; }

    /// <summary>ProxyJump without its comment; <c>none</c> blocks later ProxyJump lines only.</summary>
    public string? ProxyJump { get; set; }

    public string? IgnoreUnknown { get; set; }

    /// <summary>CanonicalizeHostname other than <c>no</c>: ssh then parses the files a second time (without DNS here).</summary>
    public bool? CanonicalizeHostname { get; set; }

    /// <summary>A state seeded from the request, as <c>ssh -l user -p port [-o ProxyCommand=none]</c> would be.</summary>
    public static ConfigState For(ResolveRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new ConfigState
        {
            User = request.User,
            Port = request.Port,
            ProxyCommand = request.IgnoreProxy ? "none" : null,
        };
    }
}
