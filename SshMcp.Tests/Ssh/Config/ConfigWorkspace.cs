using SshMcp.Server.Ssh.Config;
using SshMcp.Tests.Ssh.HostKeys;

namespace SshMcp.Tests.Ssh.Config;

/// <summary>
/// Config files in a fresh temp directory, with a private HOME for Include's <c>~</c>, and both resolvers pointed at
/// them with an explicit config file: the runner's own ~/.ssh is never read. Paths in written text may use
/// <c>{root}</c> and <c>{home}</c>.
/// </summary>
internal sealed class ConfigWorkspace : IDisposable
{
    /// <summary>Set in this process (so ssh inherits it too) for the <c>${VAR}</c> cases.</summary>
    public const string Variable = "SSHMCP_CONFIG_TEST_DIR";

    private readonly TempDirectory _directory = new();

    static ConfigWorkspace() => Environment.SetEnvironmentVariable(Variable, "/var/sshmcp-config-test");

    public ConfigWorkspace()
    {
        Directory.CreateDirectory(Path.Join(Home, ".ssh"));
        Account = LocalAccount.Current() with { HomeVariable = Home };
    }

    public string Root => _directory.Path;

    /// <summary>The private HOME: where a relative or <c>~/</c> Include looks (ssh's glob reads <c>$HOME</c>).</summary>
    public string Home => Path.Join(Root, "home");

    /// <summary>The file both resolvers read, as with <c>ssh -F</c>.</summary>
    public string ConfigPath => Path.Join(Root, "ssh_config");

    /// <summary>This user, with the private HOME; <c>~</c> in paths still means the passwd home, as in ssh.</summary>
    public LocalAccount Account { get; }

    public static string? SshPath { get; } = SshProgram.Find();

    public ISshConfigResolver Ssh(TimeSpan? timeout = null, string? sshPath = null, SshGOutputCache? cache = null) =>
        new SshGResolver(sshPath ?? SshPath ?? throw new InvalidOperationException("These tests need the OpenSSH client (ssh) on PATH."), ConfigPath, Account, timeout ?? TimeSpan.FromSeconds(10), cache: cache);

    public ISshConfigResolver Builtin(string? configPath = null, LocalAccount? account = null) =>
        new BuiltinConfigResolver(configPath ?? ConfigPath, account ?? Account, systemConfigPath: Path.Join(Root, "etc", "ssh_config"));

    public ConfigWorkspace WithConfig(string text) => WithFile("ssh_config", text);

    /// <summary>Writes a file under the root (directories made as needed), read-only for others as ssh wants.</summary>
    public ConfigWorkspace WithFile(string relativePath, string text)
    {
        var path = Path.Join(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, Expand(text));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        return this;
    }

    public string Expand(string text) => text.Replace("{root}", Root, StringComparison.Ordinal).Replace("{home}", Home, StringComparison.Ordinal);

    public void Dispose() => _directory.Dispose();
}
