using SshMcp.Server.Ssh;
using SshMcp.Server.Tools;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Ssh.Agent;

/// <summary>
/// Logging in through a real ssh-agent of the test's own, whose keys exist nowhere on disk, against the real sshd;
/// and the rules OpenSSH applies to the agent (IdentityAgent, IdentitiesOnly, identity files the agent holds).
/// </summary>
[Collection(SshdCollection.Name)]
public sealed class AgentAuthenticationTests(SshdFixture sshd) : IAsyncLifetime, IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));
    private SshAgentProcess _agent = null!;
    private McpServerHarness _server = null!;

    public async Task InitializeAsync()
    {
        _agent = await SshAgentProcess.StartAsync(_timeout.Token);
        _server = await McpServerHarness.StartAsync(new Dictionary<string, string?> { ["SshMcp:AgentSocket"] = _agent.SocketPath });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _agent.DisposeAsync();
    }

    public void Dispose() => _timeout.Dispose();

    [Theory]
    [InlineData("ed25519")]
    [InlineData("ecdsa")]
    [InlineData("rsa")]
    public async Task Open_AgentKeyOnly_LogsIn(string type)
    {
        await AddAuthorizedAgentKeyAsync(type);

        var open = await _server.CallAsync<OpenResult>("ssh_open", Base());

        Assert.Equal($"{sshd.Username}\n", (await _server.ExecAsync(open.SessionId, "id -un")).Stdout);
    }

    [Fact]
    public async Task Open_AgentEmpty_SaysItHasNoKeys()
    {
        var error = await _server.CallErrorAsync("ssh_open", Base());

        Assert.Contains($"the ssh-agent at {_agent.SocketPath} (SshMcp:AgentSocket) has no keys; ssh-add one.", error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Open_AgentUnreachable_SaysSoAndWhatToDo()
    {
        var missing = Path.Combine(_agent.Directory, "gone.sock");
        await using var server = await McpServerHarness.StartAsync(new Dictionary<string, string?> { ["SshMcp:AgentSocket"] = missing });

        var error = await server.CallErrorAsync("ssh_open", Base());

        Assert.Contains($"the ssh-agent at {missing} (SshMcp:AgentSocket) is unreachable (no socket at that path); start ssh-agent", error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Open_AgentKeyNotAuthorized_NamesTheAgentAmongMethodsTried()
    {
        var stranger = await TestKeyPair.GenerateAsync("ed25519", _agent.Directory, _timeout.Token);
        await _agent.AddKeyTextAsync(stranger.PrivateKeyText, _timeout.Token);

        var error = await _server.CallErrorAsync("ssh_open", Base());

        Assert.Contains($"tried: ssh-agent at {_agent.SocketPath} (SshMcp:AgentSocket): 1 identity", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_AgentRefusesToSign_SaysSoAndWhatToDo()
    {
        var key = await TestKeyPair.GenerateAsync("ed25519", _agent.Directory, _timeout.Token);
        await _agent.AddKeyTextAsync(key.PrivateKeyText, _timeout.Token, confirm: true);
        await AuthorizeAsync(key);

        var error = await _server.CallErrorAsync("ssh_open", Base());

        Assert.Contains($"The ssh-agent at {_agent.SocketPath} did not sign (it refused the request). Check that it still runs and holds the key (ssh-add -l), confirm the key's use if the agent asks", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_CallPassesPassword_AgentNotUsed()
    {
        await AddAuthorizedAgentKeyAsync("ed25519");
        var arguments = Base();
        arguments["password"] = "not the password";

        var error = await _server.CallErrorAsync("ssh_open", arguments);

        Assert.Contains("tried: password, keyboard-interactive)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_IdentityAgentNone_IgnoresTheAgent()
    {
        await AddAuthorizedAgentKeyAsync("ed25519");

        var failure = await DirectConnect.FailureAsync(_server, sshd, new ConfiguredIdentities { IdentityAgent = "none" });

        Assert.Contains("No credentials", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_IdentityAgentPath_OverridesTheServerSetting()
    {
        await AddAuthorizedAgentKeyAsync("ed25519");
        await using var server = await McpServerHarness.StartAsync();

        var user = await DirectConnect.WhoAmIAsync(server, sshd, new ConfiguredIdentities { IdentityAgent = _agent.SocketPath });

        Assert.Equal(sshd.Username, user);
    }

    [Fact]
    public async Task Open_IdentitiesOnlyAndKeyNotAnIdentityFile_DoesNotOfferAgentKeys()
    {
        await AddAuthorizedAgentKeyAsync("ed25519");
        var identities = new ConfiguredIdentities { IdentitiesOnly = true, IdentityFiles = [Path.Combine(_agent.Directory, "no_such_key")] };

        var failure = await DirectConnect.FailureAsync(_server, sshd, identities);

        Assert.Contains("No credentials", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_IdentitiesOnlyAndEncryptedIdentityFileInAgent_SignsThroughTheAgentWithoutPassphrase()
    {
        var keyPath = await AddAuthorizedAgentKeyAsync("ed25519", keepFiles: true);
        await LocalCommand.RunCheckedAsync("ssh-keygen", ["-q", "-p", "-P", "", "-N", "a passphrase nobody gives", "-f", keyPath], _timeout.Token);
        var identities = new ConfiguredIdentities { IdentitiesOnly = true, IdentityFiles = [keyPath] };

        var user = await DirectConnect.WhoAmIAsync(_server, sshd, identities);

        Assert.Equal(sshd.Username, user);
    }

    [Fact]
    public async Task Open_EncryptedIdentityFileWithoutAgent_SaysToPassItsPassphrase()
    {
        var key = await TestKeyPair.GenerateAsync("ed25519", _agent.Directory, _timeout.Token, passphrase: "secret words", keepFiles: true, name: "id_locked");
        await AuthorizeAsync(key);
        var keyPath = Path.Combine(_agent.Directory, "id_locked");

        var failure = await DirectConnect.FailureAsync(_server, sshd, new ConfiguredIdentities { IdentityFiles = [keyPath], IdentityAgent = "none" });

        Assert.Contains($"The private key {keyPath} is encrypted and no passphrase was given; pass passphrase, or ssh-add it to the ssh-agent.", failure.Message, StringComparison.Ordinal);
        Assert.Equal(sshd.Username, await DirectConnect.WhoAmIAsync(_server, sshd, new ConfiguredIdentities { IdentityFiles = [keyPath] }, "secret words"));
    }

    private Dictionary<string, object?> Base() => new()
    {
        ["host"] = sshd.Host,
        ["port"] = sshd.Port,
        ["username"] = sshd.Username,
    };

    /// <summary>A new key in the agent and in sshd's authorized_keys; its files stay (in the agent's 0700 directory) only if asked.</summary>
    private async Task<string> AddAuthorizedAgentKeyAsync(string type, bool keepFiles = false)
    {
        var name = $"{type}-{Guid.NewGuid():N}";
        var key = await TestKeyPair.GenerateAsync(type, _agent.Directory, _timeout.Token, keepFiles: keepFiles, name: name);
        await _agent.AddKeyTextAsync(key.PrivateKeyText, _timeout.Token);
        await AuthorizeAsync(key);
        return Path.Combine(_agent.Directory, name);
    }

    private Task AuthorizeAsync(TestKeyPair key) =>
        File.AppendAllTextAsync(Path.Combine(sshd.TempDirectory, "authorized_keys"), key.PublicKeyLine + "\n", _timeout.Token);
}
