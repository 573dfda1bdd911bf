using System.Globalization;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Transports.OpenSsh;

/// <summary>
/// A ProxyJump hop through the openssh transport: ssh applies the user's config, and the jump host's key is checked
/// by the server's rules too (the hop's ssh reads the generated config), so a changed key there is refused in the
/// server's words, naming both fingerprints.
/// </summary>
public sealed class OpenSshJumpHostTests : IAsyncLifetime
{
    private readonly SshdFixture _bastion = SshdFixture.Create(new SshdOptions());
    private readonly SshdFixture _target = SshdFixture.Create(new SshdOptions());
    private readonly string _dir = Directory.CreateTempSubdirectory("sshmcp-jump-").FullName;

    public async Task InitializeAsync()
    {
        await _bastion.InitializeAsync();
        await _target.InitializeAsync();
        await File.WriteAllTextAsync(ConfigPath, string.Create(CultureInfo.InvariantCulture, $"""
            Host bastion
              HostName {_bastion.Host}
              Port {_bastion.Port}
              User {_bastion.Username}
              IdentityFile {_bastion.PrivateKeyPath}
            Host target
              HostName {_target.Host}
              ProxyJump bastion

            """));
    }

    public async Task DisposeAsync()
    {
        await _target.DisposeAsync();
        await _bastion.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private string ConfigPath => Path.Combine(_dir, "ssh_config");

    [Fact]
    public async Task Open_ThroughJumpHost_WorksAndTheJumpHostsKeyIsRemembered()
    {
        await using var server = await StartAsync();

        var open = await server.CallAsync<SshMcp.Server.Tools.OpenResult>("ssh_open", Arguments());

        Assert.Equal("new", open.HostKeyStatus);
        Assert.Equal(_target.HostKeyFingerprintSha256, open.HostKeyFingerprint);
        Assert.Equal("ok\n", (await server.ExecAsync(open.SessionId, "echo ok")).Stdout);
        var store = await File.ReadAllTextAsync(StorePath);
        Assert.Contains($"[{_bastion.Host}]:{_bastion.Port} ssh-ed25519 ", store, StringComparison.Ordinal);
        Assert.Contains($"[{_target.Host}]:{_target.Port} ssh-ed25519 ", store, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_JumpHostRekeyed_RefusedNamingBothOfItsKeys()
    {
        await using var server = await StartAsync();
        var first = await server.CallAsync<SshMcp.Server.Tools.OpenResult>("ssh_open", Arguments());
        await server.CloseAsync(first.SessionId);
        var oldFingerprint = _bastion.HostKeyFingerprintSha256;

        await _bastion.RestartWithNewHostKeyAsync(default);
        var error = await server.CallErrorAsync("ssh_open", Arguments());

        Assert.Contains($"{_bastion.Host}:{_bastion.Port} has changed", error, StringComparison.Ordinal);
        Assert.Contains(oldFingerprint, error, StringComparison.Ordinal);
        Assert.Contains(_bastion.HostKeyFingerprintSha256, error, StringComparison.Ordinal);
        Assert.Contains(StorePath, error, StringComparison.Ordinal);
    }

    private string StorePath => Path.Combine(_dir, "store");

    private Task<McpServerHarness> StartAsync() => McpServerHarness.StartAsync(new Dictionary<string, string?>
    {
        ["SshMcp:Transport"] = TransportNames.OpenSsh,
        ["SshMcp:SshConfigPath"] = ConfigPath,
        ["SshMcp:HostKeyStorePath"] = StorePath,
    });

    private Dictionary<string, object?> Arguments() => new()
    {
        ["host"] = "target",
        ["port"] = _target.Port,
        ["username"] = _target.Username,
        ["password"] = _target.Password,
    };
}
