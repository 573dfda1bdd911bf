using SshMcp.Server.Ssh.HostKeys;

namespace SshMcp.Tests.Ssh.HostKeys;

public sealed class HostKeyVerifierPinTests(TestKeys keys) : IClassFixture<TestKeys>, IDisposable
{
    private readonly TestKeys _keys = keys;
    private readonly VerifierHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Theory]
    [InlineData(HostKeyPolicy.AcceptNew, "{0}")]
    [InlineData(HostKeyPolicy.Strict, "{0}")]
    [InlineData(HostKeyPolicy.Off, "{0}")]
    [InlineData(HostKeyPolicy.Strict, "{1}")]
    [InlineData(HostKeyPolicy.Strict, "{1}=")]
    [InlineData(HostKeyPolicy.Strict, "  sha256:{1}=  ")]
    public void Check_PinMatches_IsPinnedUnderEveryPolicy(HostKeyPolicy policy, string pinFormat)
    {
        var fingerprint = SshKeygen.Fingerprint(_keys.Ed25519.PublicKeyPath);
        var pin = string.Format(System.Globalization.CultureInfo.InvariantCulture, pinFormat, fingerprint, fingerprint["SHA256:".Length..]);

        var decision = Verifier(policy).Check("127.0.0.1", 2222, _keys.Ed25519.Blob, pin);

        Assert.Equal(new HostKeyDecision(true, HostKeyStatus.Pinned, fingerprint, null), decision);
    }

    [Fact]
    public void Check_PinMatchesButKnownHostsHasOtherKey_PinDecides()
    {
        _harness.WriteUserFile(_keys.OtherEd25519.Line("[127.0.0.1]:2222"));
        var fingerprint = SshKeygen.Fingerprint(_keys.Ed25519.PublicKeyPath);

        var decision = Verifier(HostKeyPolicy.Strict).Check("127.0.0.1", 2222, _keys.Ed25519.Blob, fingerprint);

        Assert.Equal(HostKeyStatus.Pinned, decision.Status);
    }

    [Theory]
    [InlineData(HostKeyPolicy.AcceptNew)]
    [InlineData(HostKeyPolicy.Off)]
    public void Check_PinMismatch_IsRefusedNamingHostAndBothFingerprints(HostKeyPolicy policy)
    {
        _harness.WriteUserFile(_keys.Ed25519.Line("[127.0.0.1]:2222"));
        var expected = SshKeygen.Fingerprint(_keys.OtherEd25519.PublicKeyPath);
        var presented = SshKeygen.Fingerprint(_keys.Ed25519.PublicKeyPath);

        var decision = Verifier(policy).Check("127.0.0.1", 2222, _keys.Ed25519.Blob, expected);

        Assert.False(decision.Trusted);
        Assert.Equal(
            $"Host key for 127.0.0.1:2222 does not match hostKeyFingerprint: expected {expected}, presented {presented} (ssh-ed25519). "
            + "This can mean someone is intercepting the connection, or the pinned value is out of date.",
            decision.RefusalMessage);
    }

    [Theory]
    [InlineData("SHA256:tooShort")]
    [InlineData("MD5:7f:95:aa")]
    [InlineData("SHA256:!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!")]
    public void Check_PinNotASha256Fingerprint_IsRefused(string pin)
    {
        var decision = Verifier(HostKeyPolicy.AcceptNew).Check("127.0.0.1", 2222, _keys.Ed25519.Blob, pin);

        Assert.False(decision.Trusted);
        Assert.Equal(
            $"hostKeyFingerprint '{pin}' is not a SHA256 fingerprint. Pass it as 'ssh-keygen -lf' prints it: SHA256: followed by 43 base64 characters.",
            decision.RefusalMessage);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Check_EmptyPin_IsIgnored(string? pin)
    {
        var decision = Verifier(HostKeyPolicy.AcceptNew).Check("127.0.0.1", 2222, _keys.Ed25519.Blob, pin);

        Assert.Equal(HostKeyStatus.NewlyTrusted, decision.Status);
    }

    private HostKeyVerifier Verifier(HostKeyPolicy policy) => _harness.Verifier(policy);
}
