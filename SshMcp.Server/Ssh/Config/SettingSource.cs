namespace SshMcp.Server.Ssh.Config;

/// <summary>Where a resolved value came from, so the caller can apply "call, then config, then default".</summary>
internal enum SettingSource
{
    /// <summary>Nothing set it: OpenSSH's default (the local user name, port 22, the default identity files).</summary>
    Default,

    /// <summary>An ssh_config file set it.</summary>
    Config,

    /// <summary>The request set it (like <c>ssh -l user -p port</c>), so the config's value was not used.</summary>
    Call,
}
