using Microsoft.Extensions.Logging.Abstractions;
using SshMcp.Server.Ssh;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Ssh;

/// <summary>
/// The order of issue 13, read from the methods a CredentialSet builds (no connection): the call's credentials;
/// else the config's IdentityFile, the agent, the default identity files, SSH_PRIVATE_KEY.
/// </summary>
public sealed class CredentialOrderTests : IAsyncLifetime, IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));
    private SshAgentProcess _agent = null!;
    private string _identityFile = "";
    private string _keyDirectory = "";
    private string _environmentKey = "";

    public async Task InitializeAsync()
    {
        _agent = await SshAgentProcess.StartAsync(_timeout.Token);
        var agentKey = await TestKeyPair.GenerateAsync("ed25519", _agent.Directory, _timeout.Token);
        await _agent.AddKeyTextAsync(agentKey.PrivateKeyText, _timeout.Token);
        await TestKeyPair.GenerateAsync("ecdsa", _agent.Directory, _timeout.Token, keepFiles: true, name: "configured");
        _identityFile = Path.Combine(_agent.Directory, "configured");
        _keyDirectory = Directory.CreateDirectory(Path.Combine(_agent.Directory, "dotssh")).FullName;
        await TestKeyPair.GenerateAsync("ed25519", _keyDirectory, _timeout.Token, keepFiles: true, name: "id_ed25519");
        _environmentKey = (await TestKeyPair.GenerateAsync("rsa", _agent.Directory, _timeout.Token)).PrivateKeyText;
    }

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    public void Dispose() => _timeout.Dispose();

    [Fact]
    public async Task Create_IdentityFileConfigured_ItThenAgentThenEnvironmentAndNoDefaults()
    {
        using var set = await CreateAsync(Request(), new ConfiguredIdentities { IdentityFiles = [_identityFile] }, withDefaults: true);

        Assert.Equal(
            [$"public key (IdentityFile {_identityFile})", $"ssh-agent at {_agent.SocketPath} (SshMcp:AgentSocket): 1 identity", "public key (SSH_PRIVATE_KEY)"],
            set.Descriptions);
    }

    [Fact]
    public async Task Create_NoIdentityFileConfigured_DefaultIdentityFilesAfterTheAgent()
    {
        using var set = await CreateAsync(Request(), ConfiguredIdentities.None, withDefaults: true);

        Assert.Equal(
            [$"ssh-agent at {_agent.SocketPath} (SshMcp:AgentSocket): 1 identity", "public key (~/.ssh/id_ed25519)", "public key (SSH_PRIVATE_KEY)"],
            set.Descriptions);
    }

    [Fact]
    public async Task Create_CallPassesPassword_UsesOnlyIt()
    {
        using var set = await CreateAsync(Request() with { Password = "from the call" }, new ConfiguredIdentities { IdentityFiles = [_identityFile] }, withDefaults: true);

        Assert.Equal(["password", "keyboard-interactive"], set.Descriptions);
    }

    private static OpenRequest Request() =>
        new OpenRequest("127.0.0.1", 22, "deploy", null, null, null, null, null, TimeSpan.FromSeconds(10)).Routed();

    private Task<CredentialSet> CreateAsync(OpenRequest request, ConfiguredIdentities identities, bool withDefaults)
    {
        var context = new CredentialContext(
            name => name == CredentialSet.PrivateKeyVariable ? _environmentKey : null,
            withDefaults ? _keyDirectory : null,
            _agent.SocketPath,
            TimeSpan.FromSeconds(10),
            NullLogger.Instance);
        return CredentialSet.CreateAsync(request with { Identities = identities }, context, _timeout.Token);
    }
}
