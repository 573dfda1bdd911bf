using SshMcp.Server.Ssh.Config;

namespace SshMcp.Server.Ssh.HostKeys;

/// <summary>
/// One host key check: the host and port connected to, the caller's pin, and what the host's ssh_config adds. The
/// config can only add files to read and tighten the policy (see <see cref="HostKeyPolicies.Tighten"/>); it never
/// loosens what the server's <c>SshMcp:HostKeyPolicy</c> requires.
/// </summary>
internal sealed record HostKeyScope(string Host, int Port)
{
    /// <summary>A <c>SHA256:</c> fingerprint the key must have (the call's <c>hostKeyFingerprint</c>), or null.</summary>
    public string? Pin { get; init; }

    /// <summary>HostKeyAlias: keys are looked up and remembered under this name, without the port, as ssh does.</summary>
    public string? KeyAlias { get; init; }

    /// <summary>UserKnownHostsFile entries the config names, read beside the server's own files.</summary>
    public IReadOnlyList<string> KnownHostsFiles { get; init; } = [];

    public StrictHostKeyChecking Strictness { get; init; } = StrictHostKeyChecking.Ask;

    /// <summary>The host and port known_hosts entries are looked up (and written) under.</summary>
    public (string Host, int Port) LookupAs => KeyAlias is { Length: > 0 } alias ? (alias, 22) : (Host, Port);

    /// <summary>The check for a resolved hop: its HostName and Port, and its config's host key settings.</summary>
    public static HostKeyScope For(ResolvedTarget target, string? pin)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new HostKeyScope(target.HostName, target.Port)
        {
            Pin = pin,
            KeyAlias = target.HostKeyAlias,
            KnownHostsFiles = target.UserKnownHostsFilesSource == SettingSource.Default ? [] : target.UserKnownHostsFiles,
            Strictness = target.StrictHostKeyChecking,
        };
    }
}
