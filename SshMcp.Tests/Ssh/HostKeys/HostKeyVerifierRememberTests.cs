using System.Runtime.Versioning;
using SshMcp.Server.Ssh.HostKeys;

namespace SshMcp.Tests.Ssh.HostKeys;

public sealed class HostKeyVerifierRememberTests(TestKeys keys) : IClassFixture<TestKeys>, IDisposable
{
    private readonly TestKeys _keys = keys;
    private readonly TempDirectory _dir = new();
    private readonly ListLogger<HostKeyVerifier> _logger = new();

    private string StoreDirectory => _dir.File("config/sshmcp");

    private string StoreFile => Path.Combine(StoreDirectory, "known_hosts");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Remember_AfterNewlyTrusted_IsKnownToThisAndANewVerifier()
    {
        var verifier = Verifier(HostKeyPolicy.AcceptNew);
        Assert.Equal(HostKeyStatus.NewlyTrusted, verifier.Check("127.0.0.1", 2222, _keys.Ed25519.Blob, null).Status);

        verifier.Remember("127.0.0.1", 2222, _keys.Ed25519.Blob);

        Assert.Equal(HostKeyStatus.Known, verifier.Check("127.0.0.1", 2222, _keys.Ed25519.Blob, null).Status);
        Assert.Equal(HostKeyStatus.Known, Verifier(HostKeyPolicy.Strict).Check("127.0.0.1", 2222, _keys.Ed25519.Blob, null).Status);
        Assert.False(Verifier(HostKeyPolicy.AcceptNew).Check("127.0.0.1", 2222, _keys.OtherEd25519.Blob, null).Trusted);
        Assert.Equal(1, _logger.Count(2020));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")] // Unix modes; the suite runs on Linux
    public void Remember_NewStore_IsOwnerOnly()
    {
        Verifier(HostKeyPolicy.AcceptNew).Remember("127.0.0.1", 2222, _keys.Ed25519.Blob);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(StoreFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(StoreDirectory));
        Assert.Equal([StoreFile], Directory.GetFiles(StoreDirectory)); // no temporary file left behind
    }

    [Fact]
    public void Remember_ExistingStore_KeepsItsLinesAndWritesOpenSshFormat()
    {
        Directory.CreateDirectory(StoreDirectory);
        File.WriteAllText(StoreFile, "# kept comment\n" + _keys.Rsa.Line("old.example.com")); // no final newline
        var verifier = Verifier(HostKeyPolicy.AcceptNew);

        verifier.Remember("Server.Example.com", 22, _keys.Ecdsa.Blob);
        verifier.Remember("127.0.0.1", 2222, _keys.Ed25519.Blob);

        Assert.Equal(
            [
                "# kept comment",
                _keys.Rsa.Line("old.example.com"),
                _keys.Ecdsa.Line("server.example.com"),
                _keys.Ed25519.Line("[127.0.0.1]:2222"),
            ],
            File.ReadAllLines(StoreFile));
        Assert.Contains(_keys.Ed25519.Base64, SshKeygen.Find(StoreFile, "[127.0.0.1]:2222"), StringComparison.Ordinal);
        Assert.Contains(_keys.Ecdsa.Base64, SshKeygen.Find(StoreFile, "server.example.com"), StringComparison.Ordinal);
    }

    [Fact]
    public void Remember_SameKeyTwice_WritesOneLine()
    {
        var verifier = Verifier(HostKeyPolicy.AcceptNew);

        verifier.Remember("127.0.0.1", 2222, _keys.Ed25519.Blob);
        verifier.Remember("127.0.0.1", 2222, _keys.Ed25519.Blob);

        Assert.Single(File.ReadAllLines(StoreFile));
    }

    [Fact]
    public void Remember_ConcurrentCalls_LoseNoEntry()
    {
        var verifier = Verifier(HostKeyPolicy.AcceptNew);

        Parallel.For(0, 40, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => verifier.Remember($"host{i}.example.com", 2200 + i, _keys.Ed25519.Blob));

        Assert.Equal(40, File.ReadAllLines(StoreFile).Length);
        for (var i = 0; i < 40; i++)
        {
            Assert.Equal(HostKeyStatus.Known, verifier.Check($"host{i}.example.com", 2200 + i, _keys.Ed25519.Blob, null).Status);
        }
    }

    [Theory]
    [InlineData(HostKeyPolicy.Strict)]
    [InlineData(HostKeyPolicy.Off)]
    public void Remember_PolicyOtherThanAcceptNew_WritesNothing(HostKeyPolicy policy)
    {
        Verifier(policy).Remember("127.0.0.1", 2222, _keys.Ed25519.Blob);

        Assert.False(File.Exists(StoreFile));
    }

    [Fact]
    public void Remember_HostNameThatWouldWidenAPattern_Throws()
    {
        var verifier = Verifier(HostKeyPolicy.AcceptNew);

        Assert.Throws<ArgumentException>(() => verifier.Remember("evil.example.com,*", 22, _keys.Ed25519.Blob));
        Assert.False(File.Exists(StoreFile));
    }

    [Fact]
    public void Remember_StoreNotWritable_LogsAndDoesNotThrow()
    {
        File.WriteAllText(_dir.File("config"), "a file where the store's directory should be");

        Verifier(HostKeyPolicy.AcceptNew).Remember("127.0.0.1", 2222, _keys.Ed25519.Blob);

        Assert.Equal(1, _logger.Count(2021));
    }

    private HostKeyVerifier Verifier(HostKeyPolicy policy) => new(
        new HostKeyOptions { Policy = policy, UserKnownHostsPath = null, StorePath = StoreFile },
        _logger);
}
