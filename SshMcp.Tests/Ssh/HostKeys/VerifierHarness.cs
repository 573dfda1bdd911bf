using SshMcp.Server.Ssh.HostKeys;

namespace SshMcp.Tests.Ssh.HostKeys;

/// <summary>A temp directory with a user known_hosts and a store path, a capturing logger, and verifiers over them.</summary>
internal sealed class VerifierHarness : IDisposable
{
    private readonly TempDirectory _dir = new();

    public string UserFile => _dir.File("known_hosts");

    public string StoreFile => _dir.File("store/known_hosts");

    public ListLogger<HostKeyVerifier> Logger { get; } = new();

    public HostKeyVerifier Verifier(HostKeyPolicy policy = HostKeyPolicy.AcceptNew) =>
        new(new HostKeyOptions { Policy = policy, UserKnownHostsPath = UserFile, StorePath = StoreFile }, Logger);

    public void WriteUserFile(params string[] lines) => File.WriteAllText(UserFile, string.Join('\n', lines) + "\n");

    public void WriteStoreFile(params string[] lines)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(StoreFile)!);
        File.WriteAllText(StoreFile, string.Join('\n', lines) + "\n");
    }

    public void Dispose() => _dir.Dispose();
}
