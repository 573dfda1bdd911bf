using SshMcp.Server.Ssh.HostKeys;

namespace SshMcp.Tests.Ssh.HostKeys;

/// <summary>Keys that are refused, and the messages that say why and what to do.</summary>
public sealed class HostKeyVerifierRefusalTests(TestKeys keys) : IClassFixture<TestKeys>, IDisposable
{
    private const string Host = "127.0.0.1";
    private readonly TestKeys _keys = keys;
    private readonly VerifierHarness _harness = new();

    private string UserFile => _harness.UserFile;

    private string StoreFile => _harness.StoreFile;

    public void Dispose() => _harness.Dispose();

    [Theory]
    [InlineData(HostKeyPolicy.AcceptNew)]
    [InlineData(HostKeyPolicy.Strict)]
    public void Check_ChangedKey_IsRefusedNamingBothFingerprintsAndFile(HostKeyPolicy policy)
    {
        WriteUserFile("# first line", _keys.OtherEd25519.Line("[127.0.0.1]:2222"));

        var decision = Verifier(policy).Check(Host, 2222, _keys.Ed25519.Blob, null);

        Assert.False(decision.Trusted);
        Assert.Equal(Fingerprint(_keys.Ed25519), decision.Fingerprint);
        Assert.Equal(
            $"Host key for 127.0.0.1:2222 has changed: known {Fingerprint(_keys.OtherEd25519)} (ssh-ed25519, in {UserFile} line 2), "
            + $"presented {Fingerprint(_keys.Ed25519)} (ssh-ed25519). This can mean someone is intercepting the connection. "
            + $"If the host was re-keyed, remove the old entry (ssh-keygen -R '[127.0.0.1]:2222' -f {UserFile}) or pin the new key with hostKeyFingerprint.",
            decision.RefusalMessage);
        Assert.Equal(1, _harness.Logger.Count(2010));
    }

    // OpenSSH 9.2 (measured): a host known only by an ecdsa key that presents an ed25519 key gets
    // "REMOTE HOST IDENTIFICATION HAS CHANGED" and is refused under accept-new and strict. We do the same.
    [Theory]
    [InlineData(HostKeyPolicy.AcceptNew)]
    [InlineData(HostKeyPolicy.Strict)]
    public void Check_HostKnownOnlyWithOtherKeyType_IsRefusedAsChanged(HostKeyPolicy policy)
    {
        WriteUserFile(_keys.Ecdsa.Line("[127.0.0.1]:2222"));

        var decision = Verifier(policy).Check(Host, 2222, _keys.Ed25519.Blob, null);

        Assert.False(decision.Trusted);
        Assert.Contains($"known {Fingerprint(_keys.Ecdsa)} (ecdsa-sha2-nistp256, in {UserFile} line 1)", decision.RefusalMessage, StringComparison.Ordinal);
        Assert.Contains($"presented {Fingerprint(_keys.Ed25519)} (ssh-ed25519)", decision.RefusalMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ChangedKeyKnownInBothFiles_NamesTheSameTypeEntryAndBothFiles()
    {
        WriteUserFile(_keys.Rsa.Line("[127.0.0.1]:2222"), _keys.OtherEd25519.Line("[127.0.0.1]:2222"));
        _harness.WriteStoreFile(_keys.Ecdsa.Line("[127.0.0.1]:2222"));

        var message = Verifier().Check(Host, 2222, _keys.Ed25519.Blob, null).RefusalMessage;

        Assert.Contains($"known {Fingerprint(_keys.OtherEd25519)} (ssh-ed25519, in {UserFile} line 2) (2 more known keys", message, StringComparison.Ordinal);
        Assert.Contains($"-f {UserFile}; ssh-keygen -R '[127.0.0.1]:2222' -f {StoreFile})", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_RevokedKey_IsRefusedEvenWhenAlsoListedAsKnown()
    {
        WriteUserFile(_keys.Ed25519.Line("[127.0.0.1]:2222"), "@revoked * " + _keys.Ed25519.Line("").TrimStart());

        var decision = Verifier().Check(Host, 2222, _keys.Ed25519.Blob, null);

        Assert.False(decision.Trusted);
        Assert.Equal(
            $"Host key {Fingerprint(_keys.Ed25519)} (ssh-ed25519) presented by 127.0.0.1:2222 is marked @revoked in {UserFile} line 2 "
            + "and is never accepted, pinned or not. Ask the host's administrator which key the host should have now.",
            decision.RefusalMessage);
    }

    [Fact]
    public void Check_RevokedKeyWithMatchingPin_IsRefused()
    {
        WriteUserFile("@revoked [127.0.0.1]:2222 " + _keys.Ed25519.Type + " " + _keys.Ed25519.Base64);

        var decision = Verifier(HostKeyPolicy.Off).Check(Host, 2222, _keys.Ed25519.Blob, Fingerprint(_keys.Ed25519));

        Assert.False(decision.Trusted);
        Assert.Contains("@revoked", decision.RefusalMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_RevokedKeyForOtherHost_DoesNotApply()
    {
        WriteUserFile("@revoked other.example.com " + _keys.Ed25519.Type + " " + _keys.Ed25519.Base64);

        var decision = Verifier().Check(Host, 2222, _keys.Ed25519.Blob, null);

        Assert.Equal(HostKeyStatus.NewlyTrusted, decision.Status);
    }

    [Fact]
    public void Check_UnknownHostUnderStrict_IsRefusedSayingHowToTrustIt()
    {
        var decision = Verifier(HostKeyPolicy.Strict).Check(Host, 2222, _keys.Ed25519.Blob, null);

        Assert.False(decision.Trusted);
        Assert.Equal(HostKeyStatus.Unchecked, decision.Status);
        Assert.Equal(
            $"Host 127.0.0.1:2222 is not known (looked in {UserFile}, {StoreFile}) and SshMcp:HostKeyPolicy is strict. "
            + $"It presented {Fingerprint(_keys.Ed25519)} (ssh-ed25519). To trust it, add its key to known_hosts "
            + "(ssh-keyscan -p 2222 127.0.0.1 >> ~/.ssh/known_hosts, after checking the fingerprint with the host's administrator), "
            + "pass a confirmed hostKeyFingerprint, or set SshMcp:HostKeyPolicy=accept-new.",
            decision.RefusalMessage);
    }

    [Fact]
    public void Check_UnreadableKnownHostsFile_IsRefusedNamingTheFile()
    {
        Directory.CreateDirectory(UserFile); // a directory where the file should be: exists, cannot be read

        var decision = Verifier().Check(Host, 2222, _keys.Ed25519.Blob, null);

        Assert.False(decision.Trusted);
        Assert.StartsWith($"Cannot read the known hosts file {UserFile} (", decision.RefusalMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", decision.RefusalMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("server example.com")]
    [InlineData("*")]
    [InlineData("a.example.com,*")]
    [InlineData("")]
    public void Check_HostNameWithPatternCharacters_IsRefused(string host)
    {
        var decision = Verifier(HostKeyPolicy.Off).Check(host, 22, _keys.Ed25519.Blob, null);

        Assert.False(decision.Trusted);
        Assert.Contains("is not a valid host name", decision.RefusalMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_MalformedKeyBlob_IsRefused()
    {
        var decision = Verifier().Check(Host, 2222, [0, 0, 0, 9, 1], null);

        Assert.False(decision.Trusted);
        Assert.Equal("127.0.0.1:2222 presented a host key that is not a valid SSH public key; the connection was refused.", decision.RefusalMessage);
    }

    private static string Fingerprint(TestKey key) => SshKeygen.Fingerprint(key.PublicKeyPath);

    private HostKeyVerifier Verifier(HostKeyPolicy policy = HostKeyPolicy.AcceptNew) => _harness.Verifier(policy);

    private void WriteUserFile(params string[] lines) => _harness.WriteUserFile(lines);
}
