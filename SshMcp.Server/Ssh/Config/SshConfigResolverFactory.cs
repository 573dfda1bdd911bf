using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SshMcp.Server.Options;
using SshMcp.Server.Ssh.HostKeys;

namespace SshMcp.Server.Ssh.Config;

/// <summary>
/// Picks the resolver named by <c>SshMcp:SshConfigResolver</c>. Nothing happens at server start: the first
/// resolution looks for the ssh program and reads the local account, once.
/// </summary>
internal sealed class SshConfigResolverFactory
{
    public const string Auto = "auto";
    public const string Ssh = "ssh";
    public const string Builtin = "builtin";

    /// <summary>ssh -G reads a few small files; a Match exec command is the only thing that could make it slow.</summary>
    public static readonly TimeSpan SshTimeout = TimeSpan.FromSeconds(10);

    public static readonly IReadOnlyList<string> Modes = [Auto, Ssh, Builtin];

    private readonly Lazy<ISshConfigResolver> _resolver;
    private readonly ILogger _logger;

    public SshConfigResolverFactory(IOptions<SshMcpOptions> options, TimeProvider time, ILogger<SshConfigResolverFactory> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _logger = logger;
        _resolver = new Lazy<ISshConfigResolver>(() =>
        {
            var configPath = string.IsNullOrEmpty(settings.SshConfigPath) ? null : HostKeyOptions.ExpandHome(settings.SshConfigPath);
            var resolver = Create(settings.SshConfigResolver, configPath, SshProgram.Find(), LocalAccount.Current(), logger, new SshGOutputCache(time, logger));
            ConfigLog.ResolverChosen(logger, resolver.Name, settings.SshConfigResolver);
            return resolver;
        });
    }

    public ISshConfigResolver Resolver => _resolver.Value;

    /// <summary>Resolves the target and its jump hosts (the one call ssh_open needs).</summary>
    public async Task<ResolvedRoute> ResolveRouteAsync(ResolveRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = Stopwatch.GetTimestamp();
        var route = await JumpChain.ResolveAsync(Resolver, request, cancellationToken);
        var target = route.Target;
        var elapsedMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        ConfigLog.Resolved(_logger, target.Alias, target.User, target.HostName, target.Port, route.Jumps.Count, elapsedMs);
        return route;
    }

    /// <param name="sshPath">The ssh program, or null when none was found.</param>
    /// <param name="cache">For the ssh resolver: keeps ssh -G's output while its inputs stay the same.</param>
    public static ISshConfigResolver Create(string mode, string? configPath, string? sshPath, LocalAccount account, ILogger? logger = null, SshGOutputCache? cache = null) => mode switch
    {
        Builtin => new BuiltinConfigResolver(configPath, account),
        Ssh when sshPath is null => throw SshConfigErrors.SshNotFound(),
        Ssh or Auto when sshPath is not null => new SshGResolver(sshPath, configPath, account, SshTimeout, logger: logger, cache: cache),
        Auto => new BuiltinConfigResolver(configPath, account),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Not a resolver mode."),
    };
}
