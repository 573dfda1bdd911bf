using System.Globalization;
using System.Text;

namespace SshMcp.Server.Ssh.Config;

/// <summary>
/// The settings <c>ssh -G alias</c> resolves that a connection uses. Paths are expanded as OpenSSH expands them
/// (<c>~</c>, <c>%d %h %p %r %u %%</c> and the other tokens, <c>${VAR}</c>). Holds no secret.
/// </summary>
internal sealed record ResolvedTarget
{
    /// <summary>The name asked for (ssh's <c>%n</c>), as given.</summary>
    public required string Alias { get; init; }

    /// <summary>The host to connect to: HostName with <c>%h</c> expanded, lower case unless an address.</summary>
    public required string HostName { get; init; }

    public required string User { get; init; }

    public required SettingSource UserSource { get; init; }

    public required int Port { get; init; }

    public required SettingSource PortSource { get; init; }

    /// <summary>IdentityFile entries in order; OpenSSH's default list when <see cref="IdentityFilesSource"/> is Default.</summary>
    public required IReadOnlyList<string> IdentityFiles { get; init; }

    public required SettingSource IdentityFilesSource { get; init; }

    public bool IdentitiesOnly { get; init; }

    public IReadOnlyList<string> CertificateFiles { get; init; } = [];

    /// <summary>The jump hosts in connect order; empty for none. Each resolves through the config itself.</summary>
    public IReadOnlyList<JumpHost> ProxyJump { get; init; } = [];

    /// <summary>The ProxyCommand as written (tokens such as <c>%h %p</c> are for the command's runner); null for none.</summary>
    public string? ProxyCommand { get; init; }

    /// <summary>UserKnownHostsFile entries; empty when set to <c>none</c>.</summary>
    public IReadOnlyList<string> UserKnownHostsFiles { get; init; } = [];

    /// <summary>The GlobalKnownHostsFile list ssh would read; null when the resolver does not know it.</summary>
    public IReadOnlyList<string>? GlobalKnownHostsFiles { get; init; }

    /// <summary>Default when <see cref="UserKnownHostsFiles"/> is OpenSSH's own list (<c>~/.ssh/known_hosts ~/.ssh/known_hosts2</c>).</summary>
    public SettingSource UserKnownHostsFilesSource { get; init; }

    public StrictHostKeyChecking StrictHostKeyChecking { get; init; } = StrictHostKeyChecking.Ask;

    /// <summary>Null for none (the system's TCP timeout).</summary>
    public TimeSpan? ConnectTimeout { get; init; }

    /// <summary>Zero when off.</summary>
    public TimeSpan ServerAliveInterval { get; init; }

    public int ServerAliveCountMax { get; init; } = 3;

    /// <summary>SetEnv entries in order, each name once.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> SetEnv { get; init; } = [];

    /// <summary>SendEnv patterns (<c>*</c> and <c>?</c> match local variable names).</summary>
    public IReadOnlyList<string> SendEnv { get; init; } = [];

    /// <summary>
    /// IdentityAgent as ssh resolves it: null when not set (use <c>SSH_AUTH_SOCK</c>), <c>none</c>,
    /// <c>SSH_AUTH_SOCK</c>, <c>$VAR</c>, or an expanded socket path. <see cref="AgentSocketPath"/> interprets it.
    /// </summary>
    public string? IdentityAgent { get; init; }

    /// <summary>HostKeyAlias in lower case: the name to look up in known_hosts instead of the host name.</summary>
    public string? HostKeyAlias { get; init; }

    /// <summary>The agent socket to use, or null when the agent is off or its variable is unset.</summary>
    public string? AgentSocketPath(Func<string, string?> getEnvironmentVariable)
    {
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);
        return IdentityAgent switch
        {
            null or "SSH_AUTH_SOCK" => NullIfEmpty(getEnvironmentVariable("SSH_AUTH_SOCK")),
            "none" => null,
            ['$', .. var name] => NullIfEmpty(getEnvironmentVariable(name)),
            var path => path,
        };
    }

    /// <summary>Every setting, one per line in ssh -G's words; what tests compare and diagnostics print.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        void Line(string key, object? value) => text.Append(key).Append(' ').Append(Convert.ToString(value, CultureInfo.InvariantCulture)).Append('\n');
        Line("host", Alias);
        Line("hostname", HostName);
        Line("user", $"{User} ({UserSource})");
        Line("port", $"{Port} ({PortSource})");
        Line("identityfile", $"{string.Join(' ', IdentityFiles)} ({IdentityFilesSource})");
        Line("identitiesonly", IdentitiesOnly);
        Line("certificatefile", string.Join(' ', CertificateFiles));
        Line("proxyjump", string.Join(',', ProxyJump));
        Line("proxycommand", ProxyCommand);
        Line("userknownhostsfile", string.Join(' ', UserKnownHostsFiles));
        Line("stricthostkeychecking", StrictHostKeyChecking);
        Line("connecttimeout", ConnectTimeout?.TotalSeconds);
        Line("serveraliveinterval", ServerAliveInterval.TotalSeconds);
        Line("serveralivecountmax", ServerAliveCountMax);
        Line("setenv", string.Join(' ', SetEnv.Select(e => $"{e.Key}={e.Value}")));
        Line("sendenv", string.Join(' ', SendEnv));
        Line("identityagent", IdentityAgent);
        Line("hostkeyalias", HostKeyAlias);
        return text.ToString();
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
