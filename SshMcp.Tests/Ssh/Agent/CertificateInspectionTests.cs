using Renci.SshNet.Security;
using SshMcp.Server.Ssh;
using SshMcp.Server.Ssh.Agent;
using SshMcp.Tests.Infrastructure;

namespace SshMcp.Tests.Ssh.Agent;

/// <summary>What is read locally from certificates that ssh-keygen made: the key they certify, and why one cannot log in.</summary>
public sealed class CertificateInspectionTests : IAsyncLifetime, IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));
    private readonly string _keys = Directory.CreateTempSubdirectory("sshmcp-certinfo-").FullName;
    private TestCertificateAuthority _authority = null!;

    public async Task InitializeAsync() => _authority = await TestCertificateAuthority.CreateAsync(_timeout.Token);

    public Task DisposeAsync()
    {
        _authority.Dispose();
        Directory.Delete(_keys, recursive: true);
        return Task.CompletedTask;
    }

    public void Dispose() => _timeout.Dispose();

    [Theory]
    [InlineData("ed25519")]
    [InlineData("ecdsa")]
    [InlineData("rsa")]
    public async Task PlainBlob_CertificateOfEachKeyType_IsTheCertifiedKeysBlob(string type)
    {
        var (key, certificateBlob) = await CertifyAsync(type, ["deploy"], "-5m:+1h");

        Assert.Equal(key.PublicBlob, CertifiedKey.PlainBlob(certificateBlob));
    }

    [Fact]
    public async Task PlainBlob_PlainKey_IsNull()
    {
        var key = await TestKeyPair.GenerateAsync("ed25519", _keys, _timeout.Token);

        Assert.Null(CertifiedKey.PlainBlob(key.PublicBlob));
    }

    [Fact]
    public async Task CertificateProblem_ValidForTheUser_IsNone()
    {
        var (_, blob) = await CertifyAsync("ed25519", ["deploy"], "-5m:+1h");

        Assert.Null(CredentialMessages.CertificateProblem("c", new Certificate(blob), "deploy", DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task CertificateProblem_NotYetValid_SaysFromWhen()
    {
        var (_, blob) = await CertifyAsync("ed25519", ["deploy"], "20990101:20990102");

        var problem = CredentialMessages.CertificateProblem("c", new Certificate(blob), "deploy", DateTimeOffset.UtcNow);

        Assert.StartsWith("the certificate c is not valid before 2099-01-01 00:00:00Z", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CertificateProblem_NoPrincipals_SaysSshdRefusesIt()
    {
        var (_, blob) = await CertifyAsync("ed25519", [], "-5m:+1h");

        var problem = CredentialMessages.CertificateProblem("c", new Certificate(blob), "deploy", DateTimeOffset.UtcNow);

        Assert.Equal("the certificate c lists no principals, which sshd refuses; get one issued for 'deploy'.", problem);
    }

    private async Task<(TestKeyPair Key, byte[] CertificateBlob)> CertifyAsync(string type, string[] principals, string validity)
    {
        var name = $"{type}-{Guid.NewGuid():N}";
        var key = await TestKeyPair.GenerateAsync(type, _keys, _timeout.Token, keepFiles: true, name: name);
        var certificatePath = await _authority.SignAsync(Path.Combine(_keys, name + ".pub"), principals, validity, _timeout.Token);
        return (key, PublicKeyFile.TryRead(certificatePath)!);
    }
}
