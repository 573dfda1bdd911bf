using System.Diagnostics;
using System.Security.Cryptography;
using SshMcp.Server.Ssh.Agent;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Ssh.Agent;

/// <summary>The agent protocol client against a real ssh-agent holding keys that exist nowhere on disk.</summary>
public sealed class SshAgentClientTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly CancellationTokenSource _timeout = new(Bound);
    private SshAgentProcess _agent = null!;

    public async Task InitializeAsync() => _agent = await SshAgentProcess.StartAsync(_timeout.Token);

    public async Task DisposeAsync() => await _agent.DisposeAsync();

    public void Dispose() => _timeout.Dispose();

    [Fact]
    public async Task ListIdentities_EmptyAgent_ReturnsNone()
    {
        var identities = await Client().ListIdentitiesAsync(_timeout.Token);

        Assert.Empty(identities);
    }

    [Fact]
    public async Task ListIdentities_KeyOfEachType_ReturnsBlobTypeAndComment()
    {
        var keys = new List<TestKeyPair>();
        foreach (var type in new[] { "ed25519", "ecdsa", "rsa" })
        {
            keys.Add(await AddNewKeyAsync(type));
        }

        var identities = await Client().ListIdentitiesAsync(_timeout.Token);

        Assert.Equal(keys.Select(k => k.PublicKeyLine.Split(' ')[0]), identities.Select(i => i.KeyType));
        Assert.Equal(keys.Select(k => Convert.ToBase64String(k.PublicBlob)), identities.Select(i => Convert.ToBase64String(i.Blob)));
        Assert.Equal(["test-ed25519", "test-ecdsa", "test-rsa"], identities.Select(i => i.Comment));
    }

    [Theory]
    [InlineData(AgentProtocol.RsaSha2512, "rsa-sha2-512")]
    [InlineData(AgentProtocol.RsaSha2256, "rsa-sha2-256")]
    public async Task Sign_RsaKeyWithFlag_SignsWithThatHashAndVerifies(uint flags, string algorithm)
    {
        var key = await AddNewKeyAsync("rsa");
        var data = RandomNumberGenerator.GetBytes(64);

        var signature = Client().Sign(key.PublicBlob, data, flags);

        var (name, blob) = ReadSignature(signature);
        Assert.Equal(algorithm, name);
        using var rsa = RsaFromBlob(key.PublicBlob);
        var hash = algorithm == "rsa-sha2-512" ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256;
        Assert.True(rsa.VerifyData(data, blob, hash, RSASignaturePadding.Pkcs1));
        Assert.False(rsa.VerifyData(RandomNumberGenerator.GetBytes(64), blob, hash, RSASignaturePadding.Pkcs1));
    }

    [Theory]
    [InlineData("ed25519", "ssh-ed25519")]
    [InlineData("ecdsa", "ecdsa-sha2-nistp256")]
    public async Task Sign_OtherKeyTypes_ReturnsSignatureOfTheirAlgorithm(string type, string algorithm)
    {
        var key = await AddNewKeyAsync(type);

        var (name, blob) = ReadSignature(Client().Sign(key.PublicBlob, RandomNumberGenerator.GetBytes(64), 0));

        Assert.Equal(algorithm, name);
        Assert.NotEmpty(blob);
    }

    [Fact]
    public async Task Sign_KeyTheAgentDoesNotHold_IsRefused()
    {
        var stranger = await TestKeyPair.GenerateAsync("ed25519", _agent.Directory, _timeout.Token);

        var error = Assert.Throws<SshAgentException>(() => Client().Sign(stranger.PublicBlob, [1, 2, 3], 0));

        Assert.Equal(SshAgentFailure.Refused, error.Failure);
    }

    [Fact]
    public async Task ListIdentities_NoSocketThere_IsUnreachable()
    {
        var client = new SshAgentClient(Path.Combine(_agent.Directory, "missing.sock"), Bound);

        var error = await Assert.ThrowsAsync<SshAgentException>(() => client.ListIdentitiesAsync(_timeout.Token));

        Assert.Equal(SshAgentFailure.Unreachable, error.Failure);
    }

    [Fact]
    public async Task ListIdentities_AgentFrozen_TimesOutWithinItsBound()
    {
        await _agent.SignalAsync("STOP", _timeout.Token);
        try
        {
            var client = new SshAgentClient(_agent.SocketPath, TimeSpan.FromMilliseconds(300));
            var clock = Stopwatch.StartNew();

            var error = await Assert.ThrowsAsync<SshAgentException>(() => client.ListIdentitiesAsync(_timeout.Token));

            Assert.Equal(SshAgentFailure.Timeout, error.Failure);
            Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), Bound);
        }
        finally
        {
            await _agent.SignalAsync("CONT", _timeout.Token);
        }
    }

    [Fact]
    public async Task Sign_AgentFrozen_TimesOut()
    {
        var key = await AddNewKeyAsync("ed25519");
        await _agent.SignalAsync("STOP", _timeout.Token);
        try
        {
            var client = new SshAgentClient(_agent.SocketPath, TimeSpan.FromMilliseconds(300));

            var error = Assert.Throws<SshAgentException>(() => client.Sign(key.PublicBlob, [1, 2, 3], 0));

            Assert.Equal(SshAgentFailure.Timeout, error.Failure);
        }
        finally
        {
            await _agent.SignalAsync("CONT", _timeout.Token);
        }
    }

    [Fact]
    public async Task ListIdentities_CallerCancels_ThrowsCancellationNotTimeout()
    {
        await _agent.SignalAsync("STOP", _timeout.Token);
        try
        {
            using var caller = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client().ListIdentitiesAsync(caller.Token));
        }
        finally
        {
            await _agent.SignalAsync("CONT", _timeout.Token);
        }
    }

    private SshAgentClient Client() => new(_agent.SocketPath, Bound);

    private async Task<TestKeyPair> AddNewKeyAsync(string type)
    {
        var key = await TestKeyPair.GenerateAsync(type, _agent.Directory, _timeout.Token);
        await _agent.AddKeyTextAsync(key.PrivateKeyText, _timeout.Token);
        return key;
    }

    private static (string Name, byte[] Blob) ReadSignature(byte[] signature)
    {
        var reader = new SshWireReader(signature);
        return (reader.ReadText(), reader.ReadString().ToArray());
    }

    private static RSA RsaFromBlob(byte[] blob)
    {
        var reader = new SshWireReader(blob);
        reader.ReadString();
        var exponent = reader.ReadString().TrimStart((byte)0).ToArray();
        var modulus = reader.ReadString().TrimStart((byte)0).ToArray();
        return RSA.Create(new RSAParameters { Exponent = exponent, Modulus = modulus });
    }
}
