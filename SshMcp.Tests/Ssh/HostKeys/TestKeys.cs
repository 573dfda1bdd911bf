namespace SshMcp.Tests.Ssh.HostKeys;

/// <summary>Keys generated once per test class by the real ssh-keygen (RSA generation is slow enough to share).</summary>
public sealed class TestKeys : IDisposable
{
    private readonly TempDirectory _directory = new();

    public TestKeys()
    {
        Ed25519 = SshKeygen.Generate(_directory.Path, "ed25519", "ed25519");
        OtherEd25519 = SshKeygen.Generate(_directory.Path, "ed25519-other", "ed25519");
        Ecdsa = SshKeygen.Generate(_directory.Path, "ecdsa", "ecdsa", 256);
        Rsa = SshKeygen.Generate(_directory.Path, "rsa", "rsa", 2048);
    }

    internal TestKey Ed25519 { get; }

    internal TestKey OtherEd25519 { get; }

    internal TestKey Ecdsa { get; }

    internal TestKey Rsa { get; }

    public void Dispose() => _directory.Dispose();
}
