using System.Text;
using SshMcp.Server.Options;
using SshMcp.Server.Ssh.HostKeys;
using SshMcp.Server.Transports.OpenSsh;

namespace SshMcp.Tests.Transports.OpenSsh;

/// <summary>The generated ssh_config, read back by ssh itself (<c>ssh -G</c>): the server's rules win, the user's settings apply.</summary>
public sealed class OpenSshConfigFileTests : IDisposable
{
    private readonly SessionDirectory _directory = SessionDirectory.Create();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Render_UserConfigIncluded_ServerRulesWinUserSettingsApply()
    {
        var user = _directory.Combine("user_config");
        _directory.WriteFile(user, Encoding.UTF8.GetBytes("Host target\n  Port 2222\n  User deploy\n  StrictHostKeyChecking no\n  ServerAliveInterval 5\n"));

        var settings = await ResolveAsync(new SshMcpOptions { SshConfigPath = user, KeepAliveSeconds = 15 }, "target");

        Assert.Equal("2222", settings["port"]);
        Assert.Equal("deploy", settings["user"]);
        Assert.Equal("true", settings["stricthostkeychecking"]);
        Assert.Equal("5", settings["serveraliveinterval"]);
        Assert.Equal($"\"{_directory.Helper}\" hostkey %I %n %H %K", settings["knownhostscommand"]);
        Assert.Equal("false", settings["updatehostkeys"]);
    }

    [Fact]
    public async Task Render_ServerSettings_BecomeDefaultsForEveryHost()
    {
        var settings = await ResolveAsync(
            new SshMcpOptions { SshConfigPath = "none", KnownHostsPath = "", AgentSocket = "none", KeyDirectory = "/keys", KeepAliveSeconds = 15 }, "anyhost");

        Assert.Equal("/dev/null", settings["userknownhostsfile"]);
        Assert.Equal("/dev/null", settings["globalknownhostsfile"]);
        Assert.Equal("none", settings["identityagent"]);
        Assert.Equal("15", settings["serveraliveinterval"]);
        Assert.StartsWith("/keys/id_", settings["identityfile"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_TargetKnownByOneKey_NoKnownHostsCommandAndTheSessionFileReadFirst()
    {
        var verdict = new HostKeyAnswers.Verdict("h", 22, [], HostKeyDecision.Accept(HostKeyStatus.Known, "SHA256:x"), IsTarget: true);
        var known = new KnownTargetKey("h ssh-ed25519 AAAA", ["/etc/ssh/ssh_known_hosts", "/other dir/known"], verdict);

        var settings = await ResolveAsync(new SshMcpOptions { SshConfigPath = "none", KnownHostsPath = "" }, "h", known);

        Assert.False(settings.TryGetValue("knownhostscommand", out var command) && command != "none", command);
        Assert.Equal($"{_directory.KnownHosts} /etc/ssh/ssh_known_hosts /other dir/known", settings["globalknownhostsfile"]);
        Assert.Equal("true", settings["stricthostkeychecking"]);
    }

    private async Task<Dictionary<string, string>> ResolveAsync(SshMcpOptions options, string host, KnownTargetKey? known = null)
    {
        _directory.WriteFile(_directory.ConfigFile, Encoding.UTF8.GetBytes(OpenSshConfigFile.Render(_directory, options, known: known)));
        var result = await LocalCommand.RunAsync("ssh", ["-G", "-F", _directory.ConfigFile, "--", host], default);
        Assert.True(result.ExitCode == 0, result.StandardError);
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            settings.TryAdd(line[..space], line[(space + 1)..]);
        }

        return settings;
    }
}
