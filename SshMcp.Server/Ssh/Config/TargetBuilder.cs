namespace SshMcp.Server.Ssh.Config;

/// <summary>
/// The last step both resolvers share: expands IdentityFile and CertificateFile as ssh does when it loads them,
/// parses ProxyJump, and tells a value the call or the config set from a default. A value equal to the default
/// counts as the default (ssh -G prints both alike, and they connect alike).
/// </summary>
internal static class TargetBuilder
{
    public static ResolvedTarget Build(EffectiveConfig config, ResolveRequest request, LocalAccount account, Func<string, string?> getEnvironmentVariable)
    {
        var tokens = account.Tokens(config.HostArg, config.HostName, config.Port, config.User, config.HostKeyAlias);
        var isDefaultIdentityList = config.IdentityFiles.SequenceEqual(EffectiveConfig.DefaultIdentityFiles, StringComparer.Ordinal);
        return new ResolvedTarget
        {
            Alias = config.HostArg,
            HostName = config.HostName,
            User = config.User,
            UserSource = SourceOf(request.User is not null, config.User == account.UserName),
            Port = config.Port,
            PortSource = SourceOf(request.Port is not null, config.Port == EffectiveConfig.DefaultPort),
            IdentityFiles = ExpandPaths("IdentityFile", config.IdentityFiles, account, tokens, getEnvironmentVariable),
            IdentityFilesSource = isDefaultIdentityList ? SettingSource.Default : SettingSource.Config,
            IdentitiesOnly = config.IdentitiesOnly,
            CertificateFiles = ExpandPaths("CertificateFile", config.CertificateFiles, account, tokens, getEnvironmentVariable),
            ProxyJump = ParseJump(config.ProxyJump),
            ProxyCommand = config.ProxyCommand,
            UserKnownHostsFiles = config.UserKnownHostsFiles,
            GlobalKnownHostsFiles = config.GlobalKnownHostsFiles,
            UserKnownHostsFilesSource = config.UserKnownHostsFiles.SequenceEqual(EffectiveConfig.DefaultUserKnownHostsFiles.Select(account.ExpandTilde), StringComparer.Ordinal)
                ? SettingSource.Default
                : SettingSource.Config,
            StrictHostKeyChecking = config.StrictHostKeyChecking,
            ConnectTimeout = config.ConnectTimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            ServerAliveInterval = TimeSpan.FromSeconds(config.ServerAliveIntervalSeconds),
            ServerAliveCountMax = config.ServerAliveCountMax,
            SetEnv = config.SetEnv.Select(SplitSetEnv).ToList(),
            SendEnv = config.SendEnv,
            IdentityAgent = config.IdentityAgent,
            HostKeyAlias = config.HostKeyAlias,
        };
    }

    /// <summary>ssh's expansion of a path setting: <c>~</c> first, then <c>%x</c> tokens and <c>${VAR}</c>.</summary>
    public static string ExpandPath(string keyword, string path, LocalAccount account, IReadOnlyDictionary<char, string> tokens, Func<string, string?> getEnvironmentVariable)
    {
        try
        {
            return TokenExpander.Expand(account.ExpandTilde(path), tokens, getEnvironmentVariable);
        }
        catch (FormatException e)
        {
            throw SshConfigErrors.Invalid($"{keyword} \"{path}\": {e.Message}");
        }
    }

    private static List<string> ExpandPaths(string keyword, IReadOnlyList<string> paths, LocalAccount account, IReadOnlyDictionary<char, string> tokens, Func<string, string?> getEnvironmentVariable) =>
        paths.Select(p => ExpandPath(keyword, p, account, tokens, getEnvironmentVariable)).ToList();

    private static SettingSource SourceOf(bool fromCall, bool isDefault) =>
        fromCall ? SettingSource.Call : isDefault ? SettingSource.Default : SettingSource.Config;

    private static IReadOnlyList<JumpHost> ParseJump(string? value)
    {
        if (value is null)
        {
            return [];
        }

        return JumpHost.TryParseChain(value, out var hops) ? hops : throw SshConfigErrors.Invalid($"Invalid ProxyJump \"{value}\"");
    }

    private static KeyValuePair<string, string> SplitSetEnv(string entry)
    {
        var equals = entry.IndexOf('=', StringComparison.Ordinal);
        return new KeyValuePair<string, string>(entry[..equals], entry[(equals + 1)..]);
    }
}
