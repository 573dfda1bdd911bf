using SshMcp.Server.Ssh.HostKeys;

namespace SshMcp.Tests.Ssh.HostKeys;

public sealed class HostKeyBlobTests(TestKeys keys) : IClassFixture<TestKeys>
{
    private readonly TestKeys _keys = keys;

    [Theory]
    [InlineData("ed25519", "ssh-ed25519")]
    [InlineData("ecdsa", "ecdsa-sha2-nistp256")]
    [InlineData("rsa", "ssh-rsa")]
    public void Sha256Fingerprint_KeyFromSshKeygen_EqualsSshKeygenLf(string which, string keyType)
    {
        var key = which switch { "ed25519" => _keys.Ed25519, "ecdsa" => _keys.Ecdsa, _ => _keys.Rsa };

        var fingerprint = HostKeyBlob.Sha256Fingerprint(key.Blob);

        Assert.Equal(SshKeygen.Fingerprint(key.PublicKeyPath), fingerprint);
        Assert.True(HostKeyBlob.TryReadKeyType(key.Blob, out var readType));
        Assert.Equal(keyType, readType);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0, 0, 0 })]
    [InlineData(new byte[] { 0, 0, 0, 0 })]
    [InlineData(new byte[] { 0, 0, 0, 5, (byte)'s', (byte)'s' })]
    [InlineData(new byte[] { 0, 0, 0, 2, (byte)'a', 0 })]
    [InlineData(new byte[] { 0xff, 0xff, 0xff, 0xff, (byte)'a' })]
    public void TryReadKeyType_MalformedBlob_ReturnsFalse(byte[] blob) =>
        Assert.False(HostKeyBlob.TryReadKeyType(blob, out _));

    [Theory]
    [InlineData("SHA256:", true)]
    [InlineData("", true)]
    [InlineData("sha256:", true)]
    [InlineData(" SHA256:", true)]
    [InlineData("SHA1:", false)]
    public void TryNormalizeFingerprint_PrefixVariants_NormalizeToSshKeygenForm(string prefix, bool valid)
    {
        var fingerprint = SshKeygen.Fingerprint(_keys.Ed25519.PublicKeyPath);
        var body = fingerprint["SHA256:".Length..];

        Assert.Equal(valid, HostKeyBlob.TryNormalizeFingerprint(prefix + body + "=", out var normalized));
        Assert.Equal(valid ? fingerprint : null, normalized);
    }
}
