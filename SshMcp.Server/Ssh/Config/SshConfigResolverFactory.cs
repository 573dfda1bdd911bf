using Microsoft.Extensions.Options;
using SshMcp.Server.Options;

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

    public SshConfigResolverFactory(IOptions<SshMcpOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _resolver = new Lazy<ISshConfigResolver>(
            () => Create(settings.SshConfigResolver, settings.SshConfigPath, SshProgram.Find(), LocalAccount.Current()));
    }

    public ISshConfigResolver Resolver => _resolver.Value;

    /// <param name="sshPath">The ssh program, or null when none was found.</param>
    public static ISshConfigResolver Create(string mode, string? configPath, string? sshPath, LocalAccount account) => mode switch
    {
        Builtin => new BuiltinConfigResolver(configPath, account),
        Ssh when sshPath is null => throw SshConfigErrors.SshNotFound(),
        Ssh or Auto when sshPath is not null => new SshGResolver(sshPath, configPath, account, SshTimeout),
        Auto => new BuiltinConfigResolver(configPath, account),
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Not a resolver mode."),
    };
}
