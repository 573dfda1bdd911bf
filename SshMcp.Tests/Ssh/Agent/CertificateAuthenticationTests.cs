using SshMcp.Server.Ssh;
using SshMcp.Server.Tools;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Ssh.Agent;

/// <summary>
/// OpenSSH user certificates from a CA made with ssh-keygen, against an sshd that trusts only that CA: a key with
/// its -cert.pub, a CertificateFile, a certificate held in the agent; and what the error says when the server
/// refuses an expired certificate or one for another principal.
/// </summary>
public sealed class CertificateAuthenticationTests(CertificateSshdFixture fixture) : IClassFixture<CertificateSshdFixture>, IAsyncLifetime, IDisposable
{
    private const string ValidNow = "-5m:+1h";
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));
    private readonly string _keys = Directory.CreateTempSubdirectory("sshmcp-certs-").FullName;
    private McpServerHarness _server = null!;

    private SshdFixture Sshd => fixture.Sshd;

    public async Task InitializeAsync() => _server = await McpServerHarness.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_keys, recursive: true);
    }

    public void Dispose() => _timeout.Dispose();

    [Theory]
    [InlineData("ed25519")]
    [InlineData("ecdsa")]
    [InlineData("rsa")]
    public async Task Open_PrivateKeyPathWithCertificateBeside_LogsIn(string type)
    {
        var keyPath = await NewCertifiedKeyAsync(type, [Sshd.Username], ValidNow);

        var open = await _server.CallAsync<OpenResult>("ssh_open", Arguments(keyPath));

        Assert.Equal($"{Sshd.Username}\n", (await _server.ExecAsync(open.SessionId, "id -un")).Stdout);
    }

    [Fact]
    public async Task Open_SameKeyWithoutItsCertificate_IsRefused()
    {
        var keyPath = await NewCertifiedKeyAsync("ed25519", [Sshd.Username], ValidNow);
        File.Delete(keyPath + "-cert.pub");

        var error = await _server.CallErrorAsync("ssh_open", Arguments(keyPath));

        Assert.Contains("Permission denied (publickey)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_IdentityFileWithDefaultCertificateFile_LogsIn()
    {
        var keyPath = await NewCertifiedKeyAsync("ed25519", [Sshd.Username], ValidNow);

        var user = await DirectConnect.WhoAmIAsync(_server, Sshd, new ConfiguredIdentities { IdentityFiles = [keyPath] });

        Assert.Equal(Sshd.Username, user);
    }

    [Fact]
    public async Task Open_IdentityFileWithCertificateFileElsewhere_LogsIn()
    {
        var keyPath = await NewCertifiedKeyAsync("ecdsa", [Sshd.Username], ValidNow);
        var certificatePath = Path.Combine(Directory.CreateDirectory(Path.Combine(_keys, "certs")).FullName, "mine-cert.pub");
        File.Move(keyPath + "-cert.pub", certificatePath);

        var user = await DirectConnect.WhoAmIAsync(_server, Sshd, new ConfiguredIdentities { IdentityFiles = [keyPath], CertificateFiles = [certificatePath] });

        Assert.Equal(Sshd.Username, user);
    }

    [Theory]
    [InlineData("ed25519")]
    [InlineData("rsa")]
    public async Task Open_CertificateHeldInAgent_LogsIn(string type)
    {
        await using var agent = await SshAgentProcess.StartAsync(_timeout.Token);
        var keyPath = await NewCertifiedKeyAsync(type, [Sshd.Username], ValidNow, agent.Directory);
        await agent.AddKeyFileAsync(keyPath, _timeout.Token);
        File.Delete(keyPath);
        await using var server = await McpServerHarness.StartAsync(new Dictionary<string, string?> { ["SshMcp:AgentSocket"] = agent.SocketPath });

        var open = await server.CallAsync<OpenResult>("ssh_open", Arguments(null));

        Assert.Equal($"{Sshd.Username}\n", (await server.ExecAsync(open.SessionId, "id -un")).Stdout);
    }

    [Fact]
    public async Task Open_AgentKeyWithCertificateFile_LogsIn()
    {
        await using var agent = await SshAgentProcess.StartAsync(_timeout.Token);
        var keyPath = await NewCertifiedKeyAsync("ed25519", [Sshd.Username], ValidNow, agent.Directory);
        await agent.AddKeyTextAsync(await File.ReadAllTextAsync(keyPath, _timeout.Token), _timeout.Token);
        File.Delete(keyPath);
        var identities = new ConfiguredIdentities { CertificateFiles = [keyPath + "-cert.pub"], IdentityAgent = agent.SocketPath };

        var user = await DirectConnect.WhoAmIAsync(_server, Sshd, identities);

        Assert.Equal(Sshd.Username, user);
    }

    [Fact]
    public async Task Open_ExpiredCertificate_SaysItExpiredAndWhen()
    {
        var keyPath = await NewCertifiedKeyAsync("ed25519", [Sshd.Username], "20200101:20200102");

        var error = await _server.CallErrorAsync("ssh_open", Arguments(keyPath));

        Assert.Contains($"The certificate {keyPath}-cert.pub expired at 2020-01-02 00:00:00Z; get a new one from your certificate authority.", error, StringComparison.Ordinal);
        Assert.Contains("Permission denied (publickey)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_CertificateForAnotherPrincipal_SaysPrincipalNotAllowed()
    {
        var keyPath = await NewCertifiedKeyAsync("ed25519", ["alice", "bob"], ValidNow);

        var error = await _server.CallErrorAsync("ssh_open", Arguments(keyPath));

        Assert.Contains($"Principal '{Sshd.Username}' is not allowed by the certificate {keyPath}-cert.pub (it allows: alice, bob)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_ExpiredCertificateHeldInAgent_SaysItExpired()
    {
        await using var agent = await SshAgentProcess.StartAsync(_timeout.Token);
        var keyPath = await NewCertifiedKeyAsync("ed25519", [Sshd.Username], "20200101:20200102", agent.Directory);
        await agent.AddKeyFileAsync(keyPath, _timeout.Token);
        File.Delete(keyPath);
        await using var server = await McpServerHarness.StartAsync(new Dictionary<string, string?> { ["SshMcp:AgentSocket"] = agent.SocketPath });

        var error = await server.CallErrorAsync("ssh_open", Arguments(null));

        Assert.Contains("held in the ssh-agent expired at 2020-01-02 00:00:00Z", error, StringComparison.Ordinal);
    }

    private Dictionary<string, object?> Arguments(string? privateKeyPath) => new()
    {
        ["host"] = Sshd.Host,
        ["port"] = Sshd.Port,
        ["username"] = Sshd.Username,
        ["privateKeyPath"] = privateKeyPath,
    };

    /// <summary>A new key in <paramref name="directory"/> (default: this test's) with <c>KEY-cert.pub</c> beside it; returns the key's path.</summary>
    private async Task<string> NewCertifiedKeyAsync(string type, string[] principals, string validity, string? directory = null)
    {
        var name = $"{type}-{Guid.NewGuid():N}";
        await TestKeyPair.GenerateAsync(type, directory ?? _keys, _timeout.Token, keepFiles: true, name: name);
        var keyPath = Path.Combine(directory ?? _keys, name);
        await fixture.Authority.SignAsync(keyPath + ".pub", principals, validity, _timeout.Token);
        return keyPath;
    }
}
