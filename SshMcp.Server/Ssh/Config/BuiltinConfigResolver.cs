namespace SshMcp.Server.Ssh.Config;

/// <summary>
/// Resolves without the ssh program (the container image): reads ~/.ssh/config and /etc/ssh/ssh_config, or only
/// the explicit file, with OpenSSH 9.2's rules, and finishes the settings as ssh does before <c>ssh -G</c> prints
/// them. Not done: DNS canonicalization, Match exec (refused), service names as ports.
/// </summary>
internal sealed class BuiltinConfigResolver : ISshConfigResolver
{
    public const string DefaultSystemConfigPath = "/etc/ssh/ssh_config";

    private readonly string? _configPath;
    private readonly string _systemConfigPath;
    private readonly LocalAccount _account;
    private readonly Func<string, string?> _getEnvironmentVariable;

    /// <param name="configPath">Like ssh's <c>-F</c>: only this file; null or empty for the user's and the system's; <c>none</c> for no file.</param>
    /// <param name="systemConfigPath">The system file (tests point it elsewhere); its directory anchors its relative Includes.</param>
    public BuiltinConfigResolver(string? configPath, LocalAccount account, string systemConfigPath = DefaultSystemConfigPath, Func<string, string?>? getEnvironmentVariable = null)
    {
        _configPath = string.IsNullOrEmpty(configPath) ? null : configPath;
        _systemConfigPath = systemConfigPath;
        _account = account;
        _getEnvironmentVariable = getEnvironmentVariable ?? Environment.GetEnvironmentVariable;
    }

    public string Name => "builtin";

    public Task<ResolvedTarget> ResolveAsync(ResolveRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var config = Resolve(request, cancellationToken);
        return Task.FromResult(TargetBuilder.Build(config, request, _account, _getEnvironmentVariable));
    }

    /// <summary>What <c>ssh -G</c> would print for the request.</summary>
    internal EffectiveConfig Resolve(ResolveRequest request, CancellationToken cancellationToken)
    {
        var state = ConfigState.For(request);
        var alias = request.Alias;
        var firstPass = ReadFiles(state, alias, alias, finalPass: false, cancellationToken);
        var host = HostNameExpansion.Normalize(HostNameExpansion.Expand(state, alias));
        if (firstPass.WantsFinalPass || state.CanonicalizeHostname == true)
        {
            // ssh parses the files again with the host name in place of the alias for Host lines and Match final.
            state.HostName = host;
            ReadFiles(state, alias, host, finalPass: true, cancellationToken);
        }

        return Finish(state, alias, host);
    }

    private ConfigReader ReadFiles(ConfigState state, string alias, string hostForHostLines, bool finalPass, CancellationToken cancellationToken)
    {
        var reader = new ConfigReader(state, _account, alias, hostForHostLines, finalPass, Path.GetDirectoryName(_systemConfigPath) ?? "/", _getEnvironmentVariable, cancellationToken);
        foreach (var file in TopLevelConfigFile.For(_configPath, _account, _systemConfigPath))
        {
            reader.ReadTopLevel(file.Path, file.Scope, file.Required);
        }

        return reader;
    }

    // ssh.c after the passes: defaults, the jump-loop check, and the expansions ssh -G prints already done.
    private EffectiveConfig Finish(ConfigState state, string alias, string host)
    {
        var user = state.User ?? _account.UserName;
        var port = state.Port ?? EffectiveConfig.DefaultPort;
        var jump = state.ProxyJump is { } value && !value.Equals("none", StringComparison.OrdinalIgnoreCase) ? value : null;
        CheckJumpLoop(jump, host, port, user);
        var hostKeyAlias = state.HostKeyAlias?.ToLowerInvariant();
        var tokens = _account.Tokens(alias, host, port, user, hostKeyAlias);
        string Expand(string keyword, string path) => TargetBuilder.ExpandPath(keyword, path, _account, tokens, _getEnvironmentVariable);
        var knownHosts = state.UserKnownHostsFiles ?? [.. EffectiveConfig.DefaultUserKnownHostsFiles];
        return new EffectiveConfig
        {
            HostArg = alias,
            User = user,
            HostName = host,
            Port = port,
            IdentityFiles = state.IdentityFiles.Count > 0 ? state.IdentityFiles.Select(f => f.Path).ToList() : EffectiveConfig.DefaultIdentityFiles,
            IdentitiesOnly = state.IdentitiesOnly ?? false,
            CertificateFiles = state.CertificateFiles.Select(f => f.Path).ToList(),
            ProxyJump = jump,
            ProxyCommand = state.ProxyCommand is { } command && !command.Equals("none", StringComparison.OrdinalIgnoreCase) ? command : null,
            UserKnownHostsFiles = knownHosts is [var only] && only.Equals("none", StringComparison.OrdinalIgnoreCase) ? [] : knownHosts.Select(f => Expand("UserKnownHostsFile", f)).ToList(),
            StrictHostKeyChecking = state.StrictHostKeyChecking ?? StrictHostKeyChecking.Ask,
            ConnectTimeoutSeconds = state.ConnectTimeout,
            ServerAliveIntervalSeconds = state.ServerAliveInterval ?? 0,
            ServerAliveCountMax = state.ServerAliveCountMax ?? EffectiveConfig.DefaultServerAliveCountMax,
            SetEnv = state.SetEnv ?? [],
            SendEnv = state.SendEnv,
            IdentityAgent = state.IdentityAgent is { } agent ? Expand("IdentityAgent", agent) : null,
            HostKeyAlias = hostKeyAlias,
        };
    }

    // ssh refuses a ProxyJump whose last hop is the target itself (same host, port and user).
    private static void CheckJumpLoop(string? jump, string host, int port, string user)
    {
        if (jump is null || !JumpHost.TryParseChain(jump, out var hops) || hops.Count == 0)
        {
            return;
        }

        var last = hops[^1];
        if (last.Host == host && (last.Port ?? EffectiveConfig.DefaultPort) == port && (last.User ?? user) == user)
        {
            throw SshConfigErrors.Invalid($"jumphost loop via {last.Host}");
        }
    }
}
